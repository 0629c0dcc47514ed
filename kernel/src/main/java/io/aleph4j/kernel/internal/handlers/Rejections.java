package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.RejectionReason;

/** Shorthands for the outcomes handlers return. */
final class Rejections {

    private Rejections() {
    }

    static HandlerOutcome reject(ErrorCode code, String detail) {
        return HandlerOutcome.rejected(RejectionReason.of(code, detail));
    }

    static HandlerOutcome notAuthorized(String sender, String owner) {
        return reject(ErrorCode.PERMISSION_DENIED, "sender " + sender + " may not act for " + owner
                + ": it is not that address and the address's security aggregate does not authorize it for this");
    }
}
