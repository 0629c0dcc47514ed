package io.aleph4j.api.log;

/**
 * A running subscription with a durable named position. Closing it stops delivery; the position of the last
 * delivered entry is kept, so a subscription opened later under the same name resumes after it.
 */
public interface Subscription extends AutoCloseable {

    /** The name its position is saved under. */
    String name();

    /** Whether it is still delivering (false once closed, or after its listener threw). */
    boolean isActive();

    /** The index of the last entry the listener handled, or -1 if none yet. */
    long lastDeliveredIndex();

    /** Stops delivery and waits for the listener to return from the entry it is handling. */
    @Override
    void close();
}
