package io.aleph4j.plugins.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bridge's suite on web3j, the fallback where libsecp256k1 does not load. */
final class EvmBridgeOnWeb3jTest extends EvmBridgeSuite {

    @Override
    AddressRecovery recovery() {
        return new Web3jAddressRecovery();
    }

    @Test
    void theBridgeIsNamedAfterWeb3jSoTheNodesStatusShowsIt() {
        assertThat(new EvmBridge(EvmChains.of(EvmChains.CODES), recovery()).extensionName())
                .isEqualTo("EvmBridge (web3j)");
    }
}
