package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code message_counts} table's rules: which (dimension, value) pairs a message counts under, and which filters
 * a sum over them answers exactly. A message has one type, chain, sender, owner, channel and content type, so the
 * counts of several values of one of those add up; it may have several tags, so only a single tag is answered.
 * Content types and tags only exist on POST messages, which lets a type filter that allows POST be dropped next
 * to them. Every other combination (two dimensions, hashes, refs, keys, volume refs, a time or reception range) is
 * counted the slow way.
 */
final class MessageCounts {

    /** One counter. */
    record Key(String dimension, String value, String status) {
    }

    /** The dimension values to sum, and the statuses (empty: all). */
    record Lookup(String dimension, Collection<String> values, Set<MessageStatus> statuses) {
    }

    private MessageCounts() {
    }

    /** Every counter {@code record} adds one to. */
    static List<Key> keysOf(MessageRecord record) {
        List<String> tags = record.content() == null ? List.of() : record.content().tags();
        String status = record.status().wireName();
        List<Key> keys = new ArrayList<>(8 + tags.size());
        keys.add(new Key("", "", status));
        keys.add(new Key("type", record.type().name(), status));
        keys.add(new Key("chain", record.chain().code(), status));
        keys.add(new Key("sender", record.sender(), status));
        if (record.content() != null) {
            keys.add(new Key("owner", record.content().address(), status));
            if (record.content().type() != null) {
                keys.add(new Key("content_type", record.content().type(), status));
            }
        }
        if (record.channel() != null) {
            keys.add(new Key("channel", record.channel(), status));
        }
        for (String tag : new LinkedHashSet<>(tags)) {
            keys.add(new Key("tag", tag, status));
        }
        return keys;
    }

    /** The counters that answer {@code filter}'s total exactly, or empty when none do. */
    static Optional<Lookup> lookupFor(MessageFilter filter) {
        if (!filter.hashes().isEmpty() || !filter.refs().isEmpty() || !filter.contentKeys().isEmpty()
                || !filter.contentHashes().isEmpty() || !filter.paymentTypes().isEmpty()
                || !filter.volumeRefs().isEmpty() || filter.startTime() > 0 || filter.endTime() > 0
                || filter.receivedFrom().isPresent() || filter.receivedBefore().isPresent()) {
            return Optional.empty();
        }
        boolean postOnly = !filter.contentTypes().isEmpty() || !filter.tags().isEmpty();
        if (postOnly && !filter.types().isEmpty() && !filter.types().contains(MessageType.POST)) {
            return Optional.of(new Lookup("none", List.of(), filter.statuses()));
        }
        List<Lookup> dimensions = new ArrayList<>();
        add(dimensions, "sender", filter.senders(), filter.statuses());
        add(dimensions, "owner", filter.owners(), filter.statuses());
        add(dimensions, "channel", filter.channels(), filter.statuses());
        add(dimensions, "content_type", filter.contentTypes(), filter.statuses());
        add(dimensions, "chain", filter.chains().stream().map(Chain::code).toList(), filter.statuses());
        if (!postOnly) {
            add(dimensions, "type", filter.types().stream().map(MessageType::name).toList(), filter.statuses());
        }
        if (filter.tags().size() > 1) {
            return Optional.empty();
        }
        add(dimensions, "tag", filter.tags(), filter.statuses());
        if (dimensions.size() > 1) {
            return Optional.empty();
        }
        return Optional.of(dimensions.isEmpty() ? new Lookup("", List.of(""), filter.statuses())
                : dimensions.getFirst());
    }

    private static void add(List<Lookup> dimensions, String dimension, Collection<String> values,
                            Set<MessageStatus> statuses) {
        if (!values.isEmpty()) {
            dimensions.add(new Lookup(dimension, values, statuses));
        }
    }
}
