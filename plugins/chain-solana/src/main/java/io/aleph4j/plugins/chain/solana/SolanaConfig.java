package io.aleph4j.plugins.chain.solana;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import java.util.Objects;

/** chain-solana's config, typed: how it verifies Ed25519 signatures. */
record SolanaConfig(Ed25519Choice ed25519) {

    SolanaConfig {
        Objects.requireNonNull(ed25519, "ed25519");
    }

    /** @throws ConfigException naming a choice that is not auto, aws-lc or bouncycastle */
    static SolanaConfig from(PluginConfig section) {
        try {
            return new SolanaConfig(Ed25519Choice.of(section.get(ChainSolanaPlugin.ED25519)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("chain-solana.ed25519: " + e.getMessage(), e);
        }
    }
}
