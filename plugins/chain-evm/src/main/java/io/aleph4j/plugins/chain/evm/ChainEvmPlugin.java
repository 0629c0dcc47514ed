package io.aleph4j.plugins.chain.evm;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.config.ConfigKey;
import java.util.List;

/** Contributes the {@link ChainBridge} for Ethereum and the EVM chains, built by the node from its config. */
public final class ChainEvmPlugin implements AlephPlugin {

    static final ConfigKey<List<String>> CHAINS = ConfigKey.stringList("chains", EvmChains.CODES,
            "Chain codes whose EIP-191 signatures this node verifies; each must be one the reference verifies so.");
    static final ConfigKey<String> SECP256K1 = ConfigKey.string("secp256k1", "auto",
            "How signers are recovered: auto (libsecp256k1 where its native library loads, else web3j), "
                    + "libsecp256k1 (fail the start without it) or web3j (pure Java).");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(CHAINS, SECP256K1);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(EvmConfig.class, EvmConfig::from);
        registrar.extension(ChainBridge.class, EvmBridge.class);
    }
}
