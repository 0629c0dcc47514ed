package io.aleph4j.plugins.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A transaction's reads through its pending changes, against a real RocksDB holding the committed state. */
class PendingWritesTest {

    private static final Column FAMILY = Column.MESSAGES_BY_TAG;

    @TempDir
    Path directory;

    private Database database;
    private ReadOptions read;

    @BeforeEach
    void open() throws RocksDBException {
        database = Database.open(directory, 8 << 20, 8 << 20, true);
        read = new ReadOptions();
    }

    @AfterEach
    void close() {
        read.close();
        database.close();
    }

    @Test
    void scansAndLookupsSeeTheTransactionsPutsAndDeletionsOverTheCommittedKeys() throws RocksDBException {
        commit(Map.of("a1", "one", "a3", "three", "a5", "five"));
        try (PendingWrites pending = new PendingWrites(database)) {
            pending.put(FAMILY, bytes("a2"), bytes("two"));
            pending.put(FAMILY, bytes("a3"), bytes("THREE"));
            pending.delete(FAMILY, bytes("a5"));
            pending.put(FAMILY, bytes("a6"), new byte[0]);

            assertThat(text(pending.get(FAMILY, bytes("a1"), read))).isEqualTo("one");
            assertThat(text(pending.get(FAMILY, bytes("a3"), read))).isEqualTo("THREE");
            assertThat(pending.get(FAMILY, bytes("a5"), read)).isNull();
            assertThat(pending.get(FAMILY, bytes("a6"), read)).isEmpty();
            try (Cursor cursor = cursor(pending)) {
                cursor.seekToFirst();
                assertThat(walk(cursor, true)).containsExactly("a1=one", "a2=two", "a3=THREE", "a6=");
                cursor.seekToLast();
                assertThat(walk(cursor, false)).containsExactly("a6=", "a3=THREE", "a2=two", "a1=one");
                cursor.seek(bytes("a4"));
                assertThat(text(cursor.key())).isEqualTo("a6");
                cursor.seekForPrev(bytes("a5"));
                assertThat(text(cursor.key())).isEqualTo("a3");
            }
        }
    }

