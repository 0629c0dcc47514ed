package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.aleph4j.api.network.KnownPeer;
import io.aleph4j.api.network.PeerType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers table, as the reference keeps it: one address per peer and kind, the last one announced, with when it
 * was seen. Kept in the data directory ({@code network/peers.json}, replaced whole) so that a restarted node dials
 * the peers it knew. Thread-safe.
 */
final class PeersTable {

    private record Key(String peerId, PeerType type) {
    }

    private final JsonFile file;
    private final Map<Key, KnownPeer> peers = new ConcurrentHashMap<>();
    private volatile boolean changed;

    PeersTable(Path file) {
        this.file = new JsonFile(file);
    }

    void seen(KnownPeer peer) {
        peers.put(new Key(peer.peerId(), peer.type()), peer);
        changed = true;
    }

    /** Every peer, newest first. */
    List<KnownPeer> all() {
        return peers.values().stream().sorted(Comparator.comparing(KnownPeer::lastSeen).reversed()).toList();
    }

    /** The peers of one kind seen at or after {@code since}, newest first. */
    List<KnownPeer> seenSince(PeerType type, Instant since) {
        return all().stream().filter(peer -> peer.type() == type && !peer.lastSeen().isBefore(since)).toList();
    }

    void load() throws IOException {
        Optional<JsonNode> saved = file.read();
        if (saved.isEmpty()) {
            return;
        }
        for (JsonNode peer : saved.get()) {
            try {
                seen(new KnownPeer(peer.path("peer_id").asText(), PeerType.valueOf(peer.path("peer_type").asText()),
                        peer.path("address").asText(), Instant.ofEpochMilli(peer.path("last_seen_ms").asLong())));
            } catch (IllegalArgumentException e) {
                // An entry from a later version that this one does not know: left out.
            }
        }
        changed = false;
    }

    /** Writes the table when it changed since the last save. */
    void saveIfChanged() throws IOException {
        if (!changed) {
            return;
        }
        changed = false;
        ArrayNode saved = JsonFile.JSON.createArrayNode();
        for (KnownPeer peer : all()) {
            saved.addObject().put("peer_id", peer.peerId()).put("peer_type", peer.type().name())
                    .put("address", peer.address()).put("last_seen_ms", peer.lastSeen().toEpochMilli());
        }
        file.replace(saved);
    }
}
