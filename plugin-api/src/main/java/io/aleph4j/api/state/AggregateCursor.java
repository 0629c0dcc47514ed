package io.aleph4j.api.state;

import java.util.Objects;

/**
 * A position in a listing of aggregates: the sort time of the last one shown, then its key and owner (ties are
 * ordered by key, then owner, ascending, whatever the time's direction).
 */
public record AggregateCursor(double time, String key, String owner) {

    public AggregateCursor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
    }

    /** The position of {@code aggregate} in a listing sorted by {@code sort}. */
    public static AggregateCursor of(AggregateRecord aggregate, AggregateSort sort) {
        return new AggregateCursor(sort.timeOf(aggregate), aggregate.key(), aggregate.owner());
    }
}
