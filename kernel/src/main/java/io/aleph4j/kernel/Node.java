package io.aleph4j.kernel;

import io.aleph4j.api.log.MessageLog;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

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

    /** Blocks until the node is closed (by another thread, or a shutdown hook). */
    void awaitClosed() throws InterruptedException;

    /** Stops the node; idempotent and safe from any thread. */
    @Override
    void close();
}
