package io.aleph4j.plugins.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PluginContract;
import java.util.Map;
import java.util.Set;

final class HelloPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "hello";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return HelloPlugin.class;
    }


    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(HttpRoutes.class);
    }

    @Override
    protected Map<String, Object> startConfig() {
        return Map.of("greeting", "contract");
    }

    @Override
    protected void checkRunning(EmbeddedNode node) {
        var response = node.get("/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"greeting\":\"contract\"");
    }
}
