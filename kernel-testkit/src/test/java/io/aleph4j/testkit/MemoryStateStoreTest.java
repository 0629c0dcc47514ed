package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The memory store passes the contract the SQL stores pass. Its state lives as long as the object, so "reopening"
 * it hands the same instance back, with everything it held.
 */
final class MemoryStateStoreTest extends StateStoreContract {

    private MemoryStateStore last;

    @Override
    protected StateStore openEmptyStore() {
        last = new MemoryStateStore();
        return last;
    }

    @Override
    protected void close(StateStore store) {
        // Nothing to close: the state is the object's.
    }

    @Override
    protected StateStore reopen() {
        return last;
    }

    @Test
    void aSecondTransactionIsRefusedWhileOneIsOpen() {
        try (StateTransaction open = store.begin()) {
            assertThatThrownBy(store::begin).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already has an open write transaction");
        }
        try (StateTransaction next = store.begin()) {
            next.commit(0);
        }
        assertThat(store.appliedInboxIndex()).isZero();
    }

    @Test
    void aTransactionThatEndedTakesNoMoreChanges() {
        StateTransaction transaction = store.begin();
        transaction.commit(0);
        MessageRecord post = post(1, "0xowner", "note", 1.0);
        assertThatThrownBy(() -> transaction.putMessage(post)).isInstanceOf(IllegalStateException.class);
        transaction.close();
        assertThat(store.queries().message(post.itemHash())).isEmpty();
    }

    @Test
    void aCommitRefusedForItsIndexKeepsNothingAndEndsTheTransaction() {
        write(5, tx -> null);
        MessageRecord post = post(1, "0xowner", "note", 1.0);
        try (StateTransaction transaction = store.begin()) {
            transaction.putMessage(post);
            assertThatThrownBy(() -> transaction.commit(4)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> transaction.commit(6)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.queries().message(post.itemHash())).isEmpty();
        assertThat(store.appliedInboxIndex()).isEqualTo(5);
    }

    @Test
    void readersDoNotSeeAnOpenTransactionsChanges() {
        MessageRecord post = post(1, "0xowner", "note", 1.0);
        try (StateTransaction transaction = store.begin()) {
            transaction.putMessage(post);
            assertThat(store.queries().message(post.itemHash())).isEmpty();
            transaction.commit(0);
        }
        assertThat(store.queries().message(post.itemHash())).isPresent();
    }

    @Test
    void receivedTimesAreKeptToTheMicrosecondLikeTheSqlStores() {
        MessageRecord post = post(1, "0xowner", "note", 1.0).toBuilder()
                .receivedAt(Instant.parse("2026-01-02T03:04:05.123456789Z")).build();
        write(0, tx -> {
            tx.putMessage(post);
            return null;
        });
        assertThat(store.queries().message(post.itemHash()).orElseThrow().receivedAt())
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }
}
