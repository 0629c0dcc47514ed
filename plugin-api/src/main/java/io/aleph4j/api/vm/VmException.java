package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.util.Objects;

/** Why a program could not be started or did not answer; the supervisor maps the kind to the reference's status. */
@Experimental("the CRN's runtime seam")
public final class VmException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** It did not start, or exited while starting (the reference's 500 "Error during runtime initialisation"). */
        START_FAILED,
        /** It did not answer within {@code resources.seconds} (the reference's 504). */
        TIMEOUT,
        /** It closed the connection or died without answering (the reference's 502). */
        NO_RESPONSE
    }

    private final Kind kind;

    public VmException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public VmException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
