package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.message.Chain;
import java.util.Set;

/** chain-evm's config, typed: the chains it verifies. */
record EvmConfig(Set<Chain> chains) {

    EvmConfig {
        chains = Set.copyOf(chains);
    }

    /** @throws ConfigException naming a chain the reference does not verify with EIP-191 */
    static EvmConfig from(PluginConfig section) {
        try {
            return new EvmConfig(EvmChains.of(section.get(ChainEvmPlugin.CHAINS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("chain-evm.chains: " + e.getMessage(), e);
        }
    }
}
