package io.aleph4j.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A plugin a node runs.
 *
 * @param id           the plugin id (its config section name)
 * @param version      its version
 * @param source       where it was loaded from: {@code classpath}, {@code directory <path>} or {@code inline}
 * @param dependencies the ids it depends on (and is started after)
 */
public record PluginInfo(String id, String version, String source, List<String> dependencies) {

    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        dependencies = List.copyOf(dependencies);
    }
}
