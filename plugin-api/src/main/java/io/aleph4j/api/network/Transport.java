package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A publish/subscribe link to the network's other nodes, such as the reference's libp2p gossipsub. The kernel
 * decides what a topic's messages mean (it validates and logs {@code ALEPH-TEST}'s, reads {@code ALIVE}'s); a
 * transport carries bytes, dials and drops peers, and forwards to other peers only what the kernel accepted.
 * Thread-safe.
 */
@Experimental("first implemented by transport-libp2p; shaped by the P2P work")
public interface Transport extends Extension {

    /** The protocol it speaks, as the reference names it in {@code publication_status.failed}: {@code p2p}. */
    String protocol();

    /** This node's identity on the network (a libp2p peer ID such as {@code Qm...}). */
    String peerId();

    /** The addresses other nodes reach this one at, each ending with {@code /p2p/<peer id>}. */
    List<String> addresses();

    /**
     * Publishes bytes on a topic; returns once the transport has taken them.
     *
     * @return how many peers the message was sent to directly (0: none is connected yet)
     * @throws IOException when the transport could not take the message (not running, refused, too large)
     */
    int publish(String topic, byte[] payload) throws IOException;

    /**
     * Receives what peers publish on a topic, until the subscription is closed. The receiver's verdict decides
     * whether the message goes on to this node's other peers. One receiver per topic.
     */
    AutoCloseable subscribe(String topic, TopicReceiver receiver);

    /** The peers connected now, by peer ID. */
    List<String> peers();

    /**
     * Connects to a peer at a multiaddress ({@code /ip4/.../tcp/4025/p2p/Qm...}).
     *
     * @return whether the connection is up when this returns
     */
    boolean dial(String address, Duration timeout);

    /** Drops every connection to a peer (one that floods, say); it may come back and be judged again. */
    void disconnect(String peerId);

    /**
     * The peer IDs this transport was configured to connect to (its bootstrap peers): the node believes their
     * {@code ALIVE} announcements, as the reference believes its configured peers'.
     */
    default List<String> configuredPeers() {
        return List.of();
    }
}
