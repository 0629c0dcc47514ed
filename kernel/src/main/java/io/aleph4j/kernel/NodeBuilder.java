package io.aleph4j.kernel;

import io.aleph4j.kernel.internal.NodeRuntime;
import io.aleph4j.kernel.internal.config.ConfigDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Chooses a node's data directory, config and plugins, then starts it. */
public final class NodeBuilder {

    private Path dataDirectory;
    private Path configFile;
    private final ConfigDocument overrides = ConfigDocument.empty();
    private Path pluginsDirectory;
    private boolean allClasspathPlugins;
    private final Set<String> classpathPluginIds = new LinkedHashSet<>();
    private final List<InlinePlugin> inlinePlugins = new ArrayList<>();
    private ClassLoader classLoader = NodeBuilder.class.getClassLoader();
    private Clock clock = Clock.systemUTC();

    NodeBuilder() {
    }

    /** Where the node keeps its log and plugin data (created if missing). Required. */
    public NodeBuilder dataDirectory(Path directory) {
        this.dataDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** A YAML config file: a {@code node:} section and one section per plugin id. */
    public NodeBuilder configFile(Path file) {
        this.configFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /** Sets one config value over the file's ({@code set("node", "http.port", 0)}). */
    public NodeBuilder set(String section, String key, Object value) {
        overrides.set(section, key, Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Config given as YAML text, layered over the file and under {@link #set}. */
    public NodeBuilder configYaml(String yaml) {
        overrides.overlay(ConfigDocument.parse(yaml, "given to the builder"));
        return this;
    }

    /** Loads every plugin jar and zip in this directory, each in its own class loader. */
    public NodeBuilder pluginsDirectory(Path directory) {
        this.pluginsDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Loads these plugins from the class path (found by their {@code aleph4j-plugin.properties}). */
    public NodeBuilder classpathPlugins(String... ids) {
        classpathPluginIds.addAll(List.of(ids));
        return this;
    }

    /** Loads every plugin found on the class path. */
    public NodeBuilder allClasspathPlugins() {
        this.allClasspathPlugins = true;
        return this;
    }

    /** Adds a plugin object (an embedding application's own, or a test's). */
    public NodeBuilder plugin(InlinePlugin plugin) {
        inlinePlugins.add(Objects.requireNonNull(plugin, "plugin"));
        return this;
    }

    /** The class loader to search for class-path plugins; this library's by default. */
    public NodeBuilder classLoader(ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /** The clock plugins get; the system UTC clock by default. */
    public NodeBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Loads, configures and starts the node.
     *
     * @throws NodeStartException naming what failed; nothing is left running or open then
     */
    public Node start() {
        if (dataDirectory == null) {
            throw new IllegalStateException("a node needs a data directory: call dataDirectory(path)");
        }
        NodeRuntime.Settings settings = new NodeRuntime.Settings(dataDirectory, Optional.ofNullable(configFile),
                overrides,
                Optional.ofNullable(pluginsDirectory), allClasspathPlugins, Set.copyOf(classpathPluginIds),
                List.copyOf(inlinePlugins), classLoader, clock);
        return NodeRuntime.start(settings);
    }
}
