package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.network.KnownPeer;
import io.aleph4j.api.network.PeerDirectory;
import io.aleph4j.api.network.PeerType;
import io.aleph4j.api.network.TopicMessage;
import io.aleph4j.api.network.TopicVerdict;
import io.aleph4j.api.network.Transport;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.config.DataDirectory;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.config.KernelConfig.DiscoveryConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other nodes, as the reference finds them: every node announces its addresses on {@code ALIVE} (P2P, HTTP;
 * every two minutes by default), and believes the announcements of the peers its {@link Allowlist} names, which go
 * in the {@link PeersTable}. Every minute it dials the P2P peers seen in the last day that are not connected, and
 * asks each HTTP peer seen in that time for {@code /api/v0/version} with a one-second timeout: those that answer are
 * the {@link #apiServers()} that content sources and catch-up use.
 */
@Singleton
public final class PeerDiscovery implements PeerDirectory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerDiscovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(10);

    private final DiscoveryConfig config;
    private final Clock clock;
    private final PeersTable table;
    private final Set<URI> apiServers = ConcurrentHashMap.newKeySet();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("aleph4j-peer-discovery").daemon().factory());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(VERSION_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Counters counters = new Counters();
    private volatile List<Transport> transports = List.of();
    private volatile Allowlist allowlist;
    private volatile Optional<URI> ownHttp = Optional.empty();
    private String version = "";

    @Inject
    PeerDiscovery(KernelConfig config, Clock clock, DataDirectory dataDirectory) {
        this.config = config.discovery();
        this.clock = clock;
        this.table = new PeersTable(dataDirectory.path().resolve("network").resolve("peers.json"));
    }

    /**
     * Starts announcing and listening on every transport, and the minute's upkeep.
     *
     * @param state   where the network's registry ({@code corechannel}) is read, when the node keeps a state
     * @param ownHttp this node's HTTP API as others reach it, when it has one to announce
     */
    public synchronized void start(List<Transport> contributed, Optional<StateQueries> state, Optional<URI> ownHttp,
                                   String version) {
        this.transports = List.copyOf(contributed);
        this.ownHttp = ownHttp;
        this.version = version;
        this.allowlist = new Allowlist(config.allowlist(), () -> transports, state, config.registryOwner(),
                config.registryCache(), clock);
        try {
            table.load();
        } catch (IOException e) {
            LOG.warn("the peers table could not be read; peers are learnt again from their announcements", e);
        }
        if (transports.isEmpty()) {
            return;
        }
        for (Transport transport : transports) {
            subscriptions.add(transport.subscribe(config.topic(), message -> receive(transport, message)));
        }
        jobs.scheduleWithFixedDelay(this::announce, 0, config.announceEvery().toMillis(), TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(this::upkeep, config.upkeepEvery().toMillis(), config.upkeepEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Publishes this node's addresses: each transport's first, and its HTTP API's. */
    void announce() {
        double time = clock.millis() / 1000.0;
        for (Transport transport : transports) {
            List<AliveAnnouncement> announcements = new ArrayList<>();
            try {
                transport.addresses().stream().findFirst().ifPresent(address -> announcements.add(
                        new AliveAnnouncement(address, PeerType.P2P, version, time)));
            } catch (RuntimeException e) {
                LOG.debug("{} has no address to announce now: {}", transport.protocol(), e.toString());
            }
            ownHttp.ifPresent(url -> announcements.add(new AliveAnnouncement(url.toString(), PeerType.HTTP,
                    version, time)));
            for (AliveAnnouncement announcement : announcements) {
                try {
                    transport.publish(config.topic(), announcement.toJson());
                } catch (IOException | RuntimeException e) {
                    LOG.debug("{} could not announce {}: {}", transport.protocol(), announcement.address(),
                            e.toString());
                }
            }
        }
    }

    TopicVerdict receive(Transport transport, TopicMessage message) {
        if (isSelf(message.source()) || !allowlist.allows(message.source())) {
            counters.ignored.increment();
            return TopicVerdict.IGNORE;
        }
        AliveAnnouncement announcement;
        try {
            announcement = AliveAnnouncement.parse(new String(message.data(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            counters.ignored.increment();
            LOG.debug("an announcement from {} is not one: {}", message.source(), e.getMessage());
            return TopicVerdict.IGNORE;
        }
        table.seen(new KnownPeer(message.source(), announcement.type(), announcement.address(), clock.instant()));
        counters.believed.increment();
        return TopicVerdict.ACCEPT;
    }

    private boolean isSelf(String peerId) {
        for (Transport transport : transports) {
            try {
                if (transport.peerId().equals(peerId)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // Not started: it has no identity to compare.
            }
        }
        return false;
    }

    /** The minute's upkeep: dial the P2P peers, check the HTTP ones, save the table. */
    void upkeep() {
        try {
            java.time.Instant since = clock.instant().minus(config.peerMaxAge());
            dialPeers(table.seenSince(PeerType.P2P, since));
            checkApiServers(table.seenSince(PeerType.HTTP, since));
            table.saveIfChanged();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the peers upkeep failed; the next one tries again", e);
        }
    }

    private void dialPeers(List<KnownPeer> peers) {
        for (Transport transport : transports) {
            Set<String> connected = new HashSet<>(transport.peers());
            for (KnownPeer peer : peers) {
                if (!connected.contains(peer.peerId()) && !isSelf(peer.peerId())
                        && !Thread.currentThread().isInterrupted()) {
                    transport.dial(peer.address(), DIAL_TIMEOUT);
                }
            }
        }
    }

    private void checkApiServers(List<KnownPeer> peers) {
        Set<URI> answering = new HashSet<>();
        for (KnownPeer peer : peers) {
            URI base;
            try {
                base = URI.create(CatchUp.base(URI.create(peer.address())));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (ownHttp.map(base::equals).orElse(false) || !("http".equals(base.getScheme())
                    || "https".equals(base.getScheme()))) {
                continue;
            }
            if (answersVersion(base)) {
                answering.add(base);
            }
        }
        apiServers.retainAll(answering);
        apiServers.addAll(answering);
    }

    private boolean answersVersion(URI base) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v0/version"))
                    .timeout(VERSION_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return false;
            }
            JSON.readTree(answer.body());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<URI> apiServers() {
        return List.copyOf(apiServers);
    }

    @Override
    public List<KnownPeer> peers() {
        return table.all();
    }

    /** What the announcements did since the node started. */
    public Counters counters() {
        return counters;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("closing a subscription to {} failed", config.topic(), e);
            }
        }
        subscriptions.clear();
        jobs.shutdownNow();
        jobs.awaitTermination(10, TimeUnit.SECONDS);
        try {
            table.saveIfChanged();
        } catch (IOException e) {
            LOG.warn("the peers table could not be saved", e);
        }
        http.close();
    }

    /** Counts of announcements by outcome. */
    public static final class Counters {
        final LongAdder believed = new LongAdder();
        final LongAdder ignored = new LongAdder();

        /** Announcements from allowed peers, kept in the peers table. */
        public long believed() {
            return believed.sum();
        }

        /** Announcements ignored: from a peer the allowlist does not name, or not readable. */
        public long ignored() {
            return ignored.sum();
        }
    }
}
