package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AddressStats;
import io.aleph4j.api.state.AddressStatsCursor;
import io.aleph4j.api.state.AddressStatsQuery;
import io.aleph4j.api.state.AggregateCursor;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateFilter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.FileTotals;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.PostView;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written state for the content code's tests: the kernel's tests cannot load a real store plugin, and the
 * content code reads only messages and file references. Everything else is refused.
 */
final class FileReferencesState implements StateQueries {

    final Map<ItemHash, MessageRecord> messages = new ConcurrentHashMap<>();
    final List<FileReference> references = new CopyOnWriteArrayList<>();

    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        return Optional.ofNullable(messages.get(itemHash));
    }

    @Override
    public List<FileReference> fileReferences(ItemHash fileHash) {
        return references.stream().filter(reference -> reference.fileHash().equals(fileHash)).toList();
    }

    @Override
    public Optional<FileReference> fileReference(ItemHash storeMessageHash) {
        return references.stream().filter(reference -> reference.messageHash().equals(storeMessageHash))
                .findFirst();
    }

    @Override
    public Page<MessageRecord> messages(MessageFilter filter, PageRequest page) {
        throw unused();
    }

    @Override
    public List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                             SortOrder order) {
        throw unused();
    }

    @Override
    public Optional<PostRecord> post(ItemHash itemHash) {
        throw unused();
    }

    @Override
    public List<PostRecord> amendsOf(ItemHash original) {
        throw unused();
    }

    @Override
    public Page<PostView> posts(PostFilter filter, PageRequest page) {
        throw unused();
    }

    @Override
    public List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit, SortOrder order) {
        throw unused();
    }

    @Override
    public Optional<AggregateRecord> aggregate(String owner, String key) {
        throw unused();
    }

    @Override
    public List<AggregateRecord> aggregates(String owner, Collection<String> keys) {
        throw unused();
    }

    @Override
    public List<AggregateElement> aggregateElements(String owner, String key) {
        throw unused();
    }

    @Override
    public Optional<FileReference> latestFileReference(String owner, String ref) {
        throw unused();
    }

    @Override
    public Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page) {
        throw unused();
    }

    @Override
    public List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after,
                                                int limit, SortOrder order) {
        throw unused();
    }

    @Override
    public Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page) {
        throw unused();
    }

    @Override
    public List<String> channels(MessageFilter filter) {
        throw unused();
    }

    @Override
    public List<String> postTypes(MessageFilter filter) {
        throw unused();
    }

    @Override
    public Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page) {
        throw unused();
    }

    @Override
    public List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after, int limit,
                                                 SortOrder order) {
        throw unused();
    }

    @Override
    public List<AggregateRecord> securityAggregatesNaming(String grantee) {
        throw unused();
    }

    @Override
    public Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page) {
        throw unused();
    }

    @Override
    public List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash, Optional<MessageCursor> after,
                                            int limit, SortOrder order) {
        throw unused();
    }

    @Override
    public FileTotals fileTotals(String owner) {
        throw unused();
    }

    @Override
    public List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                        SortOrder order) {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("the content code does not read this");
    }
}
