package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;

/** Judges and takes what peers publish on one topic. Called concurrently; must not block for long. */
@Experimental("shaped by the P2P work")
@FunctionalInterface
public interface TopicReceiver {

    /** Takes a message and says whether it goes on to the node's other peers. */
    TopicVerdict receive(TopicMessage message);
}
