package io.aleph4j.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.protocol.MessageParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much of the log's files the process keeps mapped, and the largest entry the chunks allow. */
final class MappedLogMemoryTest {

    @TempDir
    Path directory;

    @Test
    void theLargestInlineMessageIsAppendedAndReadBackWhole() throws Exception {
        // The parser counts UTF-16 units; the widest in UTF-8 take three bytes: 600 KB of inline content at most.
        String content = "{\"type\":\"note\",\"address\":\"0xabc\",\"content\":{\"body\":\""
                + "\u4E2D".repeat(MessageParser.MAX_INLINE_CHARACTERS) + "\"},\"time\":1795485266.056}";
        InboxEntry largest = entry(content, 0);
        List<InboxEntry> received = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false);
             Subscription ignored = log.subscribeInbox("reader", StartFrom.EARLIEST, (i, e) -> received.add(e))) {
            log.appendInbox(largest);
            log.appendInbox(TestEntries.post(1));
            awaitSize(received, 2);
        }
        assertThat(received).containsExactly(largest, TestEntries.post(1));
    }

    /**
     * With Chronicle's defaults (64 MiB chunks plus 16 of overlap) the appender's and the reader's chunks alone keep
     * more than 100 MiB of a 120 MB log resident; the node's chunks keep it to a few times 20 MiB.
     */
    @Test
    void theLogKeepsAFewSmallChunksMappedWhileAnAppenderAndAReaderGoThroughItsFile() throws Exception {
        assumeThat(Path.of("/proc/self/smaps")).as("Linux's view of the process's mappings").exists();
        String padding = "x".repeat(1_000);
        int entries = 120_000;
        AtomicInteger received = new AtomicInteger();
        long mappedAtMost = 0;
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", false);
             Subscription ignored = log.subscribeInbox("reader", StartFrom.EARLIEST,
                     (i, e) -> received.incrementAndGet())) {
            for (int i = 0; i < entries; i++) {
                log.appendInbox(entry("{\"type\":\"note\",\"address\":\"0xabc\",\"content\":{\"n\":" + i
                        + ",\"pad\":\"" + padding + "\"},\"time\":1795485266.056}", i));
                if (i % 20_000 == 0) {
                    System.gc(); // what drops Chronicle's weakly cached index holders, as a busy node's GCs do
                    mappedAtMost = Math.max(mappedAtMost, residentMappedBytes(directory));
                }
            }
            awaitSize(received, entries);
            mappedAtMost = Math.max(mappedAtMost, residentMappedBytes(directory));
        }
        assertThat(mappedAtMost).as("resident bytes of the log's mapped chunks").isPositive()
                .isLessThan(4 * (TypedQueue.BLOCK_BYTES + TypedQueue.BLOCK_BYTES / 4));
    }

    /** The resident kilobytes of every mapping of a file under {@code root}, from /proc/self/smaps, in bytes. */
    private static long residentMappedBytes(Path root) throws IOException {
        String prefix = root.toRealPath().toString();
        long kilobytes = 0;
        boolean ours = false;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 0 && fields[0].matches("[0-9a-f]+-[0-9a-f]+")) {
                ours = fields.length >= 6 && fields[5].startsWith(prefix) && fields[5].endsWith(".cq4");
            } else if (ours && fields[0].equals("Rss:")) {
                kilobytes += Long.parseLong(fields[1]);
            }
        }
        return kilobytes * 1024;
    }

    private static InboxEntry entry(String content, int sequence) {
        Message message = new Message(Chain.ETH, "0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF", MessageType.POST,
                "TEST", 1795485266.056 + sequence, ItemType.INLINE, content, ItemHash.sha256Of(content),
                "0x" + "ab".repeat(65));
        return new InboxEntry(message, Origin.API, Instant.ofEpochSecond(1795485266L, sequence));
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        awaitCount(list::size, size);
    }

    private static void awaitSize(AtomicInteger count, int size) throws InterruptedException {
        awaitCount(count::get, size);
    }

    private static void awaitCount(java.util.function.IntSupplier count, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count.getAsInt() < size) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("received " + count.getAsInt() + " of " + size);
            }
            Thread.sleep(10);
        }
    }
}
