package io.aleph4j.plugins.content.ipfs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class ContentIpfsPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "content-ipfs";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ContentIpfsPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ContentStore.class);
    }
}
