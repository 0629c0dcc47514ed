package io.aleph4j.plugins.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bridge's suite on libsecp256k1, which must load here: CI runs on Linux x86-64, where its jar has natives. */
final class EvmBridgeOnLibsecp256k1Test extends EvmBridgeSuite {

    @Override
    AddressRecovery recovery() {
        return NativeAddressRecovery.load();
    }

    @Test
    void theBridgeIsNamedAfterLibsecp256k1SoTheNodesStatusShowsIt() {
        assertThat(new EvmBridge(EvmChains.of(EvmChains.CODES), recovery()).extensionName())
                .isEqualTo("EvmBridge (libsecp256k1)");
    }
}
