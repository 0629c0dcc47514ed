package io.aleph4j.kernel;

/**
 * Entry point of the embedding API:
 * <pre>{@code
 * try (Node node = Aleph4j.node()
 *         .dataDirectory(Path.of("data"))
 *         .configFile(Path.of("aleph4j.yaml"))
 *         .classpathPlugins("hello")
 *         .start()) {
 *     ...
 * }
 * }</pre>
 * Nodes share no static state: several can run in one JVM with different data directories and ports. The JVM
 * needs the flags in {@code conf/jvm.options} (Chronicle Queue); the node refuses to start without them.
 */
public final class Aleph4j {

    private Aleph4j() {
    }

    public static NodeBuilder node() {
        return new NodeBuilder();
    }
}
