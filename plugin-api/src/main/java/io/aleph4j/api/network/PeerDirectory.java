package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;
import java.net.URI;
import java.util.List;

/**
 * The kernel's service that knows the network's other nodes, as they announce themselves on {@code ALIVE} (only
 * those the allowlist names are believed), and which of their HTTP APIs answer: what content sources and catch-up
 * use instead of a hand-written list. Thread-safe; the answers change as nodes come and go.
 */
@Experimental("first implemented with the ALIVE announcements; shaped by the P2P work")
public interface PeerDirectory {

    /**
     * The base URLs of other nodes' HTTP APIs that answered {@code GET /api/v0/version} at the last check (the
     * reference's {@code api_servers}), without a trailing slash.
     */
    List<URI> apiServers();

    /** Every peer announcement believed, newest first. */
    List<KnownPeer> peers();
}
