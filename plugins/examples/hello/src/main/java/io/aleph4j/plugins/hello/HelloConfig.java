package io.aleph4j.plugins.hello;

import io.aleph4j.api.config.PluginConfig;
import java.util.Objects;

/** The plugin's config section, typed: what its classes receive instead of reading keys one by one. */
record HelloConfig(String greeting) {

    HelloConfig {
        Objects.requireNonNull(greeting, "greeting");
    }

    static HelloConfig from(PluginConfig section) {
        return new HelloConfig(section.get(HelloPlugin.GREETING));
    }
}
