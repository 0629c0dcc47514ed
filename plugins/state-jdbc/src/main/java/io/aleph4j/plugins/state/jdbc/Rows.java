package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.PostRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The mapping between the records of plugin-api and table rows, column lists included. */
final class Rows {

    /** Joins tags and forgotten-by lists in one column; a control character no tag is expected to hold. */
    private static final String SEPARATOR = "\u001f";

    /**
     * What {@code messages.content_json} holds when the content's JSON is the message's {@code item_content}, as it
     * is for every inline message, so that the text is stored once (it was a fifth of a POST's row). Empty text is
     * never JSON, so the marker cannot be taken for a content; rows written before it hold the text itself.
     */
    static final String CONTENT_IS_ITEM_CONTENT = "";

    static final String MESSAGE_COLUMNS = "item_hash, chain, sender, type, channel, time, item_type, item_content, "
            + "signature, status, error_code, error_detail, owner, content_time, content_type, content_ref, "
            + "content_key, tags, content_json, forgotten_by, received_at, size, content_item_hash, payment_type, "
            + "volume_refs";
    static final String POST_COLUMNS = "item_hash, owner, type, ref, amends, channel, tags, content_json, time, "
            + "latest_amend";
    static final String ELEMENT_COLUMNS = "item_hash, owner, key, content_json, time";
    static final String AGGREGATE_COLUMNS = "owner, key, content_json, creation_time, last_revision, "
            + "last_revision_time";
    static final String FILE_COLUMNS = "message_hash, owner, file_hash, item_type, ref, time, size";
    static final String NODE_METRIC_COLUMNS = "post_hash, list_index, kind, node_id, measured_at, measurements";

    private Rows() {
    }

    static MessageRecord message(ResultSet row) throws SQLException {
        String owner = row.getString("owner");
        ContentFields content = owner == null ? null : ContentFields.builder(owner, row.getDouble("content_time"))
                .type(row.getString("content_type")).ref(row.getString("content_ref"))
                .key(row.getString("content_key")).tags(split(row.getString("tags")))
                .json(contentJson(row.getString("content_json"), row.getString("item_content")))
                .itemHash(row.getString("content_item_hash"))
                .paymentType(row.getString("payment_type")).volumeRefs(split(row.getString("volume_refs"))).build();
        MessageRecord.Builder record = MessageRecord.builder().itemHash(ItemHash.of(row.getString("item_hash")))
                .chain(Chain.of(row.getString("chain"))).sender(row.getString("sender"))
                .type(MessageType.fromWire(row.getString("type"))).channel(row.getString("channel"))
                .time(row.getDouble("time")).itemType(ItemType.fromWire(row.getString("item_type")))
                .itemContent(row.getString("item_content")).signature(row.getString("signature"))
                .status(MessageStatus.fromWire(row.getString("status"))).content(content)
                .forgottenBy(split(row.getString("forgotten_by")).stream().map(ItemHash::of).toList())
                .receivedAt(micros(row.getLong("received_at"))).size(row.getLong("size"));
        int errorCode = row.getInt("error_code");
        if (!row.wasNull()) {
            record.rejected(RejectionReason.of(ErrorCode.ofCode(errorCode), row.getString("error_detail")));
        }
        return record.build();
    }

    /** Binds every column of {@link #MESSAGE_COLUMNS}, in order, from parameter 1. */
    static void bindMessage(PreparedStatement statement, MessageRecord record) throws SQLException {
        int i = 1;
        statement.setString(i++, record.itemHash().value());
        statement.setString(i++, record.chain().code());
        statement.setString(i++, record.sender());
        statement.setString(i++, record.type().name());
        statement.setString(i++, record.channel());
        statement.setDouble(i++, record.time());
        statement.setString(i++, record.itemType().wireName());
        statement.setString(i++, record.itemContent());
        statement.setString(i++, record.signature());
        statement.setString(i++, record.status().wireName());
        if (record.rejection().isPresent()) {
            statement.setInt(i++, record.rejection().get().code().code());
            statement.setString(i++, record.rejection().get().detail());
        } else {
            statement.setNull(i++, Types.INTEGER);
            statement.setNull(i++, Types.VARCHAR);
        }
        ContentFields content = record.content();
        if (content == null) {
            for (int column = 0; column < 7; column++) {
                statement.setNull(i++, column == 1 ? Types.DOUBLE : Types.VARCHAR);
            }
        } else {
            statement.setString(i++, content.address());
            statement.setDouble(i++, content.time());
            statement.setString(i++, content.type());
            statement.setString(i++, content.ref());
            statement.setString(i++, content.key());
            statement.setString(i++, join(content.tags()));
            statement.setString(i++, storedContentJson(content.json(), record.itemContent()));
        }
        statement.setString(i++, join(record.forgottenBy().stream().map(ItemHash::value).toList()));
        statement.setLong(i++, ChronoUnit.MICROS.between(Instant.EPOCH, record.receivedAt()));
        statement.setLong(i++, record.size());
        statement.setString(i++, content == null ? null : content.itemHash());
        statement.setString(i++, content == null ? null : content.paymentType());
        statement.setString(i, content == null ? null : join(content.volumeRefs()));
    }

