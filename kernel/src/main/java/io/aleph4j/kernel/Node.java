package io.aleph4j.kernel;

import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.state.StateQueries;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A started node. Closing it stops plugins in reverse start order and releases every thread and file. */
public interface Node extends AutoCloseable {

    /** The node's name ({@code node.name}). */
    String name();

    NodeState state();

    /** The port the HTTP server is bound to (the actual one when the config asked for 0). */
    int httpPort();

    /** The base address of the HTTP server, e.g. {@code http://127.0.0.1:4024/}. */
    URI httpAddress();

    Path dataDirectory();

    /** The plugins it runs, in start order. */
    List<PluginInfo> plugins();

    /** The node's message log, for embedding applications that feed or observe it directly. */
    MessageLog log();

    /**
     * The way messages from outside enter the node, as plugins get it: parsed and checked, then logged; and the
     * outcome of one awaited.
     */
    MessageIntake messageIntake();

    /**
     * Read access to the node's state (messages, posts, aggregates, files), when a plugin contributes a
     * {@code StateStore}; empty otherwise.
     */
    Optional<StateQueries> stateQueries();

    /**
     * The node's content as plugins get it: the content stores in plugin start order, then the content sources for
     * what none holds, uploads into the first store that takes their addressing.
     */
    ContentService content();

    /** The content stores plugins contribute, in plugin start order (the order content is looked up in). */
    List<ContentStore> contentStores();

    /**
     * Waits until the message pipeline has applied the inbox through {@code inboxIndex} (the
     * {@link MessageIntake.Accepted#inboxIndex()} a submission returned).
     *
     * @return false on timeout
     * @throws IllegalStateException when the node runs no pipeline (no state store), or the pipeline stopped
     */
    boolean awaitApplied(long inboxIndex, Duration timeout) throws InterruptedException;

    /**
     * Rebuilds the state from the log: empties the state store and processes the whole inbox again, blocking
     * until it has caught up with the inbox as it was when called. The result equals the state built live.
     *
     * @return false when the timeout passed first (the replay goes on in the background)
     * @throws IllegalStateException when the node runs no pipeline (no state store)
     */
    boolean replayState(Duration timeout) throws InterruptedException;

    /** Blocks until the node is closed (by another thread, or a shutdown hook). */
    void awaitClosed() throws InterruptedException;

    /** Stops the node; idempotent and safe from any thread. */
    @Override
    void close();
}
