package io.aleph4j.plugins.chain.solana;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PluginContract;

final class ChainSolanaPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "chain-solana";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ChainSolanaPlugin.class;
    }


    @Override
    protected void checkRunning(EmbeddedNode node) {
        assertThat(node.get("/aleph4j/status").body()).contains("\"id\":\"chain-solana\"");
    }
}
