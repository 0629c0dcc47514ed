package io.aleph4j.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.RejectionReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ChronicleMessageLogTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @Test
    void aSubscriberReceivesAppendedEntriesInOrderAndIntact() {
        List<InboxEntry> received = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false);
             Subscription ignored = log.subscribeInbox("reader", StartFrom.EARLIEST, (i, e) -> received.add(e))) {
            for (int i = 0; i < 100; i++) {
                log.appendInbox(TestEntries.post(i));
            }
            awaitUntil(() -> received.size() == 100);
        }

        for (int i = 0; i < 100; i++) {
            assertThat(received.get(i)).isEqualTo(TestEntries.post(i));
        }
    }

    @Test
    void aBatchIsAppendedInOrderAfterWhatCameBeforeAndIsReadBackIntact() {
        List<InboxEntry> received = new CopyOnWriteArrayList<>();
        long single;
        long[] batch;
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true);
             Subscription ignored = log.subscribeInbox("reader", StartFrom.EARLIEST, (i, e) -> received.add(e))) {
            single = log.appendInbox(TestEntries.post(0));
            batch = log.appendInboxAll(List.of(TestEntries.post(1), TestEntries.post(2), TestEntries.post(3)));
            awaitUntil(() -> received.size() == 4);
            assertThat(log.appendInboxAll(List.of())).isEmpty();
        }

        assertThat(batch).hasSize(3);
        assertThat(batch[0]).isGreaterThan(single);
        assertThat(batch).isSorted().doesNotHaveDuplicates();
        assertThat(received).containsExactly(TestEntries.post(0), TestEntries.post(1), TestEntries.post(2),
                TestEntries.post(3));
    }

    @Test
    void aRestartedSubscriberResumesAfterTheLastEntryItHandled() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false)) {
            AtomicInteger count = new AtomicInteger();
            try (Subscription ignored = log.subscribeInbox("indexer", StartFrom.EARLIEST,
                    (i, e) -> count.incrementAndGet())) {
                for (int i = 0; i < 10; i++) {
                    log.appendInbox(TestEntries.post(i));
                }
                awaitUntil(() -> count.get() == 10);
            }
            for (int i = 10; i < 15; i++) {
                log.appendInbox(TestEntries.post(i));
            }
        }

        List<InboxEntry> afterRestart = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog reopened = new ChronicleMessageLog(directory, "test", false);
             Subscription ignored = reopened.subscribeInbox("indexer", StartFrom.EARLIEST,
                     (i, e) -> afterRestart.add(e))) {
            awaitUntil(() -> afterRestart.size() == 5);
            reopened.appendInbox(TestEntries.post(15));
            awaitUntil(() -> afterRestart.size() == 6);
        }

        assertThat(afterRestart).containsExactly(TestEntries.post(10), TestEntries.post(11), TestEntries.post(12),
                TestEntries.post(13), TestEntries.post(14), TestEntries.post(15));
    }

    @Test
    void aNewSubscriberReplaysFromTheStartWhileLatestSeesOnlyNewEntries() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false)) {
            for (int i = 0; i < 20; i++) {
                log.appendInbox(TestEntries.post(i));
            }
            List<Integer> replayed = new CopyOnWriteArrayList<>();
            List<Integer> latest = new CopyOnWriteArrayList<>();
            try (Subscription first = log.subscribeInbox("replay", StartFrom.EARLIEST,
                    (i, e) -> replayed.add(sequenceOf(e)));
                 Subscription second = log.subscribeInbox("tail", StartFrom.LATEST,
                         (i, e) -> latest.add(sequenceOf(e)))) {
                awaitUntil(() -> replayed.size() == 20);
                log.appendInbox(TestEntries.post(20));
                awaitUntil(() -> replayed.size() == 21 && latest.size() == 1);
            }
            assertThat(replayed).hasSize(21).startsWith(0, 1, 2).endsWith(20);
            assertThat(latest).containsExactly(20);
        }
    }

    @Test
    void aLatestSubscriberGetsAnEntryAppendedRightAfterSubscribeReturns() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false)) {
            log.appendInbox(TestEntries.post(0));
            for (int round = 1; round <= 20; round++) {
                List<Integer> seen = new CopyOnWriteArrayList<>();
                try (Subscription ignored = log.subscribeInbox("latest-" + round, StartFrom.LATEST,
                        (i, e) -> seen.add(sequenceOf(e)))) {
                    log.appendInbox(TestEntries.post(round));
                    awaitUntil(() -> seen.size() == 1);
                }
                assertThat(seen).as("round %d", round).containsExactly(round);
            }
        }
    }

    @Test
    void anEntryWhoseListenerFailedIsDeliveredAgainToTheNextSubscription() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false)) {
            log.appendInbox(TestEntries.post(0));
            log.appendInbox(TestEntries.post(1));
            Subscription failing = log.subscribeInbox("fragile", StartFrom.EARLIEST, (i, e) -> {
                if (sequenceOf(e) == 1) {
                    throw new IllegalStateException("listener bug");
                }
            });
            awaitUntil(() -> !failing.isActive());
            failing.close();

            List<Integer> retried = new CopyOnWriteArrayList<>();
            try (Subscription ignored = log.subscribeInbox("fragile", StartFrom.EARLIEST,
                    (i, e) -> retried.add(sequenceOf(e)))) {
                awaitUntil(() -> retried.size() == 1);
            }
            assertThat(retried).containsExactly(1);
        }
    }

    @Test
    void twoActiveSubscriptionsCannotShareAName() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false);
             Subscription ignored = log.subscribeInbox("same", StartFrom.EARLIEST, (i, e) -> { })) {
            assertThatThrownBy(() -> log.subscribeInbox("same", StartFrom.EARLIEST, (i, e) -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'same'");
        }
    }

    @Test
    void subscriptionNamesMustBeSafeFileNames() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false)) {
            assertThatThrownBy(() -> log.subscribeInbox("../escape", StartFrom.EARLIEST, (i, e) -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'../escape'");
        }
    }

    @Test
    void eventsRoundTripWithAndWithoutRejection() {
        ItemHash hash = ItemHash.sha256Of("x");
        MessageEvent processed = new MessageEvent(hash, MessageStatus.PROCESSED, Optional.empty(), 7,
                Instant.ofEpochSecond(10, 5));
        MessageEvent rejected = new MessageEvent(hash, MessageStatus.REJECTED,
                Optional.of(RejectionReason.of(ErrorCode.INVALID_SIGNATURE, "signature does not match sender")), 8,
                Instant.ofEpochSecond(11));
        List<MessageEvent> received = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true);
             Subscription ignored = log.subscribeEvents("ws", StartFrom.EARLIEST, (i, e) -> received.add(e))) {
            log.appendEvent(processed);
            log.appendEvent(rejected);
            awaitUntil(() -> received.size() == 2);
        }
        assertThat(received).containsExactly(processed, rejected);
    }

    @Test
    void anEntryAppendedWithFsyncIsReadableAfterReopening() {
        long index;
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true)) {
            index = log.appendInbox(TestEntries.post(42));
        }
        List<Long> indexes = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog reopened = new ChronicleMessageLog(directory, "test", true);
             Subscription ignored = reopened.subscribeInbox("check", StartFrom.EARLIEST,
                     (i, e) -> indexes.add(i))) {
            awaitUntil(() -> indexes.size() == 1);
        }
        assertThat(indexes).containsExactly(index);
    }

    private static int sequenceOf(InboxEntry entry) {
        String content = entry.message().itemContent();
        int start = content.indexOf("\"n\":") + 4;
        return Integer.parseInt(content.substring(start, content.indexOf('}', start)));
    }

    @Test
    void aSecondLogOnTheSameDirectoryIsRefusedByNameWhileTheFirstIsOpen() {
        try (ChronicleMessageLog ignored = new ChronicleMessageLog(directory, "first", true)) {
            assertThatThrownBy(() -> new ChronicleMessageLog(directory, "second", true))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(directory.toString())
                    .hasMessageContaining("in use by another node");
        }
        try (ChronicleMessageLog reopened = new ChronicleMessageLog(directory, "second", true)) {
            assertThat(reopened.lastInboxIndex()).isEqualTo(-1);
        }
    }

    static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
