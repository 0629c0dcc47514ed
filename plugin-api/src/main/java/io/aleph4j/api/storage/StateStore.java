package io.aleph4j.api.storage;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.RejectionReason;
import java.util.Optional;

/**
 * The node's queryable state, derived from processed messages: everything in it can be rebuilt by replaying
 * the log. Implementations pass the testkit's state store contract.
 */
@Experimental("the query surface is shaped by the message pipeline and HTTP API work")
public interface StateStore extends Extension {

    /** Records a message's status (and rejection reason), idempotently per item hash. */
    void recordStatus(Message message, MessageStatus status, Optional<RejectionReason> rejection);

    /** The status of a message the store has seen, or empty. */
    Optional<MessageStatus> status(ItemHash itemHash);
}
