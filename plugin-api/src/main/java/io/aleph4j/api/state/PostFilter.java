package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which posts a query returns (originals only; amends show through their original). Empty sets do not
 * restrict; sets combine with AND.
 *
 * <p>Built with {@link #builder()}: a class rather than a record so that it can gain criteria
 * without breaking the plugins that build or read one.
 */
public final class PostFilter {

    private final Set<ItemHash> hashes;
    private final Set<String> owners;
    private final Set<String> refs;
    private final Set<String> types;
    private final Set<String> channels;
    private final Set<String> tags;
    private final double startTime;
    private final double endTime;

    private PostFilter(Builder builder) {
        this.hashes = Set.copyOf(builder.hashes);
        this.owners = Set.copyOf(builder.owners);
        this.refs = Set.copyOf(builder.refs);
        this.types = Set.copyOf(builder.types);
        this.channels = Set.copyOf(builder.channels);
        this.tags = Set.copyOf(builder.tags);
        this.startTime = builder.startTime;
        this.endTime = builder.endTime;
        if (startTime < 0 || endTime < 0) {
            throw new IllegalArgumentException("time bounds are seconds >= 0 (0 for none)");
        }
    }

    /** Every original post. */
    public static PostFilter any() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The original's item hash. */
    public Set<ItemHash> hashes() {
        return hashes;
    }

    /** The post's owner (content.address). */
    public Set<String> owners() {
        return owners;
    }

    /** The original's ref. */
    public Set<String> refs() {
        return refs;
    }

    /** The original's post type. */
    public Set<String> types() {
        return types;
    }

    public Set<String> channels() {
        return channels;
    }

    public Set<String> tags() {
        return tags;
    }

    /** Earliest original time in seconds, inclusive; 0 for no bound. */
    public double startTime() {
        return startTime;
    }

    /** Latest original time in seconds, exclusive; 0 for no bound. */
    public double endTime() {
        return endTime;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostFilter that
                && hashes.equals(that.hashes)
                && owners.equals(that.owners)
                && refs.equals(that.refs)
                && types.equals(that.types)
                && channels.equals(that.channels)
                && tags.equals(that.tags)
                && Double.compare(startTime, that.startTime) == 0
                && Double.compare(endTime, that.endTime) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(hashes, owners, refs, types, channels, tags, startTime, endTime);
    }

    @Override
    public String toString() {
        return "PostFilter["
                + "hashes=" + hashes
                + ", owners=" + owners
                + ", refs=" + refs
                + ", types=" + types
                + ", channels=" + channels
                + ", tags=" + tags
                + ", startTime=" + startTime
                + ", endTime=" + endTime
                + "]";
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
            return new PostFilter(this);
        }
    }
}