    /** The content's JSON as {@code messages.content_json} keeps it: the marker when it is the item content. */
    static String storedContentJson(String json, String itemContent) {
        return json != null && json.equals(itemContent) ? CONTENT_IS_ITEM_CONTENT : json;
    }

    /** The content's JSON from {@code messages.content_json} as stored and the message's item content. */
    static String contentJson(String stored, String itemContent) {
        return CONTENT_IS_ITEM_CONTENT.equals(stored) ? itemContent : stored;
    }

    static PostRecord post(ResultSet row, String prefix) throws SQLException {
        String amends = row.getString(prefix + "amends");
        String latest = row.getString(prefix + "latest_amend");
        return PostRecord.builder(ItemHash.of(row.getString(prefix + "item_hash")), row.getString(prefix + "owner"),
                        row.getString(prefix + "type")).ref(row.getString(prefix + "ref"))
                .amends(amends == null ? null : ItemHash.of(amends)).channel(row.getString(prefix + "channel"))
                .tags(split(row.getString(prefix + "tags"))).json(row.getString(prefix + "content_json"))
                .time(row.getDouble(prefix + "time")).latestAmend(latest == null ? null : ItemHash.of(latest)).build();
    }

    static void bindPost(PreparedStatement statement, PostRecord post) throws SQLException {
        statement.setString(1, post.itemHash().value());
        statement.setString(2, post.owner());
        statement.setString(3, post.type());
        statement.setString(4, post.ref());
        statement.setString(5, post.amends() == null ? null : post.amends().value());
        statement.setString(6, post.channel());
        statement.setString(7, join(post.tags()));
        statement.setString(8, post.json());
        statement.setDouble(9, post.time());
        statement.setString(10, post.latestAmend() == null ? null : post.latestAmend().value());
    }

    static AggregateElement element(ResultSet row) throws SQLException {
        return new AggregateElement(ItemHash.of(row.getString("item_hash")), row.getString("owner"),
                row.getString("key"), row.getString("content_json"), row.getDouble("time"));
    }

    static AggregateRecord aggregate(ResultSet row) throws SQLException {
        return new AggregateRecord(row.getString("owner"), row.getString("key"), row.getString("content_json"),
                row.getDouble("creation_time"), ItemHash.of(row.getString("last_revision")),
                row.getDouble("last_revision_time"));
    }

    static FileReference file(ResultSet row) throws SQLException {
        return new FileReference(ItemHash.of(row.getString("message_hash")), row.getString("owner"),
                ItemHash.of(row.getString("file_hash")), ItemType.fromWire(row.getString("item_type")),
                row.getString("ref"), row.getDouble("time"), row.getLong("size"));
    }

    /** Binds every column of {@link #FILE_COLUMNS}, in order, from parameter 1. */
    static void bindFile(PreparedStatement statement, FileReference reference) throws SQLException {
        statement.setString(1, reference.messageHash().value());
        statement.setString(2, reference.owner());
        statement.setString(3, reference.fileHash().value());
        statement.setString(4, reference.itemType().wireName());
        statement.setString(5, reference.ref());
        statement.setDouble(6, reference.time());
        statement.setLong(7, reference.size());
    }

    static NodeMetric nodeMetric(ResultSet row) throws SQLException {
        return new NodeMetric(ItemHash.of(row.getString("post_hash")), NodeKind.valueOf(row.getString("kind")),
                row.getString("node_id"), row.getDouble("measured_at"),
                JsonFields.measurements(row.getString("measurements")));
    }

    /** Binds every column of {@link #NODE_METRIC_COLUMNS}, in order, from parameter 1. */
    static void bindNodeMetric(PreparedStatement statement, NodeMetric metric, int listIndex) throws SQLException {
        statement.setString(1, metric.post().value());
        statement.setInt(2, listIndex);
        statement.setString(3, metric.kind().name());
        statement.setString(4, metric.nodeId());
        statement.setDouble(5, metric.measuredAt());
        statement.setString(6, JsonFields.measurements(metric.values()));
    }

    static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(SEPARATOR, values);
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(joined.split(SEPARATOR)));
    }

    private static Instant micros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
