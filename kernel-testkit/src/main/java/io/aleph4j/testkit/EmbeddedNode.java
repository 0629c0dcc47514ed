package io.aleph4j.testkit;

import io.aleph4j.kernel.Aleph4j;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.kernel.Node;
import io.aleph4j.kernel.NodeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A node for tests: its own temporary data directory (deleted on close), a free HTTP port, fsync off (tests
 * need speed, not power-loss safety), and an HTTP client pointed at it.
 * <pre>{@code
 * try (EmbeddedNode node = EmbeddedNode.builder().classpathPlugins("hello").start()) {
 *     assertThat(node.get("/hello").statusCode()).isEqualTo(200);
 * }
 * }</pre>
 */
public final class EmbeddedNode implements AutoCloseable {

    private final Node node;
    private final Path dataDirectory;
    private final boolean deleteDataDirectory;
    private final HttpClient client = HttpClient.newHttpClient();

    private EmbeddedNode(Node node, Path dataDirectory, boolean deleteDataDirectory) {
        this.node = node;
        this.dataDirectory = dataDirectory;
        this.deleteDataDirectory = deleteDataDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The node itself. */
    public Node node() {
        return node;
    }

    /** An absolute address on this node, e.g. {@code uri("/hello")}. */
    public URI uri(String path) {
        return node.httpAddress().resolve(path);
    }

    /** GET a path; answers whatever the node answered. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** POST a JSON body to a path. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the node", e);
        }
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            client.close();
            if (deleteDataDirectory) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    /** Chooses the node's plugins and config; everything else has test defaults. */
    public static final class Builder {

        private final NodeBuilder delegate = Aleph4j.node();
        private Path dataDirectory;

        private Builder() {
            delegate.set("node", "http.port", 0).set("node", "log.fsync", false);
        }

        /** Uses this data directory (kept on close) instead of a temporary one. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        public Builder classpathPlugins(String... ids) {
            delegate.classpathPlugins(ids);
            return this;
        }

        public Builder pluginsDirectory(Path directory) {
            delegate.pluginsDirectory(directory);
            return this;
        }

        public Builder plugin(InlinePlugin plugin) {
            delegate.plugin(plugin);
            return this;
        }

        public Builder set(String section, String key, Object value) {
            delegate.set(section, key, value);
            return this;
        }

        /** The clock the node and its plugins use ({@link ManualClock} for tests of time); the system's otherwise. */
        public Builder clock(java.time.Clock clock) {
            delegate.clock(clock);
            return this;
        }

        public Builder configYaml(String yaml) {
            delegate.configYaml(yaml);
            return this;
        }

        /** Starts the node; a failed start deletes the temporary directory and rethrows. */
        public EmbeddedNode start() {
            boolean temporary = dataDirectory == null;
            Path directory = dataDirectory;
            try {
                if (temporary) {
                    directory = Files.createTempDirectory("aleph4j-node-");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return new EmbeddedNode(delegate.dataDirectory(directory).start(), directory, temporary);
            } catch (RuntimeException e) {
                if (temporary) {
                    deleteRecursively(directory);
                }
                throw e;
            }
        }
    }
}
