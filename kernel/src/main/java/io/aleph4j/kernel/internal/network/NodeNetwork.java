package io.aleph4j.kernel.internal.network;

import io.aleph4j.api.network.Transport;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part in the network, started once its HTTP server listens: gossip on every transport, the ALIVE
 * announcements and peers ({@link PeerDiscovery}), catch-up from HTTP peers, and their metrics. Stopped in the
 * reverse order.
 */
public final class NodeNetwork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeNetwork.class);

    /** What the network needs from the node. */
    public record Parts(KernelConfig config, Gossip gossip, PeerDiscovery discovery, KernelMessageIntake intake,
                        NodeMetrics metrics, List<Transport> transports, Optional<StateQueries> state,
                        Path dataDirectory, String version) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private NodeNetwork() {
    }

    /**
     * Starts gossip, discovery and catch-up.
     *
     * @param httpPort the port the node's HTTP server listens on (announced unless configured otherwise)
     */
    public static NodeNetwork start(Parts parts, int httpPort) {
        NodeNetwork network = new NodeNetwork();
        try {
            network.startAll(parts, httpPort);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    private void startAll(Parts parts, int httpPort) {
        parts.gossip().start();
        started.push(parts.gossip());
        countGossip(parts.metrics(), parts.gossip().counters());
        parts.discovery().start(parts.transports(), parts.state(), announcedHttp(parts.config(), httpPort),
                parts.version());
        started.push(parts.discovery());
        countDiscovery(parts.metrics(), parts.discovery());
        startCatchUp(parts);
    }

    /** The URL announced for the node's HTTP API: configured, or its bound address unless that is a wildcard. */
    static Optional<URI> announcedHttp(KernelConfig config, int httpPort) {
        if (!config.discovery().announceHttp().isEmpty()) {
            return Optional.of(URI.create(config.discovery().announceHttp()));
        }
        String host = config.httpHost();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return Optional.empty();
        }
        return Optional.of(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort));
    }

    /**
     * Catch-up from the configured HTTP peers and (unless switched off) the discovered ones, when the node has a
     * state to compare with.
     */
    private void startCatchUp(Parts parts) {
        KernelConfig.CatchUpConfig config = parts.config().catchUp();
        if (config.peers().isEmpty() && (!config.discovered() || parts.transports().isEmpty())) {
            return;
        }
        if (parts.state().isEmpty()) {
            LOG.warn("catch-up has peers but the node has no state store: no catch-up");
            return;
        }
        PeerDiscovery discovery = parts.discovery();
        Supplier<List<URI>> peers = () -> {
            List<URI> all = new ArrayList<>(config.peers());
            if (config.discovered()) {
                all.addAll(discovery.apiServers());
            }
            return all;
        };
        CatchUp catchUp = new CatchUp(parts.intake(), parts.state().get(), config, peers,
                parts.dataDirectory().resolve("network").resolve("catch-up.json"));
        CatchUp.Counters counters = catchUp.counters();
        NodeMetrics metrics = parts.metrics();
        metrics.counter("aleph4j.catch.up.logged", "messages caught up from HTTP peers and logged in the inbox",
                counters, CatchUp.Counters::logged);
        metrics.counter("aleph4j.catch.up.known", "messages HTTP peers listed that the node knew", counters,
                CatchUp.Counters::known);
        metrics.counter("aleph4j.catch.up.invalid", "entries HTTP peers listed that were not messages", counters,
                CatchUp.Counters::invalid);
        metrics.counter("aleph4j.catch.up.peer.failures", "catch-up requests an HTTP peer did not answer", counters,
                CatchUp.Counters::peerFailures);
        catchUp.start();
        started.push(catchUp);
    }

    private static void countGossip(NodeMetrics metrics, Gossip.Counters counters) {
        metrics.counter("aleph4j.p2p.published", "messages published to the peers, by transport", counters,
                Gossip.Counters::published);
        metrics.counter("aleph4j.p2p.publication.failures", "publications a transport could not make", counters,
                Gossip.Counters::publicationsFailed);
        metrics.counter("aleph4j.p2p.received", "messages from peers logged in the inbox", counters,
                Gossip.Counters::received);
        metrics.counter("aleph4j.p2p.duplicates", "messages from peers seen already (sender, hash, signature)",
                counters, Gossip.Counters::duplicates);
        metrics.counter("aleph4j.p2p.rejected", "messages from peers refused as unreadable or forged", counters,
                Gossip.Counters::rejected);
        metrics.counter("aleph4j.p2p.throttled", "messages from peers ignored over the peer's rate", counters,
                Gossip.Counters::throttled);
    }

    private static void countDiscovery(NodeMetrics metrics, PeerDiscovery discovery) {
        metrics.counter("aleph4j.p2p.alive.believed", "ALIVE announcements from allowed peers", discovery.counters(),
                PeerDiscovery.Counters::believed);
        metrics.counter("aleph4j.p2p.alive.ignored", "ALIVE announcements ignored (peer not allowed, unreadable)",
                discovery.counters(), PeerDiscovery.Counters::ignored);
        metrics.gauge("aleph4j.p2p.api.servers", "other nodes' HTTP APIs that answered at the last check",
                () -> discovery.apiServers().size());
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
