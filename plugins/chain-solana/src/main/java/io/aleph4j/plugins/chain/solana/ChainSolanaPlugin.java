package io.aleph4j.plugins.chain.solana;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.config.ConfigKey;
import java.util.List;

/** Contributes the {@link ChainBridge} for Solana and Eclipse, built by the node from its config. */
public final class ChainSolanaPlugin implements AlephPlugin {

    static final ConfigKey<String> ED25519 = ConfigKey.string("ed25519", "auto",
            "How Ed25519 signatures are verified: auto (AWS-LC where its native library loads, else BouncyCastle), "
                    + "aws-lc (fail the start without it) or bouncycastle (pure Java).");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(ED25519);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(SolanaConfig.class, SolanaConfig::from);
        registrar.extension(ChainBridge.class, SolanaBridge.class);
    }
}
