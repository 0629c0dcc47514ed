package io.aleph4j.plugins.content.peers;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.content.ContentSource;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class ContentPeersPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "content-peers";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ContentPeersPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ContentSource.class);
    }
}
