package io.aleph4j.api.message;

import java.util.Objects;

/** Checks shared by the content records' constructors. */
final class ContentChecks {

    private ContentChecks() {
    }

    static void base(String address, double time) {
        Objects.requireNonNull(address, "address");
        if (address.isBlank()) {
            throw new IllegalArgumentException("content address must not be blank");
        }
        if (!Double.isFinite(time) || time < 0) {
            throw new IllegalArgumentException("content time must be a finite number of seconds >= 0, not " + time);
        }
    }
}
