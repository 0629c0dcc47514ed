package io.aleph4j.plugins.content.fs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class ContentFsPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "content-fs";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ContentFsPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ContentStore.class);
    }
}
