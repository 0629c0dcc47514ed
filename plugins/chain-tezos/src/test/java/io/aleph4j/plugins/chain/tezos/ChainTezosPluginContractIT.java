package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class ChainTezosPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "chain-tezos";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ChainTezosPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ChainBridge.class);
    }
}
