package io.aleph4j.api.storage;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which messages a query returns. Each set restricts the results to messages matching one of its values; an
 * empty set does not restrict. The sets combine with AND.
 *
 * @param senders      the envelope's sender (the reference's {@code addresses})
 * @param owners       the content's address
 * @param refs         the content's ref
 * @param tags         a POST's content tags (any of them)
 * @param contentTypes a POST's content type
 * @param contentKeys  an AGGREGATE's key
 * @param contentHashes the content's {@code item_hash} (a STORE's file)
 * @param paymentTypes the content's payment type (hold, superfluid, credit)
 * @param startTime    the earliest message time in seconds, inclusive; 0 for no bound
 * @param endTime      the latest message time in seconds, exclusive; 0 for no bound
 */
public record MessageFilter(Set<ItemHash> hashes, Set<String> senders, Set<String> owners, Set<String> refs,
                            Set<String> channels, Set<String> tags, Set<String> contentTypes,
                            Set<String> contentKeys, Set<MessageType> types, Set<Chain> chains,
                            Set<MessageStatus> statuses, Set<String> contentHashes, Set<String> paymentTypes,
                            double startTime, double endTime) {

    public MessageFilter {
        contentHashes = Set.copyOf(contentHashes);
        paymentTypes = Set.copyOf(paymentTypes);
        hashes = Set.copyOf(hashes);
        senders = Set.copyOf(senders);
        owners = Set.copyOf(owners);
        refs = Set.copyOf(refs);
        channels = Set.copyOf(channels);
        tags = Set.copyOf(tags);
        contentTypes = Set.copyOf(contentTypes);
        contentKeys = Set.copyOf(contentKeys);
        types = Set.copyOf(types);
        chains = Set.copyOf(chains);
        statuses = Set.copyOf(statuses);
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
        private double startTime;
        private double endTime;

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

        public Builder startTime(double seconds) {
            startTime = seconds;
            return this;
        }

        public Builder endTime(double seconds) {
            endTime = seconds;
            return this;
        }

        public MessageFilter build() {
            return new MessageFilter(hashes, senders, owners, refs, channels, tags, contentTypes, contentKeys,
                    types, chains, statuses, contentHashes, paymentTypes, startTime, endTime);
        }
    }
}
