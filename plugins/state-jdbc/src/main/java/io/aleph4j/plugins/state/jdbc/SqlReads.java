package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AddressStats;
import io.aleph4j.api.state.AddressStatsCursor;
import io.aleph4j.api.state.AddressStatsQuery;
import io.aleph4j.api.state.AggregateCursor;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateFilter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.AggregateSort;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** The queries, in SQL both SQLite and PostgreSQL run, over one connection's {@link Statements}. */
class SqlReads implements StateQueries {

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    final Statements statements;
    /** Totals reused across queries; null inside a write transaction, which must see its own writes. */
    private final CountCache counts;
    final Dialect dialect;

    SqlReads(Statements statements, CountCache counts, Dialect dialect) {
        this.statements = statements;
        this.counts = counts;
        this.dialect = dialect;
    }

    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        return first("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE item_hash = ?", Rows::message,
                itemHash.value());
    }

    @Override
    public Page<MessageRecord> messages(MessageFilter filter, PageRequest page) {
        Where where = messagesMatching(filter);
        String direction = page.order() == SortOrder.ASCENDING ? "ASC" : "DESC";
        String select = "SELECT " + prefixed("m.", Rows.MESSAGE_COLUMNS) + " FROM messages m" + where.sql()
                + " ORDER BY m.time " + direction + ", m.item_hash " + direction + limit(page);
        return messagesPage(select, filter, where, page);
    }

    @Override
    public Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page) {
        Where where = messagesMatching(filter);
        String direction = page.order() == SortOrder.ASCENDING ? "ASC" : "DESC";
        String select = "SELECT " + prefixed("m.", Rows.MESSAGE_COLUMNS) + " FROM messages m" + where.sql()
                + " ORDER BY m.received_at " + direction + ", " + dialect.byCodePoint("m.item_hash") + " ASC"
                + limit(page);
        return messagesPage(select, filter, where, page);
    }

    /**
     * A page of messages and its total. Where message_counts answers the filter, the total is read first and a page
     * past it is not asked for: a plan that walks an index in time order to find the page's rows reads the whole
     * index when fewer rows match than the page needs, and a filter matching nothing (a type or status no message
     * has, as the node's metrics count every one) would read every message for an empty page. Else the total is
     * counted only when the page cannot tell it.
     */
    private Page<MessageRecord> messagesPage(String select, MessageFilter filter, Where where, PageRequest page) {
        Optional<MessageCounts.Lookup> counted = MessageCounts.lookupFor(filter);
        if (counted.isEmpty()) {
            return page(select, where, page, Rows::message,
                    counting("SELECT COUNT(*) FROM messages m" + where.countSql(), where));
        }
        long total = countedTotal(counted.get());
        if (total == 0 || (page.perPage() > 0 && page.offset() >= total)) {
            return new Page<>(List.of(), total, page);
        }
        return page(select, where, page, Rows::message, () -> total);
    }

    @Override
    public List<String> channels(MessageFilter filter) {
        Where where = messagesMatching(filter).condition("m.channel IS NOT NULL");
        return query("SELECT m.channel FROM messages m" + where.sql() + " GROUP BY m.channel ORDER BY "
                + dialect.byCodePoint("m.channel"), statement -> where.bind(statement, 1), row -> row.getString(1));
    }

    /** Spelled for the partial index messages_post_types, which covers POSTs with a content type. */
    @Override
    public List<String> postTypes(MessageFilter filter) {
        Where where = messagesMatching(filter).condition("m.type = 'POST'").condition("m.content_type IS NOT NULL");
        return query("SELECT m.content_type FROM messages m" + where.sql() + " GROUP BY m.content_type ORDER BY "
                + dialect.byCodePoint("m.content_type"), statement -> where.bind(statement, 1),
                row -> row.getString(1));
    }

    /** A total from message_counts: a sum over a few rows, whatever the number of matching messages. */
    private long countedTotal(MessageCounts.Lookup lookup) {
        if (lookup.values().isEmpty()) {
            return 0;
        }
        List<String> parameters = new ArrayList<>();
        parameters.add(lookup.dimension());
        parameters.addAll(lookup.values());
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(count), 0) FROM message_counts WHERE dimension = ?"
                + " AND value IN (?" + ", ?".repeat(lookup.values().size() - 1) + ")");
        if (!lookup.statuses().isEmpty()) {
            sql.append(" AND status IN (?").append(", ?".repeat(lookup.statuses().size() - 1)).append(")");
            lookup.statuses().forEach(status -> parameters.add(status.wireName()));
        }
        return query(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
        }, row -> row.getLong(1)).get(0);
    }

    @Override
    public List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                             SortOrder order) {
        Where where = messagesMatching(filter);
        after.ifPresent(cursor -> where.after("m.time", "m.item_hash", cursor.time(), cursor.itemHash().value(),
                order == SortOrder.ASCENDING));
        String direction = order == SortOrder.ASCENDING ? "ASC" : "DESC";
        return query("SELECT " + prefixed("m.", Rows.MESSAGE_COLUMNS) + " FROM messages m" + where.sql()
                + " ORDER BY m.time " + direction + ", m.item_hash " + direction + " LIMIT " + limit,
                statement -> where.bind(statement, 1), Rows::message);
    }

    private static Where messagesMatching(MessageFilter filter) {
        return new Where()
                .in("m.item_hash", filter.hashes().stream().map(ItemHash::value).toList())
                .in("m.sender", filter.senders())
                .in("m.owner", filter.owners())
                .in("m.content_ref", filter.refs())
                .in("m.channel", filter.channels())
                .in("m.content_type", filter.contentTypes())
                .in("m.content_key", filter.contentKeys())
                .in("m.type", filter.types().stream().map(MessageType::name).toList())
                .in("m.chain", filter.chains().stream().map(Chain::code).toList())
                .in("m.content_item_hash", filter.contentHashes())
                .in("m.payment_type", filter.paymentTypes())
                .statuses("m.status", filter.statuses())
                .timeRange("m.time", filter.startTime(), filter.endTime())
                .receivedRange("m.received_at", filter.receivedFrom(), filter.receivedBefore())
                .anyTag("m.item_hash", filter.tags())
                .anyVolumeRef("m.item_hash", filter.volumeRefs());
    }

    @Override
    public Optional<PostRecord> post(ItemHash itemHash) {
        return first("SELECT " + Rows.POST_COLUMNS + " FROM posts WHERE item_hash = ?", row -> Rows.post(row, ""),
                itemHash.value());
    }

    @Override
    public List<PostRecord> amendsOf(ItemHash original) {
        return list("SELECT " + Rows.POST_COLUMNS + " FROM posts WHERE amends = ? ORDER BY time, item_hash",
                row -> Rows.post(row, ""), original.value());
    }

    @Override
    public Page<PostView> posts(PostFilter filter, PageRequest page) {
        Where where = postsMatching(filter);
        String direction = page.order() == SortOrder.ASCENDING ? "ASC" : "DESC";
        return page(postsSelect(where, direction) + limit(page), where, page, SqlReads::postView,
                counting("SELECT COUNT(*) FROM posts o" + where.countSql(), where));
    }

    @Override
    public List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit, SortOrder order) {
        Where where = postsMatching(filter);
        after.ifPresent(cursor -> where.after("o.time", "o.item_hash", cursor.time(), cursor.itemHash().value(),
                order == SortOrder.ASCENDING));
        String direction = order == SortOrder.ASCENDING ? "ASC" : "DESC";
        return query(postsSelect(where, direction) + " LIMIT " + limit, statement -> where.bind(statement, 1),
                SqlReads::postView);
    }

    private static Where postsMatching(PostFilter filter) {
        return new Where()
                .condition("o.amends IS NULL")
                .in("o.item_hash", filter.hashes().stream().map(ItemHash::value).toList())
                .in("o.owner", filter.owners())
                .in("o.ref", filter.refs())
                .in("o.type", filter.types())
                .in("o.channel", filter.channels())
                .timeRange("o.time", filter.startTime(), filter.endTime())
                .anyTag("o.item_hash", filter.tags());
    }

    private static String postsSelect(Where where, String direction) {
        return "SELECT " + aliased("o.", "o_", Rows.POST_COLUMNS) + ", " + aliased("a.", "a_", Rows.POST_COLUMNS)
                + " FROM posts o LEFT JOIN posts a ON a.item_hash = o.latest_amend" + where.sql()
                + " ORDER BY o.time " + direction + ", o.item_hash " + direction;
    }

    private static PostView postView(ResultSet row) throws SQLException {
        PostRecord original = Rows.post(row, "o_");
        return new PostView(original, row.getString("a_item_hash") == null ? original : Rows.post(row, "a_"));
    }

    @Override
    public Optional<AggregateRecord> aggregate(String owner, String key) {
        return first("SELECT " + Rows.AGGREGATE_COLUMNS + " FROM aggregates WHERE owner = ? AND key = ?",
                Rows::aggregate, owner, key);
    }

    @Override
    public List<AggregateRecord> aggregates(String owner, Collection<String> keys) {
        Where where = new Where().condition("owner = ?").in("key", List.copyOf(keys));
        String sql = "SELECT " + Rows.AGGREGATE_COLUMNS + " FROM aggregates" + where.sql() + " ORDER BY key";
        return query(sql, statement -> {
            statement.setString(1, owner);
            where.bind(statement, 2);
        }, Rows::aggregate);
    }

    @Override
    public Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page) {
        Where where = aggregatesMatching(filter);
        return page(aggregatesSelect(filter, where, page.order()) + limit(page), where, page, Rows::aggregate,
                counting("SELECT COUNT(*) FROM aggregates" + where.countSql(), where));
    }

    @Override
    public List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after, int limit,
                                                 SortOrder order) {
        Where where = aggregatesMatching(filter);
        after.ifPresent(cursor -> {
            String time = aggregateTime(filter);
            String key = dialect.byCodePoint("key");
            String owner = dialect.byCodePoint("owner");
            where.condition("(" + time + (order == SortOrder.ASCENDING ? " > " : " < ") + "? OR (" + time
                    + " = ? AND (" + key + " > ? OR (" + key + " = ? AND " + owner + " > ?))))",
                    cursor.time(), cursor.time(), cursor.key(), cursor.key(), cursor.owner());
        });
        return query(aggregatesSelect(filter, where, order) + " LIMIT " + limit, statement -> where.bind(statement, 1),
                Rows::aggregate);
    }

    private static Where aggregatesMatching(AggregateFilter filter) {
        return new Where().in("owner", filter.owners()).in("key", filter.keys());
    }

    private String aggregatesSelect(AggregateFilter filter, Where where, SortOrder order) {
        return "SELECT " + Rows.AGGREGATE_COLUMNS + " FROM aggregates" + where.sql() + " ORDER BY "
                + aggregateTime(filter) + (order == SortOrder.ASCENDING ? " ASC, " : " DESC, ")
                + dialect.byCodePoint("key") + " ASC, " + dialect.byCodePoint("owner") + " ASC";
    }

    private static String aggregateTime(AggregateFilter filter) {
        return filter.sort() == AggregateSort.LAST_MODIFIED ? "last_revision_time" : "creation_time";
    }

    /** Through the index security_grantees, which the writes of security aggregates keep. */
    @Override
    public List<AggregateRecord> securityAggregatesNaming(String grantee) {
        return list("SELECT " + prefixed("a.", Rows.AGGREGATE_COLUMNS) + " FROM security_grantees g "
                + "JOIN aggregates a ON a.owner = g.owner AND a.key = '" + SqlWrites.SECURITY_KEY + "' "
                + "WHERE g.grantee = ? ORDER BY " + dialect.byCodePoint("g.owner"), Rows::aggregate, grantee);
    }

    @Override
    public List<AggregateElement> aggregateElements(String owner, String key) {
        return list("SELECT " + Rows.ELEMENT_COLUMNS + " FROM aggregate_elements WHERE owner = ? AND key = ? "
                + "ORDER BY time, item_hash", Rows::element, owner, key);
    }

    @Override
    public List<FileReference> fileReferences(ItemHash fileHash) {
        return list("SELECT " + Rows.FILE_COLUMNS + " FROM file_references WHERE file_hash = ? "
                + "ORDER BY time, message_hash", Rows::file, fileHash.value());
    }

    @Override
    public Optional<FileReference> latestFileReference(String owner, String ref) {
        if (owner == null) {
            return first("SELECT " + Rows.FILE_COLUMNS + " FROM file_references "
                    + "WHERE (message_hash = ? AND ref IS NULL) OR ref = ? ORDER BY time DESC, message_hash DESC LIMIT 1",
                    Rows::file, ref, ref);
        }
        return first("SELECT " + Rows.FILE_COLUMNS + " FROM file_references WHERE owner = ? AND ref = ? "
                + "ORDER BY time DESC, message_hash DESC LIMIT 1", Rows::file, owner, ref);
    }

    @Override
    public Optional<FileReference> fileReference(ItemHash storeMessageHash) {
        return first("SELECT " + Rows.FILE_COLUMNS + " FROM file_references WHERE message_hash = ?", Rows::file,
                storeMessageHash.value());
    }

    @Override
    public Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page) {
        Where where = filesMatching(owner, fileHash);
        return page(filesSelect(where, page.order()) + limit(page), where, page, Rows::file,
                counting("SELECT COUNT(*) FROM file_references" + where.countSql(), where));
    }

    @Override
    public List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash, Optional<MessageCursor> after,
                                            int limit, SortOrder order) {
        Where where = filesMatching(owner, fileHash);
        after.ifPresent(cursor -> where.condition("(time" + (order == SortOrder.ASCENDING ? " > " : " < ")
                        + "? OR (time = ? AND " + dialect.byCodePoint("message_hash") + " > ?))",
                cursor.time(), cursor.time(), cursor.itemHash().value()));
        return query(filesSelect(where, order) + " LIMIT " + limit, statement -> where.bind(statement, 1),
                Rows::file);
    }

    private static Where filesMatching(String owner, Optional<ItemHash> fileHash) {
        return new Where().condition("owner = ?", owner)
                .in("file_hash", fileHash.map(hash -> List.of(hash.value())).orElse(List.of()));
    }

    private String filesSelect(Where where, SortOrder order) {
        return "SELECT " + Rows.FILE_COLUMNS + " FROM file_references" + where.sql() + " ORDER BY time "
                + (order == SortOrder.ASCENDING ? "ASC" : "DESC") + ", " + dialect.byCodePoint("message_hash")
                + " ASC";
    }

    @Override
    public FileTotals fileTotals(String owner) {
        return query("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM file_references WHERE owner = ?",
                statement -> statement.setString(1, owner), row -> new FileTotals(row.getLong(1), row.getLong(2)))
                .get(0);
    }

    @Override
    public List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                        SortOrder order) {
        if (Double.isNaN(fromSeconds) || Double.isNaN(toSeconds)) {
            throw new IllegalArgumentException("measurement time bounds must be numbers (infinities for none), not "
                    + fromSeconds + " and " + toSeconds);
        }
        Where where = new Where().condition("kind = ?", kind.name()).condition("node_id = ?", nodeId);
        if (fromSeconds != Double.NEGATIVE_INFINITY) {
            where.condition("measured_at >= ?", fromSeconds);
        }
        if (toSeconds != Double.POSITIVE_INFINITY) {
            where.condition("measured_at <= ?", toSeconds);
        }
        return query("SELECT " + Rows.NODE_METRIC_COLUMNS + " FROM node_metrics" + where.sql()
                + " ORDER BY measured_at " + (order == SortOrder.ASCENDING ? "ASC" : "DESC") + ", "
                + dialect.byCodePoint("post_hash") + " ASC, list_index ASC", statement -> where.bind(statement, 1),
                Rows::nodeMetric);
    }

    @Override
    public Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page) {
        Where where = addressStatsMatching(query);
        String select = addressStatsSelect(where, "", query, page.order()) + limit(page);
        return page(select, where, page, SqlReads::addressStats,
                counting("SELECT COUNT(DISTINCT sender) FROM messages" + where.countSql(), where));
    }

    @Override
    public List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after,
                                                int limit, SortOrder order) {
        Where where = addressStatsMatching(query);
        String having = "";
        if (after.isPresent()) {
            // The aggregate is repeated: PostgreSQL does not take output aliases in HAVING.
            String count = sortExpression(query.sortBy());
            having = " HAVING " + count + (order == SortOrder.ASCENDING ? " > " : " < ") + after.get().count()
                    + " OR (" + count + " = " + after.get().count() + " AND sender > ?)";
        }
        String sql = addressStatsSelect(where, having, query, order) + " LIMIT " + limit;
        return query(sql, statement -> {
            int next = where.bind(statement, 1);
            if (after.isPresent()) {
                statement.setString(next, after.get().address());
            }
        }, SqlReads::addressStats);
    }

    private static Where addressStatsMatching(AddressStatsQuery query) {
        Where where = new Where().condition("status = 'processed'").in("sender", query.addresses());
        if (query.addressContains() != null && !query.addressContains().isEmpty()) {
            where.containsIgnoringCase("sender", query.addressContains());
        }
        return where;
    }

    private static String addressStatsSelect(Where where, String having, AddressStatsQuery query, SortOrder order) {
        String direction = order == SortOrder.ASCENDING ? "ASC" : "DESC";
        return "SELECT sender, COUNT(*) AS messages"
                + countOf("AGGREGATE") + countOf("FORGET") + countOf("INSTANCE") + countOf("POST")
                + countOf("PROGRAM") + countOf("STORE")
                + " FROM messages" + where.sql() + " GROUP BY sender" + having + " ORDER BY "
                + sortExpression(query.sortBy()) + " " + direction + ", sender ASC";
    }

    private static String sortExpression(AddressStatsQuery.SortBy sortBy) {
        return sortBy == AddressStatsQuery.SortBy.TOTAL ? "COUNT(*)"
                : "SUM(CASE WHEN type = '" + sortBy.name() + "' THEN 1 ELSE 0 END)";
    }

    private static AddressStats addressStats(ResultSet row) throws SQLException {
        Map<MessageType, Long> counts = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            counts.put(type, row.getLong(type.name().toLowerCase(Locale.ROOT)));
        }
        return new AddressStats(row.getString("sender"), counts);
    }

    /** A column counting the grouped messages of one type, named after it in lower case. */
    private static String countOf(String type) {
        return ", SUM(CASE WHEN type = '" + type + "' THEN 1 ELSE 0 END) AS " + type.toLowerCase(java.util.Locale.ROOT);
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try {
            PreparedStatement statement = statements.prepare(sql);
            try {
                binder.bind(statement);
                List<T> results = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        results.add(reader.read(rows));
                    }
                }
                return results;
            } finally {
                statements.release(statement);
            }
        } catch (SQLException e) {
            throw new StoreException("query failed: " + firstWords(sql), e);
        }
    }

    private <T> List<T> list(String sql, RowReader<T> reader, String... parameters) {
        return query(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
        }, reader);
    }

    private <T> Optional<T> first(String sql, RowReader<T> reader, String... parameters) {
        List<T> results = list(sql, reader, parameters);
        return results.isEmpty() ? Optional.empty() : Optional.of(results.get(0));
    }

    /**
     * One page and its total. The total is asked of {@code total} only when the page cannot tell it: a short first
     * page (or an unpaged one) is all there is.
     */
    private <T> Page<T> page(String selectSql, Where where, PageRequest page, RowReader<T> reader,
                             LongSupplier total) {
        List<T> items = query(selectSql, statement -> where.bind(statement, 1), reader);
        boolean wholeResult = page.perPage() == 0 || (page.page() == 1 && items.size() < page.perPage());
        // The total comes from its own read: at least the items it was counted beside.
        return new Page<>(items, wholeResult ? items.size() : Math.max(total.getAsLong(), items.size()), page);
    }

    /** A total by COUNT, reused for a while when it is expensive ({@link CountCache}) where the store has one. */
    private LongSupplier counting(String countSql, Where where) {
        return counts == null ? () -> count(countSql, where)
                : () -> counts.count(countSql, where.parameters(), () -> count(countSql, where));
    }

    private long count(String countSql, Where where) {
        return query(countSql, statement -> where.bind(statement, 1), row -> row.getLong(1)).get(0);
    }

    private static String limit(PageRequest page) {
        return page.perPage() == 0 ? "" : " LIMIT " + page.perPage() + " OFFSET " + page.offset();
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }

    private static String aliased(String prefix, String alias, String columns) {
        List<String> parts = new ArrayList<>();
        for (String column : columns.split(", ")) {
            parts.add(prefix + column + " AS " + alias + column);
        }
        return String.join(", ", parts);
    }

    private static String firstWords(String sql) {
        return sql.length() <= 60 ? sql : sql.substring(0, 60) + "...";
    }
}