    @Test
    void aCursorChangesDirectionOnlyWithASeek() throws RocksDBException {
        commit(Map.of("b1", "x", "b2", "y"));
        try (PendingWrites pending = new PendingWrites(database)) {
            pending.put(FAMILY, bytes("b3"), bytes("z"));
            try (Cursor cursor = cursor(pending)) {
                cursor.seek(bytes("b2"));
                assertThatThrownBy(cursor::prev).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    /** Random committed keys and random changes over them, read every way against a sorted map of what must be. */
    @Test
    void readsAgreeWithAModelOfTheCommittedStateAndTheChangesForRandomTransactions() throws RocksDBException {
        Random random = new Random(17);
        for (int round = 0; round < 40; round++) {
            try (PendingWrites clearing = new PendingWrites(database)) {
                try (Cursor all = cursor(clearing)) {
                    for (all.seekToFirst(); all.isValid(); all.next()) {
                        clearing.delete(FAMILY, all.key());
                    }
                }
                database.db().write(database.writeOptions(), clearing.batch());
            }
            NavigableMap<String, String> model = new TreeMap<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                model.put(key(random), "c" + random.nextInt(100));
            }
            commit(model);
            try (PendingWrites pending = new PendingWrites(database)) {
                for (int i = random.nextInt(30); i > 0; i--) {
                    String key = key(random);
                    if (random.nextInt(3) == 0) {
                        pending.delete(FAMILY, bytes(key));
                        model.remove(key);
                    } else {
                        String value = "p" + random.nextInt(100);
                        pending.put(FAMILY, bytes(key), bytes(value));
                        model.put(key, value);
                    }
                }
                try (Cursor cursor = cursor(pending)) {
                    cursor.seekToFirst();
                    assertThat(walk(cursor, true)).containsExactlyElementsOf(entries(model, true));
                    cursor.seekToLast();
                    assertThat(walk(cursor, false)).containsExactlyElementsOf(entries(model, false));
                    for (int probe = 0; probe < 20; probe++) {
                        String at = key(random);
                        cursor.seek(bytes(at));
                        assertThat(walk(cursor, true)).containsExactlyElementsOf(entries(model.tailMap(at, true), true));
                        cursor.seekForPrev(bytes(at));
                        assertThat(walk(cursor, false))
                                .containsExactlyElementsOf(entries(model.headMap(at, true), false));
                        assertThat(text(pending.get(FAMILY, bytes(at), read))).isEqualTo(model.get(at));
                    }
                }
            }
        }
    }

    /** Keys in order let each memtable insert start where the last one went (see PendingWrites). */
    @Test
    void theCommittedBatchHoldsEachFamilysChangesOnceInKeyOrderAndCommitsWhatTheTransactionLeft()
            throws RocksDBException {
        commit(Map.of("d4", "old", "d6", "old"));
        List<String> written = new ArrayList<>();
        try (PendingWrites pending = new PendingWrites(database)) {
            pending.put(FAMILY, bytes("d9"), bytes("nine"));
            pending.put(Column.MESSAGES_BY_SENDER, bytes("s2"), bytes("two"));
            pending.put(FAMILY, bytes("d1"), bytes("one"));
            pending.put(FAMILY, bytes("d4"), bytes("four"));
            pending.delete(FAMILY, bytes("d4"));
            pending.delete(FAMILY, bytes("d6"));
            pending.put(FAMILY, bytes("d6"), bytes("six"));
            pending.put(Column.MESSAGES_BY_SENDER, bytes("s1"), bytes("one"));
            try (WriteBatch.Handler handler = new Recorder(written)) {
                pending.batch().iterate(handler);
            }
            database.db().write(database.writeOptions(), pending.batch());
            assertThatThrownBy(() -> pending.put(FAMILY, bytes("d7"), bytes("late")))
                    .isInstanceOf(IllegalStateException.class);
        }

        int tagFamily = database.handle(FAMILY).getID();
        int senderFamily = database.handle(Column.MESSAGES_BY_SENDER).getID();
        assertThat(written).containsSubsequence("put " + tagFamily + " d1", "delete " + tagFamily + " d4",
                "put " + tagFamily + " d6", "put " + tagFamily + " d9").hasSize(6)
                .containsSubsequence("put " + senderFamily + " s1", "put " + senderFamily + " s2");
        assertThat(database.db().get(database.handle(FAMILY), bytes("d4"))).isNull();
        assertThat(text(database.db().get(database.handle(FAMILY), bytes("d6")))).isEqualTo("six");
    }

    /** Each entry of a batch as "put|delete family key". */
    private static final class Recorder extends WriteBatch.Handler {
        private final List<String> seen;

        Recorder(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void put(int family, byte[] key, byte[] value) {
            seen.add("put " + family + " " + text(key));
        }

        @Override
        public void delete(int family, byte[] key) {
            seen.add("delete " + family + " " + text(key));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            seen.add("put 0 " + text(key));
        }

        @Override
        public void merge(int family, byte[] key, byte[] value) {
            seen.add("merge");
        }

        @Override
        public void merge(byte[] key, byte[] value) {
            seen.add("merge");
        }

        @Override
        public void delete(byte[] key) {
            seen.add("delete 0 " + text(key));
        }

        @Override
        public void singleDelete(int family, byte[] key) {
            seen.add("single delete");
        }

        @Override
        public void singleDelete(byte[] key) {
            seen.add("single delete");
        }

        @Override
        public void deleteRange(int family, byte[] begin, byte[] end) {
            seen.add("delete range");
        }

        @Override
        public void deleteRange(byte[] begin, byte[] end) {
            seen.add("delete range");
        }

        @Override
        public void logData(byte[] blob) {
        }

        @Override
        public void putBlobIndex(int family, byte[] key, byte[] value) {
            seen.add("blob");
        }

        @Override
        public void markBeginPrepare() {
        }

        @Override
        public void markEndPrepare(byte[] transactionId) {
        }

        @Override
        public void markNoop(boolean emptyBatch) {
        }

        @Override
        public void markRollback(byte[] transactionId) {
        }

        @Override
        public void markCommit(byte[] transactionId) {
        }

        @Override
        public void markCommitWithTimestamp(byte[] transactionId, byte[] timestamp) {
        }
    }

    private static String key(Random random) {
        return "k" + (char) ('a' + random.nextInt(26)) + (random.nextBoolean() ? "" : "x");
    }

    private void commit(Map<String, String> entries) throws RocksDBException {
        try (PendingWrites writes = new PendingWrites(database)) {
            entries.forEach((key, value) -> writes.put(FAMILY, bytes(key), bytes(value)));
            database.db().write(database.writeOptions(), writes.batch());
        }
    }

    private Cursor cursor(PendingWrites pending) {
        return pending.cursor(FAMILY, Cursor.over(database.db().newIterator(database.handle(FAMILY), read)));
    }

    private static List<String> walk(Cursor cursor, boolean forward) {
        List<String> seen = new ArrayList<>();
        while (cursor.isValid()) {
            seen.add(text(cursor.key()) + "=" + text(cursor.value()));
            if (forward) {
                cursor.next();
            } else {
                cursor.prev();
            }
        }
        return seen;
    }

    private static List<String> entries(NavigableMap<String, String> model, boolean forward) {
        return (forward ? model : model.descendingMap()).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
