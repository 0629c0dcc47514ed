package io.aleph4j.benchmarks;

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
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A state store that keeps nothing but its applied index, for one benchmark only: the pipeline into it measures
 * what the kernel costs around the state writes (inbox, workers, handlers, events), so that the state store's
 * share can be told apart. A hand-written stand-in because its point is to cost nothing; it answers every read
 * with "absent", so the handlers see each message as new.
 */
final class NullStateStore implements StateStore, StateTransaction {

    private volatile long appliedInboxIndex = -1;

    @Override
    public long appliedInboxIndex() {
        return appliedInboxIndex;
    }

    @Override
    public StateTransaction begin() {
        return this;
    }

    @Override
    public void commit(long throughInboxIndex) {
        appliedInboxIndex = throughInboxIndex;
    }

    @Override
    public void close() {
    }

    @Override
    public StateTransaction queries() {
        return this;
    }

    @Override
    public void reset() {
        appliedInboxIndex = -1;
    }

    @Override
    public void putMessage(MessageRecord record) {
    }

    @Override
    public void putPost(PostRecord post) {
    }

    @Override
    public void deletePost(ItemHash itemHash) {
    }

    @Override
    public void setLatestAmend(ItemHash original, ItemHash latestAmend) {
    }

    @Override
    public void putAggregateElement(AggregateElement element) {
    }

    @Override
    public void deleteAggregateElement(ItemHash itemHash) {
    }

    @Override
    public void putAggregate(AggregateRecord aggregate) {
    }

    @Override
    public void deleteAggregate(String owner, String key) {
    }

    @Override
    public void putFileReference(FileReference reference) {
    }

    @Override
    public void deleteFileReference(ItemHash storeMessageHash) {
    }

    @Override
    public void putNodeMetrics(ItemHash post, List<NodeMetric> metrics) {
    }

    @Override
    public void deleteNodeMetrics(ItemHash post) {
    }

    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        return Optional.empty();
    }

    @Override
    public Page<MessageRecord> messages(MessageFilter filter, PageRequest page) {
        return new Page<>(List.of(), 0, page);
    }

    @Override
    public List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                             SortOrder order) {
        return List.of();
    }

    @Override
    public Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page) {
        return new Page<>(List.of(), 0, page);
    }

    @Override
    public List<String> channels(MessageFilter filter) {
        return List.of();
    }

    @Override
    public List<String> postTypes(MessageFilter filter) {
        return List.of();
    }

    @Override
    public Optional<PostRecord> post(ItemHash itemHash) {
        return Optional.empty();
    }

    @Override
    public List<PostRecord> amendsOf(ItemHash original) {
        return List.of();
    }

    @Override
    public Page<PostView> posts(PostFilter filter, PageRequest page) {
        return new Page<>(List.of(), 0, page);
    }

    @Override
    public List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit, SortOrder order) {
        return List.of();
    }

    @Override
    public Optional<AggregateRecord> aggregate(String owner, String key) {
        return Optional.empty();
    }

    @Override
    public List<AggregateRecord> aggregates(String owner, Collection<String> keys) {
        return List.of();
    }

    @Override
    public Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page) {
        return new Page<>(List.of(), 0, page);
    }

    @Override
    public List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after, int limit,
                                                 SortOrder order) {
        return List.of();
    }

    @Override
    public List<AggregateRecord> securityAggregatesNaming(String grantee) {
        return List.of();
    }

    @Override
    public List<AggregateElement> aggregateElements(String owner, String key) {
        return List.of();
    }

    @Override
    public List<FileReference> fileReferences(ItemHash fileHash) {
        return List.of();
    }

    @Override
    public Optional<FileReference> latestFileReference(String owner, String ref) {
        return Optional.empty();
    }

    @Override
    public Optional<FileReference> fileReference(ItemHash storeMessageHash) {
        return Optional.empty();
    }

    @Override
    public Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page) {
        return new Page<>(List.of(), 0, page);
    }

    @Override
    public List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash, Optional<MessageCursor> after,
                                            int limit, SortOrder order) {
        return List.of();
    }

    @Override
    public FileTotals fileTotals(String owner) {
        return FileTotals.NONE;
    }

    @Override
    public Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page) {
        return new Page<>(List.of(), 0, page);
    }

    @Override
    public List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after, int limit,
                                                SortOrder order) {
        return List.of();
    }

    @Override
    public List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                        SortOrder order) {
        return List.of();
    }
}
