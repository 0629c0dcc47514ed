package io.aleph4j.plugins.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PluginContract;
import java.util.List;
import java.util.Set;

final class ApiHttpPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "api-http";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ApiHttpPlugin.class;
    }

    @Override
    protected List<InlinePlugin> companions() {
        return List.of(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()));
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(HttpRoutes.class);
    }

    @Override
    protected void checkRunning(EmbeddedNode node) {
        assertThat(node.get("/api/v0/version").body()).contains("\"version\"");
        assertThat(node.get("/api/v0/messages.json").statusCode()).isEqualTo(200);
    }
}
