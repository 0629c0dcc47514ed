package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;
import java.time.Instant;
import java.util.Objects;

/**
 * One address a node announced on {@code ALIVE}, as the reference keeps it in its {@code peers} table.
 *
 * @param peerId   the announcing node's peer ID (the gossip source)
 * @param type     what the address is
 * @param address  a multiaddress for {@link PeerType#P2P} and {@link PeerType#IPFS}, a base URL for
 *                 {@link PeerType#HTTP}
 * @param lastSeen when the announcement was last received
 */
@Experimental("first implemented with the ALIVE announcements; shaped by the P2P work")
public record KnownPeer(String peerId, PeerType type, String address, Instant lastSeen) {

    public KnownPeer {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
