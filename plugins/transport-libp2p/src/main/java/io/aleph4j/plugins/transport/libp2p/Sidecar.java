package io.aleph4j.plugins.transport.libp2p;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One run of the Node.js sidecar: the process, the JSON lines it is sent on its stdin and those it answers on its
 * stdout (requests matched to their answers by {@code id}; events handed to a listener on the reader thread). Its
 * stderr goes to a file beside the identity key. When the process ends, {@link #whenEnded()} completes; restarting
 * is the caller's decision.
 */
final class Sidecar implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Sidecar.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** What the sidecar said when it was ready: its peer ID and listening multiaddresses. */
    record Ready(String peerId, List<String> addresses) {
    }

    private final Process process;
    private final OutputStream stdin;
    private final Map<Long, CompletableFuture<JsonNode>> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private final Consumer<JsonNode> events;

    private Sidecar(Process process, Consumer<JsonNode> events) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.events = events;
    }

    /** Starts the sidecar and waits until it listens. */
    static Sidecar start(Path installed, String node, ObjectNode config, Path errorLog, Consumer<JsonNode> events)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(node, installed.resolve("sidecar.mjs").toString(),
                JSON.writeValueAsString(config)).directory(installed.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile())).start();
        Sidecar sidecar = new Sidecar(process, events);
        Thread.ofPlatform().daemon().name("libp2p-sidecar-" + process.pid()).start(sidecar::read);
        try {
            sidecar.ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            sidecar.close();
            throw new IOException("the libp2p sidecar did not start (see " + errorLog + "): "
                    + (e.getCause() != null ? e.getCause().getMessage() : "no answer in " + READY_TIMEOUT), e);
        }
        return sidecar;
    }

    Ready ready() {
        return ready.join();
    }

    CompletableFuture<Integer> whenEnded() {
        return ended;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a command that is answered (by an event with the same {@code id}). */
    CompletableFuture<JsonNode> request(ObjectNode command) {
        long id = nextId.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        requests.put(id, answer);
        command.put("id", id);
        try {
            send(command);
        } catch (IOException e) {
            requests.remove(id);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Sends a command that is not answered. */
    void send(ObjectNode command) throws IOException {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command did not serialize", e);
        }
        synchronized (stdin) {
            stdin.write(line);
            stdin.flush();
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                handle(line);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "the output of the libp2p sidecar ended: {0}", e.toString());
        } finally {
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = -1;
            }
            IOException gone = new IOException("the libp2p sidecar ended (exit " + exit + ")");
            ready.completeExceptionally(gone);
            requests.values().forEach(answer -> answer.completeExceptionally(gone));
            requests.clear();
            ended.complete(exit);
        }
    }

    private void handle(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            LOG.log(System.Logger.Level.WARNING, "the libp2p sidecar wrote an unreadable line: {0}", line);
            return;
        }
        String kind = event.path("ev").asText();
        switch (kind) {
            case "ready" -> ready.complete(new Ready(event.path("peerId").asText(),
                    JSON.convertValue(event.path("addrs"), JSON.getTypeFactory().constructCollectionType(List.class,
                            String.class))));
            case "log" -> log(event.path("level").asText(), event.path("text").asText());
            default -> {
                if (event.has("id") && !kind.equals("validate")) {
                    CompletableFuture<JsonNode> answer = requests.remove(event.path("id").asLong());
                    if (answer != null) {
                        answer.complete(event);
                    }
                    return;
                }
                try {
                    events.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "handling the libp2p sidecar's " + kind + " event failed", e);
                }
            }
        }
    }

    private static void log(String level, String text) {
        switch (level) {
            case "error" -> LOG.log(System.Logger.Level.ERROR, "libp2p sidecar: {0}", text);
            case "warn" -> LOG.log(System.Logger.Level.WARNING, "libp2p sidecar: {0}", text);
            default -> LOG.log(System.Logger.Level.INFO, "libp2p sidecar: {0}", text);
        }
    }

    /** Asks the sidecar to stop, then ends it if it does not within a few seconds. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                ObjectNode stop = JSON.createObjectNode();
                stop.put("op", "stop");
                send(stop);
                stdin.close();
            } catch (IOException e) {
                // Already going: the wait below settles it.
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        ended.join();
    }
}
