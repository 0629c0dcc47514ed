package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.message.Chain;
import java.util.Set;

/** chain-evm's config, typed: the chains it verifies and how it recovers secp256k1 signers. */
record EvmConfig(Set<Chain> chains, Secp256k1Choice secp256k1) {

    EvmConfig {
        chains = Set.copyOf(chains);
    }

    /** @throws ConfigException naming a chain the reference does not verify with EIP-191, or a bad choice */
    static EvmConfig from(PluginConfig section) {
        Set<Chain> chains;
        try {
            chains = EvmChains.of(section.get(ChainEvmPlugin.CHAINS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("chain-evm.chains: " + e.getMessage(), e);
        }
        try {
            return new EvmConfig(chains, Secp256k1Choice.of(section.get(ChainEvmPlugin.SECP256K1)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("chain-evm.secp256k1: " + e.getMessage(), e);
        }
    }
}
