package io.aleph4j.api.log;

/** Where a subscription with no saved position begins. A saved position always wins. */
public enum StartFrom {
    /** The first entry still in the log: a new subscriber replays history. */
    EARLIEST,
    /** The next entry appended: a new subscriber sees only what comes after it subscribed. */
    LATEST
}
