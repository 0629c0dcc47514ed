package io.aleph4j.api.state;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which aggregates a listing returns, and by which time it sorts them. An empty set does not restrict; the sets
 * combine with AND. Built with {@link #builder()}: a class rather than a record so that it can gain criteria without
 * breaking the plugins that build one.
 */
public final class AggregateFilter {

    private final Set<String> owners;
    private final Set<String> keys;
    private final AggregateSort sort;

    private AggregateFilter(Builder builder) {
        this.owners = Set.copyOf(builder.owners);
        this.keys = Set.copyOf(builder.keys);
        this.sort = Objects.requireNonNull(builder.sort, "sort");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The aggregates' owners ({@code content.address}, compared exactly). */
    public Set<String> owners() {
        return owners;
    }

    public Set<String> keys() {
        return keys;
    }

    /** The time the listing is sorted by; ties by key, then owner, ascending. */
    public AggregateSort sort() {
        return sort;
    }

    /** Whether {@code aggregate} passes this filter. */
    public boolean matches(AggregateRecord aggregate) {
        return (owners.isEmpty() || owners.contains(aggregate.owner()))
                && (keys.isEmpty() || keys.contains(aggregate.key()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AggregateFilter that && owners.equals(that.owners) && keys.equals(that.keys)
                && sort == that.sort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(owners, keys, sort);
    }

    @Override
    public String toString() {
        return "AggregateFilter[owners=" + owners + ", keys=" + keys + ", sort=" + sort + "]";
    }

    /** Builds a filter: every aggregate, sorted by last modification, until restricted. */
    public static final class Builder {
        private final Set<String> owners = new LinkedHashSet<>();
        private final Set<String> keys = new LinkedHashSet<>();
        private AggregateSort sort = AggregateSort.LAST_MODIFIED;

        private Builder() {
        }

        public Builder owners(Collection<String> values) {
            owners.addAll(values);
            return this;
        }

        public Builder owners(String... values) {
            return owners(Arrays.asList(values));
        }

        public Builder keys(Collection<String> values) {
            keys.addAll(values);
            return this;
        }

        public Builder keys(String... values) {
            return keys(Arrays.asList(values));
        }

        public Builder sort(AggregateSort value) {
            sort = value;
            return this;
        }

        public AggregateFilter build() {
            return new AggregateFilter(this);
        }
    }
}
