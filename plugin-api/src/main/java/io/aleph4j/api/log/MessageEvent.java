package io.aleph4j.api.log;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.RejectionReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of processing one message, as the events queue holds it.
 *
 * @param itemHash    the message
 * @param status      the status processing left it in
 * @param rejection   why it was rejected, present exactly when {@code status} is rejected
 * @param inboxIndex  the inbox position of the entry this outcome is for
 * @param at          when the outcome was reached
 */
public record MessageEvent(ItemHash itemHash, MessageStatus status, Optional<RejectionReason> rejection,
                           long inboxIndex, Instant at) {

    public MessageEvent {
        Objects.requireNonNull(itemHash, "itemHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(at, "at");
        if (rejection.isPresent() != (status == MessageStatus.REJECTED)) {
            throw new IllegalArgumentException("a rejection reason goes with status rejected, and only with it");
        }
    }
}
