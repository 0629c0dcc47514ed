package io.aleph4j.api.log;

/**
 * The node's message log: the {@code inbox} of accepted incoming messages and the {@code events} queue of
 * processing outcomes. Both are append-only and survive restarts.
 */
public interface MessageLog {

    /**
     * Appends an accepted message to the inbox. When this returns, the entry is in the log's files and survives
     * the process dying: acknowledge a client only after it returns.
     *
     * @return the entry's inbox index
     */
    long appendInbox(InboxEntry entry);

    /**
     * Subscribes to the inbox under a durable name. Names are unique per node and per queue: a name that is
     * already subscribed is refused.
     */
    Subscription subscribeInbox(String name, StartFrom startFrom, InboxListener listener);

    /** Subscribes to the events queue under a durable name; see {@link #subscribeInbox}. */
    Subscription subscribeEvents(String name, StartFrom startFrom, EventListener listener);
}
