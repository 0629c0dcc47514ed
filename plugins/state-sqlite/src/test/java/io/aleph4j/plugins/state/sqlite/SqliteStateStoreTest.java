package io.aleph4j.plugins.state.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import io.aleph4j.testkit.StateStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
