package io.aleph4j.plugins.api.http;

import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import java.util.Collection;

/** Whether a message passes a {@link MessageFilter}, in memory: the same rules the stores apply in SQL. */
final class MessageMatcher {

    private MessageMatcher() {
    }

    static boolean matches(MessageFilter filter, MessageRecord record) {
        ContentFields content = record.content();
        return anyOrContains(filter.hashes(), record.itemHash())
                && anyOrContains(filter.senders(), record.sender())
                && anyOrContains(filter.channels(), record.channel())
                && anyOrContains(filter.types(), record.type())
                && anyOrContains(filter.chains(), record.chain())
                && anyOrContains(filter.statuses(), record.status())
                && anyOrContains(filter.owners(), content == null ? null : content.address())
                && anyOrContains(filter.refs(), content == null ? null : content.ref())
                && anyOrContains(filter.contentTypes(), content == null ? null : content.type())
                && anyOrContains(filter.contentKeys(), content == null ? null : content.key())
                && anyOrContains(filter.contentHashes(), content == null ? null : content.itemHash())
                && anyOrContains(filter.paymentTypes(), content == null ? null : content.paymentType())
                && (filter.tags().isEmpty() || content != null
                        && content.tags().stream().anyMatch(filter.tags()::contains))
                && (filter.startTime() == 0 || record.time() >= filter.startTime())
                && (filter.endTime() == 0 || record.time() < filter.endTime());
    }

    private static <T> boolean anyOrContains(Collection<T> allowed, T value) {
        return allowed.isEmpty() || value != null && allowed.contains(value);
    }
}
