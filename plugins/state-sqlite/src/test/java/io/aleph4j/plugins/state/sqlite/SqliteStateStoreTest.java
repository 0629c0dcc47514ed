package io.aleph4j.plugins.state.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import io.aleph4j.testkit.StateStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SqliteStateStoreTest extends StateStoreContract {

    @TempDir
    Path directory;

    @Override
    protected StateStore openEmptyStore() {
        JdbcStateStore opened = SqliteStore.create("state-sqlite", directory.resolve("state.db"), 4);
        opened.open();
        return opened;
    }

    @Override
    protected void close(StateStore store) throws Exception {
        ((JdbcStateStore) store).close();
    }

    @Override
    protected StateStore reopen() {
        return openEmptyStore();
    }

    @Test
    void aWriteStillFindsEveryStoredMessageAfterTheFilterOfStoredHashesGrew() throws Exception {
        JdbcStateStore small = SqliteStore.create("state-sqlite", directory.resolve("small.db"), 2, 8);
        small.open();
        try {
            for (int n = 1; n <= 40; n++) {
                MessageRecord post = post(n, "0xowner", "note", n);
                write(small, n, tx -> {
                    tx.putMessage(post);
                    return null;
                });
            }
            write(small, 41, tx -> {
                for (int n = 1; n <= 40; n++) {
                    assertThat(tx.message(hash(n))).as("message %d", n).isPresent();
                }
                assertThat(tx.message(hash(41))).isEmpty();
                return null;
            });
        } finally {
            small.close();
        }
    }

    @Test
    void theStateLivesInTheFileTheStoreIsGiven() {
        write(1, tx -> null);
        assertThat(Files.exists(directory.resolve("state.db"))).isTrue();
    }

    @Test
    void committedStateReachesTheDatabaseFileInTheBackgroundNotOnlyTheWriteAheadLog() throws Exception {
        Path database = directory.resolve("state.db");
        long before = Files.size(database);
        for (int batch = 0; batch < 20; batch++) {
            int first = batch * 100;
            write(batch, tx -> {
                for (int n = first; n < first + 100; n++) {
                    tx.putFileReference(new FileReference(hash(n + 10), "0xowner" + n, hash(n + 5_000),
                            ItemType.STORAGE, null, n, n));
                }
                return null;
            });
        }

        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Files.size(database) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.size(database)).as("the database file after the checkpointer ran").isGreaterThan(before);
    }

    @Test
    void theWriteAheadLogStaysNearItsLimitUnderSustainedWritesWhereItWouldGrowWithoutTheWritersCheckpoint()
            throws Exception {
        long limit = 256 << 10;
        // No background checkpoint in either store: the log only shrinks if the writer bounds it.
        long never = Duration.ofDays(1).toMillis();
        long unbounded = maxWalBytesWriting(directory.resolve("unbounded.db"),
                new SqliteStore.WalOptions(Long.MAX_VALUE, Duration.ZERO, never), false);
        long bounded = maxWalBytesWriting(directory.resolve("bounded.db"),
                new SqliteStore.WalOptions(limit, Duration.ZERO, never), false);

        // The bound is looked at after each transaction, so the log may pass it by a transaction's frames.
        assertThat(unbounded).as("the log without the bound").isGreaterThan(16 * limit);
        assertThat(bounded).as("the log with the bound").isLessThanOrEqualTo(4 * limit);
    }

    @Test
    void theWritersCheckpointWaitsForReadersInsteadOfFailingAWriteOrAQuery() throws Exception {
        long limit = 256 << 10;
        long bounded = maxWalBytesWriting(directory.resolve("read.db"),
                new SqliteStore.WalOptions(limit, Duration.ZERO, 20), true);

        assertThat(bounded).as("the log with the bound while readers query").isLessThanOrEqualTo(16 * limit);
    }

    /**
     * Writes 300 transactions of 20 POSTs each (with {@code readers}: while two threads query the store without
     * pause), checks every POST is stored, and returns the log's largest size seen after a transaction.
     */
    private static long maxWalBytesWriting(Path database, SqliteStore.WalOptions options, boolean readers)
            throws Exception {
        JdbcStateStore store = SqliteStore.create("state-sqlite", database, 2, options);
        store.open();
        Path wal = database.resolveSibling(database.getFileName() + "-wal");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<Long>> queries = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            if (readers) {
                for (int r = 0; r < 2; r++) {
                    queries.add(pool.submit(() -> {
                        long answered = 0;
                        while (writing.get()) {
                            store.queries().messages(MessageFilter.any(), PageRequest.first(20, SortOrder.DESCENDING));
                            answered++;
                        }
                        return answered;
                    }));
                }
            }
            long largest = 0;
            for (int batch = 0; batch < 300; batch++) {
                int first = batch * 20 + 1;
                write(store, batch, tx -> {
                    for (int n = first; n < first + 20; n++) {
                        tx.putMessage(post(n, "0xowner" + (n % 7), "note", n));
                    }
                    return null;
                });
                largest = Math.max(largest, Files.exists(wal) ? Files.size(wal) : 0);
            }
            writing.set(false);
            for (Future<Long> answered : queries) {
                assertThat(answered.get()).as("queries answered while writing").isPositive();
            }
            assertThat(store.queries().messages(MessageFilter.any(), PageRequest.first(1, SortOrder.DESCENDING))
                    .total()).isEqualTo(6_000);
            return largest;
        } finally {
            writing.set(false);
            pool.shutdownNow();
            store.close();
        }
    }
}
