package io.aleph4j.api.message;

import java.util.Objects;

/**
 * Why a message was rejected: a protocol code and a sentence a user can act on
 * ("signature does not match sender 0xAb.. for chain ETH", not "invalid").
 */
public record RejectionReason(ErrorCode code, String detail) {

    public RejectionReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        if (detail.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a detail saying what is wrong");
        }
    }

    public static RejectionReason of(ErrorCode code, String detail) {
        return new RejectionReason(code, detail);
    }
}
