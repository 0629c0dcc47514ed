package io.aleph4j.api.message;

import java.io.Serial;
import java.util.Objects;

/**
 * A well-formed message the pipeline would reject as things stand (a signature that is not the sender's, a sender
 * that may not act for the content's address): refused before it is logged, with the reason the pipeline would
 * give.
 */
public final class MessageRefusedException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient RejectionReason reason;

    public MessageRefusedException(RejectionReason reason) {
        super(Objects.requireNonNull(reason, "reason").detail());
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
