package io.aleph4j.api.state;

/** Which time a listing of aggregates is sorted by. */
public enum AggregateSort {
    /** The latest element's time ({@link AggregateRecord#lastRevisionTime()}). */
    LAST_MODIFIED,
    /** The first element's time ({@link AggregateRecord#creationTime()}). */
    CREATION_TIME;

    /** The time of {@code aggregate} this sort orders by. */
    public double timeOf(AggregateRecord aggregate) {
        return this == LAST_MODIFIED ? aggregate.lastRevisionTime() : aggregate.creationTime();
    }
}
