package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GossipInboxTest {

    /** Keeps what it is asked to append, optionally holding the first batch until released. */
    private static final class RecordingAppender implements GossipInbox.BatchAppender {
        final List<List<Message>> batches = new ArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release;

        RecordingAppender(boolean holdFirst) {
            this.release = new CountDownLatch(holdFirst ? 1 : 0);
        }

        @Override
        public void append(List<Message> batch) {
            firstStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (batches) {
                batches.add(List.copyOf(batch));
            }
        }

        List<Message> all() {
            synchronized (batches) {
                return batches.stream().flatMap(List::stream).toList();
            }
        }
    }

    private static Message message(int n) {
        String content = "{\"n\":" + n + "}";
        return new Message(Chain.ETH, "0xabc", MessageType.POST, null, n, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "0xsig" + n);
    }

    @Test
    void whatArrivesWhileABatchIsWrittenGoesInTheNextBatchTogether() throws InterruptedException {
        RecordingAppender appender = new RecordingAppender(true);
        GossipInbox inbox = new GossipInbox(appender, 100);
        assertThat(inbox.offer(message(0))).isTrue();
        assertThat(appender.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int n = 1; n <= 5; n++) {
            assertThat(inbox.offer(message(n))).isTrue();
        }
        appender.release.countDown();
        inbox.close();

        assertThat(appender.batches).extracting(List::size).containsExactly(1, 5);
        assertThat(appender.all()).extracting(Message::time).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
    }

    @Test
    void aFullQueueRefusesRatherThanWaits() throws InterruptedException {
        RecordingAppender appender = new RecordingAppender(true);
        GossipInbox inbox = new GossipInbox(appender, 3);
        inbox.offer(message(0));
        assertThat(appender.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

        List<Boolean> taken = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            taken.add(inbox.offer(message(n)));
        }
        appender.release.countDown();
        inbox.close();

        assertThat(taken).containsExactly(true, true, true, false, false);
        assertThat(appender.all()).hasSize(4);
    }

    @Test
    void closingWritesEverythingQueuedAndTakesNothingMore() {
        RecordingAppender appender = new RecordingAppender(false);
        GossipInbox inbox = new GossipInbox(appender, 1_000);
        for (int n = 0; n < 500; n++) {
            inbox.offer(message(n));
        }
        inbox.close();

        assertThat(appender.all()).hasSize(500);
        assertThat(inbox.offer(message(500))).isFalse();
    }

    @Test
    void aBatchTheLogRefusesIsCountedAndLaterOnesAreStillWritten() {
        List<Message> written = new ArrayList<>();
        GossipInbox inbox = new GossipInbox(batch -> {
            if (batch.getFirst().time() == 0) {
                throw new IllegalStateException("disk full");
            }
            written.addAll(batch);
        }, 10);
        inbox.offer(message(0));
        awaitLost(inbox);
        inbox.offer(message(1));
        inbox.close();

        assertThat(inbox.lost()).isEqualTo(1);
        assertThat(written).extracting(Message::time).containsExactly(1.0);
    }

    private static void awaitLost(GossipInbox inbox) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inbox.lost() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
