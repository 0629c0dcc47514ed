package io.aleph4j.plugins.content.ipfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real IPFS node for tests: the js-ipfs daemon (npm {@code ipfs}, pinned in {@code src/test/js/ipfs-node}, which
 * {@code ./run-tests} installs) serving the kubo-compatible HTTP RPC API on a free loopback port, offline (no
 * swarm, no bootstrap, no gateway), with its repository in a temporary directory.
 */
public final class IpfsTestNode implements AutoCloseable {

    /** The npm project, found from this module's directory or from a sibling module's (integration-tests). */
    static final Path PROJECT = java.util.stream.Stream.of("src/test/js/ipfs-node",
                    "../plugins/content-ipfs/src/test/js/ipfs-node").map(path -> Path.of(path).toAbsolutePath())
            .filter(Files::isDirectory).findFirst().orElse(Path.of("src/test/js/ipfs-node").toAbsolutePath());
    private static final Path CLI = PROJECT.resolve("node_modules/ipfs/src/cli.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repository;
    private final Process daemon;
    private final URI api;

    private IpfsTestNode(Path repository, Process daemon, URI api) {
        this.repository = repository;
        this.daemon = daemon;
        this.api = api;
    }

    public static boolean installed() {
        return Files.isRegularFile(CLI);
    }

    public static IpfsTestNode start(Path repository) throws IOException, InterruptedException {
        if (!installed()) {
            throw new IllegalStateException("the test IPFS node is not installed: run `npm ci` in " + PROJECT
                    + " (./run-tests does)");
        }
        run(List.of("node", CLI.toString(), "init", "--profile=test", "--emptyRepo"), repository);
        Path config = repository.resolve("config");
        ObjectNode settings = (ObjectNode) JSON.readTree(config.toFile());
        ObjectNode addresses = (ObjectNode) settings.get("Addresses");
        addresses.put("API", "/ip4/127.0.0.1/tcp/0");
        addresses.putNull("Gateway");
        addresses.putNull("RPC");
        addresses.putArray("Swarm");
        addresses.putArray("Delegates");
        settings.putArray("Bootstrap");
        JSON.writeValue(config.toFile(), settings);

        Path log = repository.resolve("daemon.log");
        ProcessBuilder builder = new ProcessBuilder("node", CLI.toString(), "daemon", "--offline",
                "--enable-preload=false").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("IPFS_PATH", repository.toString());
        Process daemon = builder.start();
        daemon.getOutputStream().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            int at = output.indexOf("HTTP API listening on /ip4/127.0.0.1/tcp/");
            if (at >= 0 && output.contains("Daemon is ready")) {
                String rest = output.substring(at + "HTTP API listening on /ip4/127.0.0.1/tcp/".length());
                int port = Integer.parseInt(rest.substring(0, rest.indexOf('/')));
                return new IpfsTestNode(repository, daemon, URI.create("http://127.0.0.1:" + port + "/api/v0"));
            }
            if (!daemon.isAlive()) {
                throw new IllegalStateException("the IPFS daemon exited:\n" + output);
            }
            Thread.sleep(50);
        }
        daemon.destroyForcibly();
        throw new IllegalStateException("the IPFS daemon did not become ready in 60 s:\n" + Files.readString(log));
    }

    /** The RPC API's base, e.g. {@code http://127.0.0.1:41321/api/v0}. */
    public URI api() {
        return api;
    }

    public Path repository() {
        return repository;
    }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void run(List<String> command, Path repository) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("IPFS_PATH", repository.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
