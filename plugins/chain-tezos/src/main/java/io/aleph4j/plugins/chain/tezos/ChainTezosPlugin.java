package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.chain.ChainBridge;

/** Contributes the {@link ChainBridge} for Tezos. */
public final class ChainTezosPlugin implements AlephPlugin {

    @Override
    public void register(Registrar registrar) {
        registrar.extension(ChainBridge.class, TezosBridge.class);
    }
}
