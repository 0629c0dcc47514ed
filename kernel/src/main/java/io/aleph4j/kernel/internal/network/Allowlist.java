package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.network.Transport;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.StateQueries;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whose {@code ALIVE} announcements are believed, as on the reference: the peers the transports were configured to
 * connect to, the peer IDs this node's config names ({@code *} for any, on a private network), and every node of
 * the network's registry, the {@code corechannel} aggregate, whose {@code nodes[].multiaddress} end with their peer
 * IDs. The registry is read from the state again once its cache time has passed (the reference's: 300 s).
 */
final class Allowlist {

    private static final Logger LOG = LoggerFactory.getLogger(Allowlist.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> configured;
    private final Supplier<List<Transport>> transports;
    private final Optional<StateQueries> state;
    private final String registryOwner;
    private final Duration registryFor;
    private final Clock clock;
    private Set<String> registry = Set.of();
    private Instant registryRead = Instant.MIN;

    Allowlist(List<String> configured, Supplier<List<Transport>> transports, Optional<StateQueries> state,
              String registryOwner, Duration registryFor, Clock clock) {
        this.configured = Set.copyOf(configured);
        this.transports = transports;
        this.state = state;
        this.registryOwner = registryOwner;
        this.registryFor = registryFor;
        this.clock = clock;
    }

    boolean allows(String peerId) {
        if (configured.contains("*") || configured.contains(peerId)) {
            return true;
        }
        for (Transport transport : transports.get()) {
            if (transport.configuredPeers().contains(peerId)) {
                return true;
            }
        }
        return registry().contains(peerId);
    }

    private synchronized Set<String> registry() {
        Instant now = clock.instant();
        if (registryRead.plus(registryFor).isAfter(now)) {
            return registry;
        }
        registryRead = now;
        registry = state.flatMap(queries -> queries.aggregate(registryOwner, "corechannel"))
                .map(Allowlist::peerIds).orElse(Set.of());
        return registry;
    }

    /** The peer IDs at the end of the registry's node multiaddresses. */
    static Set<String> peerIds(AggregateRecord corechannel) {
        Set<String> peers = new HashSet<>();
        JsonNode nodes;
        try {
            nodes = JSON.readTree(corechannel.json()).path("nodes");
        } catch (IOException e) {
            LOG.warn("the corechannel aggregate of {} is not JSON; no registry peer is allowed", corechannel.owner());
            return peers;
        }
        for (JsonNode node : nodes) {
            String multiaddress = node.path("multiaddress").asText("");
            int at = multiaddress.lastIndexOf("/p2p/");
            if (at >= 0) {
                String peer = multiaddress.substring(at + "/p2p/".length()).strip();
                if (!peer.isEmpty() && !peer.contains("/")) {
                    peers.add(peer);
                }
            }
        }
        return peers;
    }
}
