package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import java.util.Objects;

/** chain-tezos's config, typed: how it verifies Ed25519 (tz1) signatures. */
record TezosConfig(Ed25519Choice ed25519) {

    TezosConfig {
        Objects.requireNonNull(ed25519, "ed25519");
    }

    /** @throws ConfigException naming a choice that is not auto, aws-lc or bouncycastle */
    static TezosConfig from(PluginConfig section) {
        try {
            return new TezosConfig(Ed25519Choice.of(section.get(ChainTezosPlugin.ED25519)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("chain-tezos.ed25519: " + e.getMessage(), e);
        }
    }
}
