package io.aleph4j.api.log;

/**
 * The node's message log: the {@code inbox} of accepted incoming messages and the {@code events} queue of
 * processing outcomes. Both are append-only and survive restarts. Plugins read it; messages enter the inbox only
 * through the kernel's {@link MessageIntake}, which checks them first, and events are written by the kernel's
 * pipeline.
 */
public interface MessageLog {

    /**
     * Subscribes to the inbox under a durable name. Names are unique per node and per queue: a name that is
     * already subscribed is refused.
     */
    Subscription subscribeInbox(String name, StartFrom startFrom, InboxListener listener);

    /** Subscribes to the events queue under a durable name; see {@link #subscribeInbox}. */
    Subscription subscribeEvents(String name, StartFrom startFrom, EventListener listener);
}
