package io.aleph4j.api.state;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which messages a query returns. Each set restricts the results to messages matching one of its values; an
 * empty set does not restrict. The sets combine with AND.
 *
 * <p>Built with {@link #builder()}: a class rather than a record so that it can gain criteria
 * without breaking the plugins that build or read one.
 */
public final class MessageFilter {

    private final Set<ItemHash> hashes;
    private final Set<String> senders;
    private final Set<String> owners;
    private final Set<String> refs;
    private final Set<String> channels;
    private final Set<String> tags;
    private final Set<String> contentTypes;
    private final Set<String> contentKeys;
    private final Set<MessageType> types;
    private final Set<Chain> chains;
    private final Set<MessageStatus> statuses;
    private final Set<String> contentHashes;
    private final Set<String> paymentTypes;
    private final Set<String> volumeRefs;
    private final double startTime;
    private final double endTime;
    private final Instant receivedFrom;
    private final Instant receivedBefore;

    private MessageFilter(Builder builder) {
        this.hashes = Set.copyOf(builder.hashes);
        this.senders = Set.copyOf(builder.senders);
        this.owners = Set.copyOf(builder.owners);
        this.refs = Set.copyOf(builder.refs);
        this.channels = Set.copyOf(builder.channels);
        this.tags = Set.copyOf(builder.tags);
        this.contentTypes = Set.copyOf(builder.contentTypes);
        this.contentKeys = Set.copyOf(builder.contentKeys);
        this.types = Set.copyOf(builder.types);
        this.chains = Set.copyOf(builder.chains);
        this.statuses = Set.copyOf(builder.statuses);
        this.contentHashes = Set.copyOf(builder.contentHashes);
        this.paymentTypes = Set.copyOf(builder.paymentTypes);
        this.volumeRefs = Set.copyOf(builder.volumeRefs);
        this.startTime = builder.startTime;
        this.endTime = builder.endTime;
        this.receivedFrom = builder.receivedFrom;
        this.receivedBefore = builder.receivedBefore;
        if (startTime < 0 || endTime < 0) {
            throw new IllegalArgumentException("time bounds are seconds >= 0 (0 for none)");
        }
    }

    /** Every message whatever its status. */
    public static MessageFilter any() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<ItemHash> hashes() {
        return hashes;
    }

    /** The envelope's sender (the reference's {@code addresses}). */
    public Set<String> senders() {
        return senders;
    }

    /** The content's address. */
    public Set<String> owners() {
        return owners;
    }

    /** The content's ref. */
    public Set<String> refs() {
        return refs;
    }

    public Set<String> channels() {
        return channels;
    }

    /** A POST's content tags (any of them). */
    public Set<String> tags() {
        return tags;
    }

    /** A POST's content type. */
    public Set<String> contentTypes() {
        return contentTypes;
    }

    /** An AGGREGATE's key. */
    public Set<String> contentKeys() {
        return contentKeys;
    }

    public Set<MessageType> types() {
        return types;
    }

    public Set<Chain> chains() {
        return chains;
    }

    public Set<MessageStatus> statuses() {
        return statuses;
    }

    /** The content's {@code item_hash} (a STORE's file). */
    public Set<String> contentHashes() {
        return contentHashes;
    }

    /** The content's payment type (hold, superfluid, credit). */
    public Set<String> paymentTypes() {
        return paymentTypes;
    }

    /** What a PROGRAM or INSTANCE mounts: see {@link ContentFields#volumeRefs()} (any of them). */
    public Set<String> volumeRefs() {
        return volumeRefs;
    }

    /** The earliest message time in seconds, inclusive; 0 for no bound. */
    public double startTime() {
        return startTime;
    }

    /** The latest message time in seconds, exclusive; 0 for no bound. */
    public double endTime() {
        return endTime;
    }

    /** The earliest reception time ({@link MessageRecord#receivedAt()}), inclusive; empty for no bound. */
    public Optional<Instant> receivedFrom() {
        return Optional.ofNullable(receivedFrom);
    }

    /** The reception time before which messages were received, exclusive; empty for no bound. */
    public Optional<Instant> receivedBefore() {
        return Optional.ofNullable(receivedBefore);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageFilter that
                && hashes.equals(that.hashes)
                && senders.equals(that.senders)
                && owners.equals(that.owners)
                && refs.equals(that.refs)
                && channels.equals(that.channels)
                && tags.equals(that.tags)
                && contentTypes.equals(that.contentTypes)
                && contentKeys.equals(that.contentKeys)
                && types.equals(that.types)
                && chains.equals(that.chains)
                && statuses.equals(that.statuses)
                && contentHashes.equals(that.contentHashes)
                && paymentTypes.equals(that.paymentTypes)
                && volumeRefs.equals(that.volumeRefs)
                && Double.compare(startTime, that.startTime) == 0
                && Double.compare(endTime, that.endTime) == 0
                && java.util.Objects.equals(receivedFrom, that.receivedFrom)
                && java.util.Objects.equals(receivedBefore, that.receivedBefore);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(hashes, senders, owners, refs, channels, tags, contentTypes, contentKeys, types,
                chains, statuses, contentHashes, paymentTypes, volumeRefs, startTime, endTime, receivedFrom, receivedBefore);
    }

    @Override
    public String toString() {
        return "MessageFilter["
                + "hashes=" + hashes
                + ", senders=" + senders
                + ", owners=" + owners
                + ", refs=" + refs
                + ", channels=" + channels
                + ", tags=" + tags
                + ", contentTypes=" + contentTypes
                + ", contentKeys=" + contentKeys
                + ", types=" + types
                + ", chains=" + chains
                + ", statuses=" + statuses
                + ", contentHashes=" + contentHashes
                + ", paymentTypes=" + paymentTypes
                + ", volumeRefs=" + volumeRefs
                + ", startTime=" + startTime
                + ", endTime=" + endTime
                + ", receivedFrom=" + receivedFrom
                + ", receivedBefore=" + receivedBefore
                + "]";
    }

    /** Builds a filter; every method adds to its set. */
    public static final class Builder {
        private final Set<ItemHash> hashes = new LinkedHashSet<>();
        private final Set<String> senders = new LinkedHashSet<>();
        private final Set<String> owners = new LinkedHashSet<>();
        private final Set<String> refs = new LinkedHashSet<>();
        private final Set<String> channels = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private final Set<String> contentTypes = new LinkedHashSet<>();
        private final Set<String> contentKeys = new LinkedHashSet<>();
        private final Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        private final Set<Chain> chains = new LinkedHashSet<>();
        private final Set<MessageStatus> statuses = EnumSet.noneOf(MessageStatus.class);
        private final Set<String> contentHashes = new LinkedHashSet<>();
        private final Set<String> paymentTypes = new LinkedHashSet<>();
        private final Set<String> volumeRefs = new LinkedHashSet<>();
        private double startTime;
        private double endTime;
        private Instant receivedFrom;
        private Instant receivedBefore;

        private Builder() {
        }

        public Builder hashes(Collection<ItemHash> values) {
            hashes.addAll(values);
            return this;
        }

        public Builder hashes(ItemHash... values) {
            return hashes(Arrays.asList(values));
        }

        public Builder senders(String... values) {
            senders.addAll(Arrays.asList(values));
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

        public Builder channels(String... values) {
            channels.addAll(Arrays.asList(values));
            return this;
        }

        public Builder tags(String... values) {
            tags.addAll(Arrays.asList(values));
            return this;
        }

        public Builder contentTypes(String... values) {
            contentTypes.addAll(Arrays.asList(values));
            return this;
        }

        public Builder contentKeys(String... values) {
            contentKeys.addAll(Arrays.asList(values));
            return this;
        }

        public Builder types(MessageType... values) {
            types.addAll(Arrays.asList(values));
            return this;
        }

        public Builder chains(Chain... values) {
            chains.addAll(Arrays.asList(values));
            return this;
        }

        public Builder statuses(MessageStatus... values) {
            statuses.addAll(Arrays.asList(values));
            return this;
        }

        public Builder contentHashes(String... values) {
            contentHashes.addAll(Arrays.asList(values));
            return this;
        }

        public Builder paymentTypes(String... values) {
            paymentTypes.addAll(Arrays.asList(values));
            return this;
        }

        public Builder volumeRefs(String... values) {
            volumeRefs.addAll(Arrays.asList(values));
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

        /** Messages received at or after {@code from}; null for no bound. */
        public Builder receivedFrom(Instant from) {
            receivedFrom = from;
            return this;
        }

        /** Messages received before {@code before}; null for no bound. */
        public Builder receivedBefore(Instant before) {
            receivedBefore = before;
            return this;
        }

        public MessageFilter build() {
            return new MessageFilter(this);
        }
    }
}
