package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;
import java.util.List;

/**
 * What publishing a message achieved, as the reference reports it in {@code publication_status}: the protocols it
 * failed on. The reference publishes on two protocols (p2p, ipfs); this node on its transports.
 *
 * @param failed    the protocols it could not be published on ({@code p2p})
 * @param attempted how many protocols it was tried on (0: the node has no transport, so it was published nowhere)
 */
@Experimental("shaped by the P2P work")
public record PublicationStatus(List<String> failed, int attempted) {

    public PublicationStatus {
        failed = List.copyOf(failed);
    }

    /**
     * {@code success} when published on every transport, else {@code warning}. Never the reference's {@code error}
     * (its 500, after which it does not process the message): here a client's message is durable in this node's
     * log before it is published, and other nodes can pull it from there (catch-up), so a failed publication
     * loses nothing. A node without a transport publishes nowhere by design: {@code warning} with {@code p2p}
     * failed, never a false success.
     */
    public String status() {
        return attempted > 0 && failed.isEmpty() ? "success" : "warning";
    }

    /** The protocols to name as failed in the answer: {@code p2p} when there was no transport to try. */
    public List<String> reportedFailures() {
        return attempted == 0 ? List.of("p2p") : failed;
    }
}
