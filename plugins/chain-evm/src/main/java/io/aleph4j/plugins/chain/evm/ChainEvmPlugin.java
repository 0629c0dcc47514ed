package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.config.ConfigKey;
import java.util.List;

/** Contributes the {@link ChainBridge} for Ethereum and the EVM chains. */
public final class ChainEvmPlugin implements AlephPlugin {

    static final ConfigKey<List<String>> CHAINS = ConfigKey.stringList("chains", EvmChains.CODES,
            "Chain codes whose EIP-191 signatures this node verifies; each must be one the reference verifies so.");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(CHAINS);
    }

    @Override
    public void register(NodeContext context) {
        context.contribute(ChainBridge.class, new EvmBridge(EvmChains.of(context.config().get(CHAINS))));
    }
}
