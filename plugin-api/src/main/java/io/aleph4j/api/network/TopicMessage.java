package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;
import java.util.Objects;

/**
 * A message a peer published.
 *
 * @param topic   the topic it came on
 * @param source  the peer ID of the node that published it (signed by that node's key)
 * @param relayer the peer ID of the connected peer that passed it on to this node (the source, or a node between)
 * @param data    the bytes as published
 */
@Experimental("shaped by the P2P work")
public record TopicMessage(String topic, String source, String relayer, byte[] data) {

    public TopicMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(relayer, "relayer");
        Objects.requireNonNull(data, "data");
    }
}
