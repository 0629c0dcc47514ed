package io.aleph4j.plugins.transport.libp2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.network.TopicMessage;
import io.aleph4j.api.network.TopicReceiver;
import io.aleph4j.api.network.TopicVerdict;
import io.aleph4j.api.network.Transport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Transport} on libp2p gossipsub, as the reference's p2p-service speaks it, through a Node.js sidecar that
 * this class installs, starts, restarts when it dies (with doubling pauses up to a minute) and stops. Received
 * messages are judged on a small pool of threads, so that a peer's flood waits in a bounded queue (and is ignored
 * beyond it) rather than delaying the sidecar's other events.
 */
public final class Libp2pTransport implements Transport, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Libp2pTransport.class.getName());
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    private static final int JUDGES = 2;
    private static final int WAITING_MESSAGES = 10_000;
    private static final Duration LONGEST_RESTART_PAUSE = Duration.ofMinutes(1);

    private final Libp2pConfig config;
    private final Path dataDirectory;
    private final Map<String, TopicReceiver> receivers = new ConcurrentHashMap<>();
    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor judges = new ThreadPoolExecutor(JUDGES, JUDGES, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING_MESSAGES), Thread.ofPlatform().daemon().name("libp2p-judge-", 0)
            .factory());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("libp2p-supervisor").factory());
    private volatile Sidecar sidecar;
    private volatile Sidecar.Ready identity;
    private volatile boolean closing;
    private Path installed;
    private Path keyFile;
    private Duration restartPause = Duration.ofSeconds(1);

    @Inject
    Libp2pTransport(NodeContext context, Libp2pConfig config) {
        this.config = config;
        this.dataDirectory = context.dataDirectory();
    }

    @Override
    public String extensionName() {
        return "libp2p";
    }

    /** Installs (once) and starts the sidecar, then dials the bootstrap peers; called when the plugin starts. */
    synchronized void start() throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        keyFile = IdentityKey.ensure(config.keyFile());
        installed = SidecarInstall.ensure(config.installDirectory(), config.npm());
        launch();
        scheduler.scheduleWithFixedDelay(this::redialBootstrap, 0, config.redialEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void launch() throws IOException, InterruptedException {
        ObjectNode settings = Sidecar.JSON.createObjectNode();
        settings.put("keyFile", keyFile.toAbsolutePath().toString());
        settings.set("listen", Sidecar.JSON.valueToTree(config.listen()));
        settings.set("announce", Sidecar.JSON.valueToTree(config.announce()));
        settings.set("muxers", Sidecar.JSON.valueToTree(config.muxers()));
        Sidecar started = Sidecar.start(installed, config.node(), settings, dataDirectory.resolve("sidecar.log"),
                this::onEvent);
        connected.clear();
        sidecar = started;
        identity = started.ready();
        for (String topic : receivers.keySet()) {
            sendSubscribe(started, topic);
        }
        LOG.log(System.Logger.Level.INFO, "libp2p peer {0} listening on {1}", identity.peerId(), identity.addresses());
        started.whenEnded().thenAccept(exit -> {
            if (!closing) {
                LOG.log(System.Logger.Level.WARNING, "the libp2p sidecar ended (exit {0}); starting it again in {1}",
                        exit, restartPause);
                scheduleRestart();
            }
        });
    }

    private synchronized void scheduleRestart() {
        Duration pause = restartPause;
        restartPause = restartPause.multipliedBy(2).compareTo(LONGEST_RESTART_PAUSE) > 0 ? LONGEST_RESTART_PAUSE
                : restartPause.multipliedBy(2);
        scheduler.schedule(() -> {
            if (closing) {
                return;
            }
            try {
                launch();
                synchronized (this) {
                    restartPause = Duration.ofSeconds(1);
                }
                redialBootstrap();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the libp2p sidecar did not start again: {0}", e.getMessage());
                scheduleRestart();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void redialBootstrap() {
        for (String address : config.bootstrap()) {
            String peer = address.substring(address.lastIndexOf('/') + 1);
            if (!connected.contains(peer) && !closing) {
                if (!dial(address, Duration.ofSeconds(10))) {
                    LOG.log(System.Logger.Level.INFO, "bootstrap peer {0} is not reachable now", address);
                }
            }
        }
    }

    private void onEvent(JsonNode event) {
        switch (event.path("ev").asText()) {
            case "validate" -> judge(event);
            case "connected" -> connected.add(event.path("peer").asText());
            case "disconnected" -> connected.remove(event.path("peer").asText());
            default -> LOG.log(System.Logger.Level.DEBUG, "libp2p sidecar event: {0}", event);
        }
    }

    /** Hands a received message to its topic's receiver on the judges' pool; ignored when the pool is full. */
    private void judge(JsonNode event) {
        long id = event.path("id").asLong();
        Sidecar from = sidecar;
        TopicReceiver receiver = receivers.get(event.path("topic").asText());
        if (receiver == null) {
            verdict(from, id, TopicVerdict.IGNORE);
            return;
        }
        TopicMessage message = new TopicMessage(event.path("topic").asText(), event.path("source").asText(),
                event.path("relayer").asText(), Base64.getDecoder().decode(event.path("data").asText()));
        try {
            judges.execute(() -> {
                TopicVerdict verdict;
                try {
                    verdict = receiver.receive(message);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "judging a message on " + message.topic() + " failed", e);
                    verdict = TopicVerdict.IGNORE;
                }
                verdict(from, id, verdict);
            });
        } catch (RejectedExecutionException e) {
            verdict(from, id, TopicVerdict.IGNORE);
        }
    }

    private static void verdict(Sidecar to, long id, TopicVerdict verdict) {
        ObjectNode command = Sidecar.JSON.createObjectNode();
        command.put("op", "verdict");
        command.put("id", id);
        command.put("verdict", verdict.name().toLowerCase(Locale.ROOT));
        try {
            to.send(command);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "a verdict could not reach the sidecar: {0}", e.toString());
        }
    }

    @Override
    public String protocol() {
        return "p2p";
    }

    @Override
    public String peerId() {
        return requireIdentity().peerId();
    }

    @Override
    public List<String> addresses() {
        Sidecar.Ready ready = requireIdentity();
        List<String> addresses = new ArrayList<>();
        for (String address : ready.addresses()) {
            addresses.add(address.contains("/p2p/") ? address : address + "/p2p/" + ready.peerId());
        }
        return addresses;
    }

    private Sidecar.Ready requireIdentity() {
        Sidecar.Ready ready = identity;
        if (ready == null) {
            throw new IllegalStateException("the libp2p transport has not started");
        }
        return ready;
    }

    @Override
    public int publish(String topic, byte[] payload) throws IOException {
        Sidecar current = sidecar;
        if (current == null || !current.isAlive()) {
            throw new IOException("the libp2p sidecar is not running");
        }
        ObjectNode command = Sidecar.JSON.createObjectNode();
        command.put("op", "publish");
        command.put("topic", topic);
        command.put("data", Base64.getEncoder().encodeToString(payload));
        JsonNode answer = await(current.request(command), PUBLISH_TIMEOUT);
        if (answer.hasNonNull("error")) {
            throw new IOException("gossipsub refused the message: " + answer.path("error").asText());
        }
        return answer.path("recipients").asInt();
    }

    @Override
    public AutoCloseable subscribe(String topic, TopicReceiver receiver) {
        if (receivers.putIfAbsent(topic, receiver) != null) {
            throw new IllegalStateException("topic " + topic + " has a receiver already");
        }
        Sidecar current = sidecar;
        if (current != null) {
            sendSubscribe(current, topic);
        }
        return () -> {
            receivers.remove(topic, receiver);
            Sidecar now = sidecar;
            if (now != null && now.isAlive()) {
                ObjectNode command = Sidecar.JSON.createObjectNode();
                command.put("op", "unsubscribe");
                command.put("topic", topic);
                now.send(command);
            }
        };
    }

    private static void sendSubscribe(Sidecar to, String topic) {
        ObjectNode command = Sidecar.JSON.createObjectNode();
        command.put("op", "subscribe");
        command.put("topic", topic);
        try {
            to.send(command);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "subscribing to {0} failed: {1}", topic, e.getMessage());
        }
    }

    @Override
    public List<String> peers() {
        return List.copyOf(connected);
    }

    @Override
    public boolean dial(String address, Duration timeout) {
        Sidecar current = sidecar;
        if (current == null || !current.isAlive()) {
            return false;
        }
        ObjectNode command = Sidecar.JSON.createObjectNode();
        command.put("op", "dial");
        command.put("addr", address);
        command.put("timeoutMs", timeout.toMillis());
        try {
            JsonNode answer = await(current.request(command), timeout.plusSeconds(5));
            if (!answer.path("ok").asBoolean()) {
                LOG.log(System.Logger.Level.DEBUG, "dialing {0} failed: {1}", address, answer.path("error").asText());
            }
            return answer.path("ok").asBoolean();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> configuredPeers() {
        List<String> peers = new ArrayList<>();
        for (String address : config.bootstrap()) {
            int at = address.lastIndexOf("/p2p/");
            if (at >= 0) {
                peers.add(address.substring(at + "/p2p/".length()));
            }
        }
        return peers;
    }

    @Override
    public void disconnect(String peerId) {
        Sidecar current = sidecar;
        if (current == null) {
            return;
        }
        ObjectNode command = Sidecar.JSON.createObjectNode();
        command.put("op", "hangup");
        command.put("peer", peerId);
        try {
            current.send(command);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "hanging up on {0} failed: {1}", peerId, e.toString());
        }
    }

    /** The reference's gossipsub message ID of {@code data}, computed by the running sidecar (for tests). */
    String messageId(byte[] data) throws IOException {
        ObjectNode command = Sidecar.JSON.createObjectNode();
        command.put("op", "msgid");
        command.put("data", Base64.getEncoder().encodeToString(data));
        return await(sidecar.request(command), PUBLISH_TIMEOUT).path("value").asText();
    }

    /** The process running now (for tests that kill it). */
    Sidecar sidecar() {
        return sidecar;
    }

    private static JsonNode await(java.util.concurrent.CompletableFuture<JsonNode> answer, Duration timeout)
            throws IOException {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the libp2p sidecar did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        Sidecar current = sidecar;
        if (current != null) {
            current.close();
        }
        judges.shutdownNow();
    }
}
