package io.aleph4j.kernel;

import io.aleph4j.api.AlephPlugin;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plugin handed to the builder as an object instead of being found on the classpath or in a plugins
 * directory: an embedding application's own contribution, or a test's. It is ordered, configured and started
 * like any other plugin.
 *
 * @param id           plugin id and config section name
 * @param version      its version (semver)
 * @param dependencies ids of plugins it must start after; a trailing {@code ?} marks an optional one
 * @param plugin       the entry point
 */
public record InlinePlugin(String id, String version, List<String> dependencies, AlephPlugin plugin) {

    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    public InlinePlugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(plugin, "plugin");
        dependencies = List.copyOf(dependencies);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin id '" + id + "' must be lower-case words joined by '-'");
        }
    }

    public static InlinePlugin of(String id, AlephPlugin plugin, String... dependencies) {
        return new InlinePlugin(id, "0.0.0", List.of(dependencies), plugin);
    }
}
