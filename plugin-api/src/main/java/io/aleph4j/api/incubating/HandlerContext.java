package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.StateTransaction;

/** What a {@link ContentHandler} works with: the open state transaction and the node's permission rules. */
@Experimental("the processing contract is settled by the first plugin that handles a message type (the CRN work)")
public interface HandlerContext {

    /** The transaction the message's status is recorded in; reads see its own writes. */
    StateTransaction state();

    /**
     * Whether {@code sender} may act for {@code owner} on a message with these attributes: the same address
     * (case-insensitive), or an entry of {@code owner}'s {@code security} aggregate whose filters all match.
     */
    boolean mayActFor(String sender, String owner, ActionScope scope);

    /**
     * The attributes of a message that a delegation's filters match against.
     *
     * @param postType the content's {@code type} for a POST, else null
     * @param aggregateKey the content's {@code key} for an AGGREGATE, else null
     */
    record ActionScope(Chain chain, String channel, MessageType type, String postType, String aggregateKey) {
    }
}
