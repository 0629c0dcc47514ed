package io.aleph4j.plugins.chain.solana;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.chain.ChainBridge;

/** Contributes the {@link ChainBridge} for Solana and Eclipse. */
public final class ChainSolanaPlugin implements AlephPlugin {

    @Override
    public void register(Registrar registrar) {
        registrar.extension(ChainBridge.class, SolanaBridge.class);
    }
}
