package io.aleph4j.api;

import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.state.StateQueries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The services the kernel gives one plugin. Each plugin has its own context: {@link #config()} is its own
 * section and {@link #dataDirectory()} its own directory. The same services can be injected into a plugin's
 * classes (see {@link Registrar}).
 */
public interface NodeContext {

    /** The id of the plugin this context belongs to. */
    String pluginId();

    /** The node's name, from the {@code node.name} config key. */
    String nodeName();

    /** This plugin's validated config section. */
    PluginConfig config();

    /** A directory reserved for this plugin under the node's data directory; created before register. */
    Path dataDirectory();

    /** The clock every time-dependent decision should use, so that tests can control it. */
    Clock clock();

    /** The node's message log: subscribe to the inbox and to the events of processing. */
    MessageLog log();

    /**
     * Where messages received from outside (clients, peers, chains) enter the node: parsed and checked by the
     * kernel, then logged. It is the only way into the inbox.
     */
    MessageIntake messageIntake();

    /**
     * The node's state (messages, posts, aggregates, files), read-only; answers from {@link AlephPlugin#start} on.
     * A plugin that cannot work without it declares {@code StateStore} in {@link AlephPlugin#requiredExtensions()}.
     * On a node without a state store its methods throw {@link IllegalStateException} saying so.
     */
    StateQueries state();

    /**
     * The node's content (message contents, files), owned by the kernel: it looks items up in the content stores in
     * plugin start order, fetches what none has from the content sources, and pins what the state references.
     * Answers from {@link AlephPlugin#start} on.
     */
    ContentService content();

    /**
     * Every contribution to an extension point, in plugin start order. Answers from {@link AlephPlugin#start} on,
     * when every plugin's extensions are built; earlier it throws {@link IllegalStateException}.
     */
    <T extends Extension> List<T> extensions(Class<T> point);

    /**
     * The single contribution to an extension point.
     *
     * @throws IllegalStateException naming the point when there is none or more than one
     */
    default <T extends Extension> T extension(Class<T> point) {
        List<T> all = extensions(point);
        if (all.size() != 1) {
            throw new IllegalStateException("plugin '" + pluginId() + "' needs exactly one " + point.getSimpleName()
                    + " but the node has " + all.size());
        }
        return all.get(0);
    }
}
