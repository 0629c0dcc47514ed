package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;

/** What becomes of a message a peer published: gossipsub's validation results. */
@Experimental("shaped by the P2P work")
public enum TopicVerdict {
    /** Valid: delivered here and forwarded to other peers. */
    ACCEPT,
    /** Not forwarded, and no fault of the peer (a duplicate, a message this node is too busy to judge). */
    IGNORE,
    /** Invalid (unreadable, a forged signature): not forwarded, and the peer that sent it is scored down. */
    REJECT
}
