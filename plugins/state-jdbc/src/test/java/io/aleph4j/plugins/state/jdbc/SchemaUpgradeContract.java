package io.aleph4j.plugins.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.FileTotals;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.StateQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database an older aleph4j made opens in this one: the migrations add what is new and fill it from what the old
 * version stored. Each database runs it on its own kind of database ({@link #database()}, a new one per test).
 */
abstract class SchemaUpgradeContract {

    private static final String ALICE = "0xAlice";
    private static final String BOB = "0xBob";

    /** A new, empty database. */
    protected abstract DataSource database() throws SQLException;

    @Test
    void aVersion4DatabaseGetsFileSizesOfZeroAndItsSecurityGranteesAndVolumeRefsFilled() throws Exception {
        DataSource database = database();
        ItemHash program = ItemHash.sha256Of("program");
        ItemHash instance = ItemHash.sha256Of("instance");
        ItemHash forgotten = ItemHash.sha256Of("forgotten program");
        ItemHash post = ItemHash.sha256Of("post");
        ItemHash store = ItemHash.sha256Of("store");
        try (Connection old = database.getConnection()) {
            assertThat(Migrations.apply(old, 4)).isEqualTo(4);
            old.setAutoCommit(false);
            insertMessage(old, program, "PROGRAM", "{\"address\":\"" + ALICE + "\",\"time\":1.0,"
                    + "\"code\":{\"ref\":\"code-ref\",\"encoding\":\"zip\"},\"runtime\":{\"ref\":\"runtime-ref\"},"
                    + "\"data\":null,\"volumes\":[{\"ref\":\"volume-ref\",\"mount\":\"/opt\"},"
                    + "{\"ephemeral\":true,\"size_mib\":1},"
                    + "{\"persistence\":\"host\",\"parent\":{\"ref\":\"persistent-parent\"},\"name\":\"x\"}]}");
            insertMessage(old, instance, "INSTANCE", "{\"address\":\"" + ALICE + "\",\"time\":2.0,"
                    + "\"rootfs\":{\"parent\":{\"ref\":\"rootfs-ref\"}},\"volumes\":[{\"ref\":\"instance-volume\"}]}");
            insertMessage(old, forgotten, "PROGRAM", null);
            insertMessage(old, post, "POST", "{\"address\":\"" + ALICE + "\",\"time\":4.0,"
                    + "\"content\":{\"code\":{\"ref\":\"not-a-volume\"}},\"code\":{\"ref\":\"not-a-volume\"}}");
            update(old, "INSERT INTO aggregates (owner, key, content_json, creation_time, last_revision, "
                    + "last_revision_time) VALUES (?, 'security', ?, 1.0, ?, 2.0)", BOB,
                    "{\"authorizations\":[{\"address\":\"" + ALICE + "\",\"types\":[\"POST\"]},\"0xString\"]}",
                    program.value());
            update(old, "INSERT INTO aggregates (owner, key, content_json, creation_time, last_revision, "
                    + "last_revision_time) VALUES (?, 'profile', ?, 1.0, ?, 2.0)", ALICE,
                    "{\"authorizations\":[{\"address\":\"" + BOB + "\"}]}", program.value());
            update(old, "INSERT INTO file_references (message_hash, owner, file_hash, item_type, ref, time) "
                    + "VALUES (?, ?, ?, 'storage', NULL, 5.0)", store.value(), ALICE, post.value());
            old.commit();
        }

        JdbcStateStore upgraded = new JdbcStateStore("upgraded", () -> new JdbcStateStore.Connections(
                database.getConnection(), database, () -> { }));
        upgraded.open();
        try {
            StateQueries queries = upgraded.queries();
            assertThat(queries.message(program).orElseThrow().content().volumeRefs())
                    .containsExactly("code-ref", "runtime-ref", "volume-ref");
            assertThat(queries.message(instance).orElseThrow().content().volumeRefs())
                    .containsExactly("instance-volume", "rootfs-ref");
            assertThat(queries.message(post).orElseThrow().content().volumeRefs()).isEmpty();
            assertThat(queries.messages(MessageFilter.builder().volumeRefs("rootfs-ref", "code-ref").build(),
                    PageRequest.all()).items()).extracting(MessageRecord::itemHash)
                    .containsExactlyInAnyOrder(program, instance);
            assertThat(queries.messages(MessageFilter.builder().volumeRefs("persistent-parent", "not-a-volume")
                    .build(), PageRequest.all()).items()).isEmpty();

            assertThat(queries.securityAggregatesNaming(ALICE)).extracting(aggregate -> aggregate.owner())
                    .containsExactly(BOB);
            assertThat(queries.securityAggregatesNaming(BOB)).as("a profile is no security aggregate").isEmpty();
            assertThat(queries.securityAggregatesNaming("0xString")).isEmpty();

            assertThat(queries.fileReference(store).orElseThrow().size()).isZero();
            assertThat(queries.fileTotals(ALICE)).isEqualTo(new FileTotals(1, 0));
        } finally {
            upgraded.close();
        }
        try (Connection upgradedConnection = database.getConnection()) {
            assertThat(Migrations.currentVersion(upgradedConnection))
                    .isEqualTo(Migrations.known(Dialect.of(upgradedConnection)).size());
        }
    }

    /**
     * Version 6 changes how item hashes are indexed (hash indexes on PostgreSQL): what version 5 stored is still found
     * by hash, by tag and in listings, and putting it again replaces it rather than adding a row.
     */
    @Test
    void aVersion5DatabasesMessagesTagsAndPostsAreFoundAndReplacedByItemHashAfterTheUpgrade() throws Exception {
        DataSource database = database();
        ItemHash post = ItemHash.sha256Of("post");
        try (Connection old = database.getConnection()) {
            assertThat(Migrations.apply(old, 5)).isEqualTo(5);
            old.setAutoCommit(false);
            insertMessage(old, post, "POST", "{\"address\":\"" + ALICE + "\",\"time\":1.0,\"type\":\"note\"}");
            update(old, "UPDATE messages SET tags = 'kept', content_type = 'note' WHERE item_hash = ?", post.value());
            update(old, "INSERT INTO message_tags (item_hash, tag) VALUES (?, 'kept')", post.value());
            update(old, "INSERT INTO posts (item_hash, owner, type, tags, content_json, time) "
                    + "VALUES (?, ?, 'note', 'kept', '{}', 1.0)", post.value(), ALICE);
            // The counts version 5 kept beside the message (the listings read their totals there).
            for (String[] counted : new String[][] {{"", ""}, {"type", "POST"}, {"chain", "ETH"}, {"sender", ALICE},
                    {"owner", ALICE}, {"channel", "TEST"}, {"content_type", "note"}, {"tag", "kept"}}) {
                update(old, "INSERT INTO message_counts (dimension, value, status, count) "
                        + "VALUES (?, ?, 'processed', 1)", counted);
            }
            old.commit();
        }

        JdbcStateStore upgraded = new JdbcStateStore("upgraded", () -> new JdbcStateStore.Connections(
                database.getConnection(), database, () -> { }));
        upgraded.open();
        try {
            MessageRecord stored = upgraded.queries().message(post).orElseThrow();
            assertThat(stored.content().tags()).containsExactly("kept");
            assertThat(upgraded.queries().messages(MessageFilter.builder().tags("kept").build(), PageRequest.all())
                    .items()).containsExactly(stored);
            PostRecord storedPost = upgraded.queries().post(post).orElseThrow();
            try (StateTransaction transaction = upgraded.begin()) {
                transaction.putMessage(stored.toBuilder().status(MessageStatus.FORGOTTEN).build());
                transaction.putPost(storedPost.toBuilder().json("{\"edited\":true}").build());
                transaction.commit(0);
            }
            assertThat(upgraded.queries().messages(MessageFilter.any(), PageRequest.all()).items())
                    .extracting(MessageRecord::status).containsExactly(MessageStatus.FORGOTTEN);
            assertThat(upgraded.queries().messages(MessageFilter.builder().tags("kept").build(), PageRequest.all())
                    .items()).hasSize(1);
            assertThat(upgraded.queries().posts(PostFilter.any(), PageRequest.all()).items())
                    .extracting(view -> view.original().json()).containsExactly("{\"edited\":true}");
        } finally {
            upgraded.close();
        }
    }

    /**
     * From version 7 an inline message's content is kept once (content_json holds a marker) where version 6 kept the
     * text twice. Both read back whole; a content that is not the item content (a stored file's, one that differs,
     * one dropped while the item content stays) is kept as it is.
     */
    @Test
    void anInlineMessagesContentIsKeptOnceAndReadsBackWholeAsAVersion6RowDoes() throws Exception {
        DataSource database = database();
        ItemHash version6 = ItemHash.sha256Of("version 6 post");
        String json = "{\"address\":\"" + ALICE + "\",\"time\":1.0,\"type\":\"note\"}";
        try (Connection old = database.getConnection()) {
            assertThat(Migrations.apply(old, 6)).isEqualTo(6);
            update(old, "INSERT INTO messages (item_hash, chain, sender, type, channel, time, item_type, "
                    + "item_content, signature, status, owner, content_time, content_json, received_at, size) "
                    + "VALUES (?, 'ETH', ?, 'POST', 'TEST', 1.0, 'inline', ?, '0xsignature', 'processed', ?, 1.0, ?, "
                    + "0, 0)", version6.value(), ALICE, json, ALICE, json);
        }

        JdbcStateStore upgraded = new JdbcStateStore("upgraded", () -> new JdbcStateStore.Connections(
                database.getConnection(), database, () -> { }));
        upgraded.open();
        try {
            MessageRecord stored = upgraded.queries().message(version6).orElseThrow();
            assertThat(stored.itemContent()).isEqualTo(json);
            assertThat(stored.content().json()).isEqualTo(json);

            MessageRecord inline = stored.toBuilder().itemHash(ItemHash.sha256Of("inline")).build();
            MessageRecord file = stored.toBuilder().itemHash(ItemHash.sha256Of("storage")).itemType(ItemType.STORAGE)
                    .itemContent(null).build();
            MessageRecord differing = stored.toBuilder().itemHash(ItemHash.sha256Of("differing"))
                    .itemContent(json.replace("note", "other")).build();
            MessageRecord dropped = stored.toBuilder().itemHash(ItemHash.sha256Of("dropped"))
                    .content(stored.content().withoutJson()).build();
            try (StateTransaction transaction = upgraded.begin()) {
                for (MessageRecord record : List.of(inline, file, differing, dropped)) {
                    transaction.putMessage(record);
                }
                transaction.commit(0);
            }
            for (MessageRecord record : List.of(stored, inline, file, differing, dropped)) {
                assertThat(upgraded.queries().message(record.itemHash())).contains(record);
            }
            try (Connection connection = database.getConnection()) {
                assertThat(contentJson(connection, inline.itemHash())).as("kept once").isEmpty();
                assertThat(contentJson(connection, file.itemHash())).isEqualTo(json);
                assertThat(contentJson(connection, differing.itemHash())).isEqualTo(json);
                assertThat(contentJson(connection, dropped.itemHash())).isNull();
            }
        } finally {
            upgraded.close();
        }
    }

    private static String contentJson(Connection connection, ItemHash hash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT content_json FROM messages WHERE item_hash = ?")) {
            select.setString(1, hash.value());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static void insertMessage(Connection connection, ItemHash hash, String type, String contentJson)
            throws SQLException {
        update(connection, "INSERT INTO messages (item_hash, chain, sender, type, channel, time, item_type, "
                + "item_content, signature, status, owner, content_time, content_json, received_at, size) "
                + "VALUES (?, 'ETH', ?, ?, 'TEST', 1.0, 'storage', NULL, '0xsignature', ?, ?, 1.0, ?, 0, 0)",
                hash.value(), ALICE, type, contentJson == null ? "forgotten" : "processed", ALICE, contentJson);
    }

    private static void update(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
