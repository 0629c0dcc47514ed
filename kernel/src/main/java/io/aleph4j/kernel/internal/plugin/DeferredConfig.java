package io.aleph4j.kernel.internal.plugin;

import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;

/**
 * A plugin's config section, filled in once its keys (which the plugin object declares) have been validated.
 * A plugin that reads its config in its constructor is told to wait for register or start.
 */
public final class DeferredConfig implements PluginConfig {

    private final String section;
    private volatile PluginConfig validated;

    public DeferredConfig(String section) {
        this.section = section;
    }

    public void set(PluginConfig config) {
        this.validated = config;
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public <T> T get(ConfigKey<T> key) {
        PluginConfig config = validated;
        if (config == null) {
            throw new IllegalStateException("plugin '" + section + "' read config key '" + key.name()
                    + "' before its section was validated; read config from register or start, not the constructor");
        }
        return config.get(key);
    }
}
