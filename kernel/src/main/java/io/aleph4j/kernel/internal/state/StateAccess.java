package io.aleph4j.kernel.internal.state;

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
import io.aleph4j.api.state.StateStore;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The node's state as plugins read it ({@code NodeContext.state()}, or injected as {@link StateQueries}): the
 * queries of the one state store, attached once every plugin's extensions are built. Plugins may hold it from
 * construction on; it answers from start on, and on a node without a state store it says so.
 */
@Singleton
public final class StateAccess implements StateQueries {

    private volatile StateStore store;
    private volatile boolean attached;

    /** Called once the extensions are built: the node's store, or none. */
    public void attach(Optional<StateStore> stateStore) {
        this.store = stateStore.orElse(null);
        this.attached = true;
    }

    /** The store, when the node has one. */
    public Optional<StateStore> store() {
        return Optional.ofNullable(store);
    }

    private StateQueries queries() {
        StateStore current = store;
        if (current == null) {
            throw new IllegalStateException(attached
                    ? "this node keeps no state: no plugin contributes a StateStore"
                    : "the node's state is readable from plugin start on, not during registration");
        }
        return current.queries();
    }

    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        return queries().message(itemHash);
    }

    @Override
    public Page<MessageRecord> messages(MessageFilter filter, PageRequest page) {
        return queries().messages(filter, page);
    }

    @Override
    public List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                             SortOrder order) {
        return queries().messagesAfter(filter, after, limit, order);
    }

    @Override
    public Optional<PostRecord> post(ItemHash itemHash) {
        return queries().post(itemHash);
    }

    @Override
    public List<PostRecord> amendsOf(ItemHash original) {
        return queries().amendsOf(original);
    }

    @Override
    public Page<PostView> posts(PostFilter filter, PageRequest page) {
        return queries().posts(filter, page);
    }

    @Override
    public List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit, SortOrder order) {
        return queries().postsAfter(filter, after, limit, order);
    }

    @Override
    public Optional<AggregateRecord> aggregate(String owner, String key) {
        return queries().aggregate(owner, key);
    }

    @Override
    public List<AggregateRecord> aggregates(String owner, Collection<String> keys) {
        return queries().aggregates(owner, keys);
    }

    @Override
    public List<AggregateElement> aggregateElements(String owner, String key) {
        return queries().aggregateElements(owner, key);
    }

    @Override
    public List<FileReference> fileReferences(ItemHash fileHash) {
        return queries().fileReferences(fileHash);
    }

    @Override
    public Optional<FileReference> latestFileReference(String owner, String ref) {
        return queries().latestFileReference(owner, ref);
    }

    @Override
    public Optional<FileReference> fileReference(ItemHash storeMessageHash) {
        return queries().fileReference(storeMessageHash);
    }

    @Override
    public Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page) {
        return queries().addressStats(query, page);
    }

    @Override
    public List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after,
                                                int limit, SortOrder order) {
        return queries().addressStatsAfter(query, after, limit, order);
    }

    @Override
    public Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page) {
        return queries().messagesByReception(filter, page);
    }

    @Override
    public List<String> channels(MessageFilter filter) {
        return queries().channels(filter);
    }

    @Override
    public List<String> postTypes(MessageFilter filter) {
        return queries().postTypes(filter);
    }

    @Override
    public Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page) {
        return queries().aggregates(filter, page);
    }

    @Override
    public List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after, int limit,
                                                 SortOrder order) {
        return queries().aggregatesAfter(filter, after, limit, order);
    }

    @Override
    public List<AggregateRecord> securityAggregatesNaming(String grantee) {
        return queries().securityAggregatesNaming(grantee);
    }

    @Override
    public Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page) {
        return queries().filesOf(owner, fileHash, page);
    }

    @Override
    public List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash, Optional<MessageCursor> after,
                                            int limit, SortOrder order) {
        return queries().filesOfAfter(owner, fileHash, after, limit, order);
    }

    @Override
    public FileTotals fileTotals(String owner) {
        return queries().fileTotals(owner);
    }

    @Override
    public List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                        SortOrder order) {
        return queries().nodeMetrics(kind, nodeId, fromSeconds, toSeconds, order);
    }
}
