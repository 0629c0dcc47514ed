package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.chain.ChainBridge;

/** Contributes the {@link ChainBridge} for Tezos. */
public final class ChainTezosPlugin implements AlephPlugin {

    @Override
    public void register(NodeContext context) {
        context.contribute(ChainBridge.class, new TezosBridge());
    }
}
