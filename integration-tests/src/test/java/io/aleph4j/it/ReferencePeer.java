package io.aleph4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The plain js-libp2p gossipsub node of src/test/js/reference-peer, configured as the reference's p2p-service, run
 * as a process and driven over its stdin and stdout (one JSON object a line).
 */
final class ReferencePeer implements AutoCloseable {

    private static final Path PEER = Path.of("src/test/js/reference-peer");
    private final Process process;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final Duration wait;

    private ReferencePeer(String muxer, Duration wait) throws IOException {
        this.wait = wait;
        process = new ProcessBuilder("node", "peer.mjs", muxer).directory(PEER.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    events.add(Envelopes.JSON.readTree(line));
                }
            } catch (IOException e) {
                // The peer stopped.
            }
        });
    }

    /** Starts a peer with one stream muxer ({@code mplex} or {@code yamux}); its events are waited for that long. */
    static ReferencePeer start(String muxer, Duration wait) throws IOException {
        return new ReferencePeer(muxer, wait);
    }

    void command(String name, String value) throws IOException {
        send(Envelopes.JSON.createObjectNode().put(name, value));
    }

    void send(ObjectNode command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The peer's next event that has {@code field}, skipping others; fails after the wait. */
    JsonNode next(String field) throws InterruptedException {
        return next(field, wait);
    }

    JsonNode next(String field, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(event).as("the plain peer's '%s' within %s", field, within).isNotNull();
            assertThat(event.has("error")).as(event.toString()).isFalse();
            if (event.has(field)) {
                return event;
            }
        }
    }

    /** Waits until a node's subscription to ALEPH-TEST has reached the peer (just after they connect). */
    void awaitSubscriber() throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            command("subscribers", "true");
            if (next("subscribers").path("subscribers").asInt() > 0) {
                return;
            }
            assertThat(System.nanoTime()).as("a node subscribed to ALEPH-TEST within %s", wait).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
