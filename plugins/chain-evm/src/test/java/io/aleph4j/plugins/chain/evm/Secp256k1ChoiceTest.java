package io.aleph4j.plugins.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class Secp256k1ChoiceTest {

    @Test
    void autoTakesLibsecp256k1WhereItsNativeLibraryLoads() {
        assertThat(Secp256k1Choice.of("auto").recovery().implementation()).isEqualTo("libsecp256k1");
    }

    @Test
    void web3jIsTakenWhenConfiguredEvenWhereTheLibraryWouldLoad() {
        assertThat(Secp256k1Choice.of("web3j").recovery()).isInstanceOf(Web3jAddressRecovery.class);
    }

    @Test
    void libsecp256k1CanBeRequired() {
        assertThat(Secp256k1Choice.of("LibSecp256k1").recovery()).isInstanceOf(NativeAddressRecovery.class);
    }

    @Test
    void anUnknownChoiceIsRefusedWithTheChoicesNamed() {
        assertThatThrownBy(() -> Secp256k1Choice.of("openssl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'openssl' is not auto, libsecp256k1 or web3j");
    }
}
