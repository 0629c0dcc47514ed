package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageRecord;
import java.util.List;

/**
 * How messages of one type change the node's state. The kernel calls a handler on its single applying thread,
 * inside the state transaction that also records the message's status, after the message's hash, signature and
 * content have been checked. The kernel brings handlers for POST, AGGREGATE, STORE and FORGET; a plugin may
 * contribute one for a type the kernel only records (PROGRAM, INSTANCE).
 */
@Experimental("the processing contract is settled by the first plugin that handles a message type (the CRN work)")
public interface ContentHandler extends Extension {

    /** The message type this handler processes. */
    MessageType messageType();

    /**
     * Checks what depends on the node's state (targets, permissions) and applies the message. Must change no
     * state unless it returns {@link HandlerOutcome.Applied}: the kernel records the status in the same
     * transaction, and a rejection or a wait must leave nothing behind.
     */
    HandlerOutcome apply(IncomingMessage message, HandlerContext context);

    /**
     * Removes the state a processed message of this type created, because a FORGET targets it.
     *
     * @return further messages forgotten with it (a post's amends); the kernel marks them forgotten too
     */
    List<ItemHash> forget(MessageRecord target, HandlerContext context);
}
