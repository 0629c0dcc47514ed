package io.aleph4j.api.log;

/** Receives inbox entries in log order. */
@FunctionalInterface
public interface InboxListener {

    /**
     * Called once per entry, in order, on the subscription's own thread. Throwing stops the subscription at this
     * entry: its saved position stays before it, so a new subscription under the same name sees it again.
     *
     * @param index the entry's position in the inbox
     */
    void onEntry(long index, InboxEntry entry) throws Exception;
}
