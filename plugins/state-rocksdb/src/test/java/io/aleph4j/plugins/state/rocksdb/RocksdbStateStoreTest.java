package io.aleph4j.plugins.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.testkit.StateStoreContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RocksdbStateStoreTest extends StateStoreContract {

    @TempDir
    Path directory;

    @Override
    protected StateStore openEmptyStore() {
        RocksdbStateStore opened = new RocksdbStateStore("state-rocksdb", directory.resolve("state"), 8 << 20,
                8 << 20);
        opened.open();
        return opened;
    }

    @Override
    protected void close(StateStore store) {
        ((RocksdbStateStore) store).close();
    }

    @Override
    protected StateStore reopen() {
        return openEmptyStore();
    }

    @Test
    void withTheWriteAheadLogACommitIsOnDiskWhenItReturnsSoThatAProcessCrashLosesNothing() throws Exception {
        Path logged = directory.resolve("logged");
        RocksdbStateStore withLog = new RocksdbStateStore("logged", logged, 8 << 20, 8 << 20, true);
        withLog.open();
        MessageRecord post = post(1, "0xowner", "note", 100.0);
        Path crashed = directory.resolve("crashed");
        try {
            write(withLog, 7, tx -> {
                tx.putMessage(post);
                return null;
            });
            // The files as a killed process leaves them: nothing flushed or closed, the commit only in the log.
            KilledFiles.copy(logged, crashed);
        } finally {
            withLog.close();
        }
        RocksdbStateStore recovered = new RocksdbStateStore("recovered", crashed, 8 << 20, 8 << 20, true);
        recovered.open();
        try {
            assertThat(recovered.appliedInboxIndex()).isEqualTo(7);
            assertThat(recovered.queries().message(post.itemHash())).contains(post);
        } finally {
            recovered.close();
        }
    }

    @Test
    void withoutTheWriteAheadLogACrashKeepsTheLastFlushedStateWithItsAppliedIndexAndAStopKeepsEverything()
            throws Exception {
        Path logless = directory.resolve("logless");
        RocksdbStateStore withoutLog = new RocksdbStateStore("logless", logless, 8 << 20, 8 << 20, false);
        withoutLog.open();
        MessageRecord flushed = post(1, "0xowner", "note", 100.0);
        MessageRecord notFlushed = post(2, "0xowner", "note", 200.0);
        try {
            write(withoutLog, 1, tx -> {
                tx.putMessage(flushed);
                return null;
            });
            withoutLog.flush();
            write(withoutLog, 2, tx -> {
                tx.putMessage(notFlushed);
                return null;
            });
            KilledFiles.copy(logless, directory.resolve("crashed"));
        } finally {
            withoutLog.close();
        }

        RocksdbStateStore crashed = new RocksdbStateStore("crashed", directory.resolve("crashed"), 8 << 20, 8 << 20,
                false);
        crashed.open();
        try {
            assertThat(crashed.appliedInboxIndex()).as("replayed from the message log after it").isEqualTo(1);
            assertThat(crashed.queries().message(flushed.itemHash())).contains(flushed);
            assertThat(crashed.queries().message(notFlushed.itemHash())).isEmpty();
        } finally {
            crashed.close();
        }
        RocksdbStateStore stopped = new RocksdbStateStore("stopped", logless, 8 << 20, 8 << 20, false);
        stopped.open();
        try {
            assertThat(stopped.appliedInboxIndex()).isEqualTo(2);
            assertThat(stopped.queries().message(notFlushed.itemHash())).contains(notFlushed);
        } finally {
            stopped.close();
        }
    }

    @Test
    void aMessageWhoseOwnerIsNotItsSenderAndWhoseSignatureIsNotHexRoundTrips() {
        MessageRecord base = post(1, "0xowner", "note", 100.0);
        MessageRecord delegated = base.toBuilder().sender("0xdelegate").signature("{\"signature\":\"0xAB\"}")
                .build();
        MessageRecord upperHex = post(2, "0xowner", "note", 100.0).toBuilder().signature("0xABCDEF").build();
        MessageRecord lowerHex = post(3, "0xowner", "note", 100.0).toBuilder().signature("0xabcdef").build();
        write(0, tx -> {
            tx.putMessage(delegated);
            tx.putMessage(upperHex);
            tx.putMessage(lowerHex);
            return null;
        });
        assertThat(store.queries().message(delegated.itemHash())).contains(delegated);
        assertThat(store.queries().message(upperHex.itemHash())).contains(upperHex);
        assertThat(store.queries().message(lowerHex.itemHash())).contains(lowerHex);
        assertThat(store.queries().messages(MessageFilter.builder().owners("0xowner").build(), PageRequest.all())
                .total()).isEqualTo(3);
    }

    @Test
    void listingsAndCountedTotalsStayRightAcrossManyTransactionsAndAReopening() throws Exception {
        for (int batch = 0; batch < 10; batch++) {
            int first = batch * 50;
            write(batch, tx -> {
                for (int n = first; n < first + 50; n++) {
                    tx.putMessage(post(n, n % 2 == 0 ? "0xeven" : "0xodd", "note", 1_000.0 + n));
                }
                return null;
            });
        }
        close(store);
        store = reopen();
        MessageFilter even = MessageFilter.builder().senders("0xeven").build();
        var page = store.queries().messages(even, new PageRequest(3, 10, SortOrder.DESCENDING));
        assertThat(page.total()).isEqualTo(250);
        assertThat(page.items()).extracting(MessageRecord::itemHash)
                .containsExactlyElementsOf(java.util.stream.IntStream.iterate(498 - 40, n -> n - 2).limit(10)
                        .mapToObj(StateStoreContract::hash).toList());
    }

    /**
     * The writer skips the lookup of a hash its filter says was never stored: the filter must hold every stored
     * message and post after a reopening, after it outgrew the size it was built for (past 65,536 hashes), and
     * nothing after a reset.
     */
    @Test
    void aTransactionFindsEveryStoredMessageAndPostAfterAReopeningAndAfterItsHashFilterGrewButNoneAfterAReset()
            throws Exception {
        int messages = 70_000;
        for (int batch = 0; batch < 7; batch++) {
            int first = batch * 10_000;
            write(batch, tx -> {
                for (int n = first; n < first + 10_000; n++) {
                    tx.putMessage(post(n, "0xowner", "note", 1_000.0 + n));
                }
                return null;
            });
        }
        PostRecord row = PostRecord.builder(hash(messages), "0xowner", "note").json("{}").time(5.0).build();
        write(7, tx -> {
            tx.putPost(row);
            return null;
        });
        // The filter grew past its first 65,536 hashes on the way; a reopening reads it anew from the database.
        long missedAfterGrowing = write(8, tx -> missed(tx, messages));
        assertThat(missedAfterGrowing).isZero();
        close(store);
        store = reopen();
        long missedAfterReopening = write(9, tx -> missed(tx, messages));
        assertThat(missedAfterReopening).isZero();
        Optional<PostRecord> post = write(10, tx -> tx.post(hash(messages)));
        assertThat(post).contains(row);

        store.reset();
        Optional<MessageRecord> afterReset = write(0, tx -> tx.message(hash(0)));
        assertThat(afterReset).isEmpty();
        assertThat(store.queries().message(hash(0))).isEmpty();
    }

    /**
     * A POST's handler puts its post before its message, both under the message's hash: neither put may make the
     * other look stored, or every new POST would cost a lookup of the database.
     */
    @Test
    void newPostsAndTheirMessagesAreNotLookedUp() {
        long lookups = write(0, tx -> {
            for (int n = 0; n < 1_000; n++) {
                MessageRecord message = post(n, "0xowner", "note", 1_000.0 + n);
                tx.putPost(PostRecord.builder(message.itemHash(), "0xowner", "note").json("{}").time(1_000.0 + n)
                        .build());
                tx.message(message.itemHash());
                tx.putMessage(message);
            }
            return ((Writes) tx).lookups();
        });
        assertThat(lookups).as("lookups of 1,000 new posts and messages (the filters' false maybes)")
                .isLessThan(20);
    }

    /**
     * A post built from its message is listed through the message's index entries: the posts' own families (and the
     * post times) hold only the posts no message covers, so a POST writes five randomly keyed entries fewer.
     */
    @Test
    void postsCoveredByTheirMessagesWriteNoEntriesInThePostsOwnIndexes() {
        write(0, tx -> {
            for (int n = 0; n < 100; n++) {
                putAsThePipelineDoes(tx, post(n, "0xowner", "note", 1_000.0 + n));
            }
            MessageRecord otherTime = post(100, "0xowner", "note", 2_000.0);
            tx.putPost(postOf(otherTime));
            tx.putMessage(otherTime.toBuilder().time(2_001.0).build());
            return null;
        });
        RocksdbStateStore rocksdb = (RocksdbStateStore) store;
        assertThat(rocksdb.keysIn(Column.POSTS)).isEqualTo(101);
        for (Column own : List.of(Column.POST_TIMES, Column.POSTS_BY_OWNER, Column.POSTS_BY_TYPE,
                Column.POSTS_BY_CHANNEL, Column.POSTS_BY_REF)) {
            assertThat(rocksdb.keysIn(own)).as("%s", own).isEqualTo(1);
        }
        assertThat(store.queries().posts(PostFilter.builder().owners("0xowner").build(), PageRequest.all()).total())
                .isEqualTo(101);
    }

    /** How many of the first {@code count} messages the transaction does not find. */
    private static long missed(StateTransaction tx, int count) {
        return IntStream.range(0, count).filter(n -> tx.message(hash(n)).isEmpty()).count();
    }
}
