package io.aleph4j.api;

import io.aleph4j.api.config.ConfigKey;
import java.util.List;
import java.util.Set;

/**
 * The one entry point of a plugin. The plugin's descriptor ({@code aleph4j-plugin.properties}, key
 * {@code plugin.class}) names the implementing class, which needs a public no-argument constructor or a
 * constructor annotated {@code @jakarta.inject.Inject} (taking, say, {@link NodeContext}).
 *
 * <p>The kernel drives every plugin through the same phases, in plugin dependency order (stop in reverse):
 * <ol>
 *   <li>{@link #configKeys()}: the node config section named after the plugin id is validated against it;</li>
 *   <li>{@link #register(Registrar)}: the plugin declares its extensions, its typed config and its services;
 *   the node then builds them, each plugin's in its own injector, and gathers every extension point's
 *   contributions;</li>
 *   <li>{@link #requiredExtensions()} of every plugin is checked against what was contributed;</li>
 *   <li>{@link #start(NodeContext)}: every extension is visible; begin work (subscribe to the log, open
 *   connections);</li>
 *   <li>{@link #stop()}: release what start took.</li>
 * </ol>
 * Every method has a safe default so that the interface can grow without breaking plugins.
 */
public interface AlephPlugin {

    /** The keys this plugin's config section accepts; any other key in the section is an error at start. */
    default List<ConfigKey<?>> configKeys() {
        return List.of();
    }

    /**
     * Extension points this plugin cannot work without. The node refuses to start, naming this plugin and the
     * type, when no loaded plugin contributes one.
     */
    default Set<Class<? extends Extension>> requiredExtensions() {
        return Set.of();
    }

    /**
     * Declares what this plugin contributes: extensions (by class, built with their {@code @Inject} constructor,
     * or as instances), its typed config and the services its classes share. Throwing fails the node start.
     */
    default void register(Registrar registrar) throws Exception {
    }

    /** Begin work. Throwing fails the node start, which then stops the plugins already started. */
    default void start(NodeContext context) throws Exception {
    }

    /** Stop work and release resources. Called once, only if {@link #start(NodeContext)} returned normally. */
    default void stop() throws Exception {
    }
}
