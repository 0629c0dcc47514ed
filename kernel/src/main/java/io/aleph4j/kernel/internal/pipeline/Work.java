package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.log.InboxEntry;

/**
 * One message going through the pipeline.
 *
 * @param inboxIndex its index in the inbox, or {@link #RETRY} when it is a pending message tried again
 * @param attempt how many times its content was found unavailable
 */
record Work(long inboxIndex, InboxEntry entry, int attempt) {

    static final long RETRY = -1;

    static Work fromInbox(long index, InboxEntry entry) {
        return new Work(index, entry, 0);
    }

    Work retried() {
        return new Work(RETRY, entry, attempt + 1);
    }

    boolean isRetry() {
        return inboxIndex == RETRY;
    }
}
