package io.aleph4j.it;

import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.testkit.EmbeddedNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A node running the real chain plugins and a state store, fed through its inbox. The store is state-sqlite, the
 * dev node's, unless the system property {@code it.store} names another class-path store plugin
 * ({@code -Dit.store=state-rocksdb}): the tests of the pipeline then run on it.
 */
final class PipelineNode implements AutoCloseable {

    static final String STORE = System.getProperty("it.store", "state-sqlite");
    static final String[] PLUGINS = {"chain-evm", "chain-solana", "chain-tezos", STORE};

    private final EmbeddedNode node;

    private PipelineNode(EmbeddedNode node) {
        this.node = node;
    }

    /** A node with further class-path plugins, e.g. {@code api-http}. */
    static PipelineNode startWith(String... pluginIds) {
        return startWith(builder -> { }, pluginIds);
    }

    /** A node with further class-path plugins and config set by {@code configure}. */
    static PipelineNode startWith(Consumer<EmbeddedNode.Builder> configure, String... pluginIds) {
        String[] all = Stream.concat(Arrays.stream(PLUGINS), Arrays.stream(pluginIds)).toArray(String[]::new);
        EmbeddedNode.Builder builder = EmbeddedNode.builder().classpathPlugins(all);
        configure.accept(builder);
        return new PipelineNode(builder.start());
    }

    static PipelineNode start(InlinePlugin... extra) {
        return start(null, extra);
    }

    /** A node on {@code dataDirectory} (kept on close), or on a temporary one when null. */
    static PipelineNode start(Path dataDirectory, InlinePlugin... extra) {
        EmbeddedNode.Builder builder = EmbeddedNode.builder().classpathPlugins(PLUGINS);
        if (dataDirectory != null) {
            builder.dataDirectory(dataDirectory);
        }
        for (InlinePlugin plugin : extra) {
            builder.plugin(plugin);
        }
        return new PipelineNode(builder.start());
    }

    /** Submits the message through the node's intake and waits until the pipeline has handled it. */
    MessageRecord submit(Message message) {
        long index = append(message);
        awaitApplied(index);
        return state().message(message.itemHash()).orElseThrow(
                () -> new AssertionError("no record of " + message.itemHash() + " after it was applied"));
    }

    /**
     * Submits the message through the node's intake (the only way into the inbox): its inbox index, or empty when
     * the intake refused it (an inline hash that is not its content's, content that is not the type's).
     */
    OptionalLong offer(Message message) {
        try {
            return OptionalLong.of(node.node().messageIntake().submit(message, Origin.API).inboxIndex());
        } catch (MalformedMessageException e) {
            return OptionalLong.empty();
        }
    }

    /** Submits the message through the node's intake (the only way into the inbox); its inbox index. */
    long append(Message message) {
        try {
            return node.node().messageIntake().submit(message, Origin.API).inboxIndex();
        } catch (MalformedMessageException e) {
            throw new AssertionError("the intake refused " + message.itemHash() + ": " + e.getMessage(), e);
        }
    }

    void awaitApplied(long index) {
        try {
            if (!node.node().awaitApplied(index, Duration.ofMinutes(5))) {
                throw new AssertionError("the pipeline did not reach inbox index " + index);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The message's status, polled for up to 60 s until it is {@code wanted} (a retry may take that long). */
    MessageStatus awaitStatus(ItemHash hash, MessageStatus wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        MessageStatus status = record(hash).status();
        while (status != wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = record(hash).status();
        }
        return status;
    }

    MessageRecord record(ItemHash hash) {
        return state().message(hash).orElseThrow(() -> new AssertionError("no record of " + hash));
    }

    /** One of the node's metrics as {@code /metrics} shows it (Prometheus name), or -1 when it has none. */
    long metric(String name) {
        return node.get("/metrics").body().lines().filter(line -> line.startsWith(name + " "))
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElse(-1L);
    }

    StateQueries state() {
        return node.node().stateQueries().orElseThrow();
    }

    EmbeddedNode embedded() {
        return node;
    }

    @Override
    public void close() {
        node.close();
    }
}
