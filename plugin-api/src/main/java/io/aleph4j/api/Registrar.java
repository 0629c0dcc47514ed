package io.aleph4j.api;

import io.aleph4j.api.config.PluginConfig;
import java.util.function.Function;

/**
 * What a plugin declares in {@link AlephPlugin#register(Registrar)}. The node builds the declared classes in an
 * injector of the plugin's own, once every plugin has registered: a class is created through its constructor
 * annotated {@code @jakarta.inject.Inject} (or its no-argument one), whose parameters may be
 * <ul>
 *   <li>what the node gives every plugin: {@link NodeContext}, {@link PluginConfig},
 *   {@link java.time.Clock}, {@link io.aleph4j.api.log.MessageLog},
 *   {@link io.aleph4j.api.log.MessageIntake}, {@link io.aleph4j.api.state.StateQueries} and
 *   {@link io.aleph4j.api.content.ContentService} (the last two answer from {@link AlephPlugin#start} on);</li>
 *   <li>the plugin's entry object (its {@link AlephPlugin} class);</li>
 *   <li>its typed config ({@link #config}) and its services ({@link #service});</li>
 *   <li>other classes of the plugin, created the same way.</li>
 * </ul>
 * Each declared class has one instance per node, shared by every point it is contributed to. A class that
 * cannot be built fails the start, naming the plugin, the class and the missing piece.
 */
public interface Registrar {

    /**
     * This plugin's context: its id, config, data directory and clock are usable now; other plugins'
     * extensions are not ({@link NodeContext#extensions} answers from start on).
     */
    NodeContext context();

    /** Contributes an extension that the node builds from {@code implementation}. */
    <T extends Extension> void extension(Class<T> point, Class<? extends T> implementation);

    /** Contributes an extension the plugin built itself. */
    <T extends Extension> void extension(Class<T> point, T instance);

    /** Makes {@code type} injectable into the plugin's classes, built from {@code implementation}. */
    <T> void service(Class<T> type, Class<? extends T> implementation);

    /** Makes {@code type} injectable into the plugin's classes as this very object. */
    <T> void service(Class<T> type, T instance);

    /**
     * Declares the plugin's typed config: {@code reader} turns its validated section into a {@code type} (a record,
     * typically) once, and the plugin's classes receive that object wherever they ask for {@code type}. A reader that
     * throws {@link io.aleph4j.api.config.ConfigException} fails the start with its message.
     */
    <C> void config(Class<C> type, Function<PluginConfig, ? extends C> reader);
}
