package io.aleph4j.kernel.internal.plugin;

import io.aleph4j.api.AlephPlugin;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;

/** A plugin found somewhere, not yet loaded: its descriptor and how to get its entry point. */
public record PluginCandidate(PluginDescriptor descriptor, String source, Origin origin) {

    /** Where the candidate's classes come from. */
    public sealed interface Origin {
    }

    /** Classes already on the application's class path. */
    public record OnClasspath(ClassLoader classLoader) implements Origin {
    }

    /** A jar, zip or directory in a plugins directory: gets its own PF4J class loader. */
    public record InDirectory(Path pluginPath) implements Origin {
    }

    /** An object the embedding application handed over. */
    public record Inline(AlephPlugin instance) implements Origin {
    }

    public PluginCandidate {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
    }

    public String id() {
        return descriptor.getPluginId();
    }

    public String version() {
        return descriptor.getVersion();
    }

    public List<String> dependencyIds() {
        return descriptor.getDependencies().stream().map(PluginDependency::getPluginId).toList();
    }

    public String label() {
        return "plugin '" + id() + "' " + version() + " (" + source + ")";
    }
}
