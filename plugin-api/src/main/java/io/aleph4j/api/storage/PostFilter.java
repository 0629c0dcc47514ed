package io.aleph4j.api.storage;

import io.aleph4j.api.message.ItemHash;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which posts a query returns (originals only; amends show through their original). Empty sets do not
 * restrict; sets combine with AND.
 *
 * @param hashes    the original's item hash
 * @param owners    the post's owner (content.address)
 * @param refs      the original's ref
 * @param types     the original's post type
 * @param startTime earliest original time in seconds, inclusive; 0 for no bound
 * @param endTime   latest original time in seconds, exclusive; 0 for no bound
 */
public record PostFilter(Set<ItemHash> hashes, Set<String> owners, Set<String> refs, Set<String> types,
                         Set<String> channels, Set<String> tags, double startTime, double endTime) {

    public PostFilter {
        hashes = Set.copyOf(hashes);
        owners = Set.copyOf(owners);
        refs = Set.copyOf(refs);
        types = Set.copyOf(types);
        channels = Set.copyOf(channels);
        tags = Set.copyOf(tags);
        if (startTime < 0 || endTime < 0) {
            throw new IllegalArgumentException("time bounds are seconds >= 0 (0 for none)");
        }
    }

    public static PostFilter any() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a filter; every method adds to its set. */
    public static final class Builder {
        private final Set<ItemHash> hashes = new LinkedHashSet<>();
        private final Set<String> owners = new LinkedHashSet<>();
        private final Set<String> refs = new LinkedHashSet<>();
        private final Set<String> types = new LinkedHashSet<>();
        private final Set<String> channels = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private double startTime;
        private double endTime;

        private Builder() {
        }

        public Builder hashes(ItemHash... values) {
            hashes.addAll(Arrays.asList(values));
            return this;
        }

        public Builder owners(String... values) {
            owners.addAll(Arrays.asList(values));
            return this;
        }

        public Builder refs(String... values) {
            refs.addAll(Arrays.asList(values));
            return this;
        }

        public Builder types(String... values) {
            types.addAll(Arrays.asList(values));
            return this;
        }

        public Builder channels(String... values) {
            channels.addAll(Arrays.asList(values));
            return this;
        }

        public Builder tags(String... values) {
            tags.addAll(Arrays.asList(values));
            return this;
        }

        public Builder startTime(double seconds) {
            startTime = seconds;
            return this;
        }

        public Builder endTime(double seconds) {
            endTime = seconds;
            return this;
        }

        public PostFilter build() {
            return new PostFilter(hashes, owners, refs, types, channels, tags, startTime, endTime);
        }
    }
}
