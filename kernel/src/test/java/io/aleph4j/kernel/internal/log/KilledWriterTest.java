package io.aleph4j.kernel.internal.log;

import static io.aleph4j.kernel.internal.log.ChronicleMessageLogTest.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log after its writer was killed: what a SIGKILL leaves in a Chronicle queue, and that the next process reads
 * every complete entry, drops the torn one and appends after it. The dev distribution's CrashSafetyIT kills real
 * nodes; these are the two states it can leave, made on purpose.
 */
final class KilledWriterTest {

    @TempDir
    Path directory;

    @Test
    void aCycleFileWhoseHeaderAKilledWriterLeftIncompleteIsSetAsideAndTheLogGoesOnAtOnce() throws IOException {
        // A kill while Chronicle starts the day's cycle file (its first append) leaves the file's own header not
        // complete and no entry in it. Found by CrashSafetyIT, whose first kill fell during the first appends.
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true)) {
            log.appendInbox(TestEntries.post(0));
        }
        Path cycle = onlyCycleFile(directory.resolve("inbox"));
        tearHeader(cycle);

        List<InboxEntry> received = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true);
             Subscription ignored = log.subscribeInboxAfter("pipeline", -1, (index, entry) -> received.add(entry))) {
            // Chronicle looked for this file's header 10 s at each of these calls (with -ea: an AssertionError).
            assertThat(log.lastInboxIndex()).as("no entry was complete in the torn file").isEqualTo(-1);
            for (int i = 1; i <= 3; i++) {
                log.appendInbox(TestEntries.post(i));
            }
            // A tailer opened on the torn file never saw what an appender wrote once it had replaced the file.
            awaitUntil(() -> received.size() == 3);
            assertThat(log.inboxEntriesAfter(-1)).isEqualTo(3);
        }
        assertThat(received).containsExactly(TestEntries.post(1), TestEntries.post(2), TestEntries.post(3));
        assertThat(cycle.resolveSibling(cycle.getFileName() + ".torn")).as("kept for an operator to look at")
                .exists();
        assertThat(readAll()).isEqualTo(received);
    }

    @Test
    void anEntryTornByAKilledWriterIsDroppedAndTheEntriesBeforeAndAfterItAreReadIntact() throws Exception {
        Process child = new ProcessBuilder(childJvm(HaltMidAppend.class, directory.toString(), "5"))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isEqualTo(HaltMidAppend.HALTED);

        List<InboxEntry> expected = new ArrayList<>(IntStream.range(0, 5).mapToObj(TestEntries::post).toList());
        List<InboxEntry> received = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true);
             Subscription ignored = log.subscribeInboxAfter("pipeline", -1, (index, entry) -> received.add(entry))) {
            awaitUntil(() -> received.size() == 5);
            assertThat(log.inboxEntriesAfter(-1)).isEqualTo(5);
            // Shorter than the torn entry, whose bytes lie past them until overwritten: they must not be read.
            for (int i = 10; i < 13; i++) {
                log.appendInbox(TestEntries.post(i));
                expected.add(TestEntries.post(i));
            }
            awaitUntil(() -> received.size() == 8);
        }
        assertThat(received).isEqualTo(expected);
        assertThat(readAll()).isEqualTo(expected);
    }

    @Test
    void completeCycleFilesAreLeftAlone() {
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true)) {
            log.appendInbox(TestEntries.post(0));
            log.appendEvent(new MessageEvent(TestEntries.post(0).message().itemHash(), MessageStatus.PROCESSED,
                    Optional.empty(), 0, Instant.EPOCH));
        }

        assertThat(TornCycleFiles.setAside(directory.resolve("inbox"))).isEmpty();
        assertThat(TornCycleFiles.setAside(directory.resolve("events"))).isEmpty();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true)) {
            assertThat(log.inboxEntriesAfter(-1)).isEqualTo(1);
            assertThat(log.lastEventIndex()).isNotNegative();
        }
    }

    /** An inbox entry of about 8 KiB, longer than those appended after it. */
    static InboxEntry large(int sequence) {
        String content = "{\"type\":\"note\",\"address\":\"0xabc\",\"content\":{\"filler\":\"" + "x".repeat(8_000)
                + "\"},\"time\":1795485266.056}";
        Message message = new Message(Chain.ETH, "0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF", MessageType.POST,
                "TEST", 1795485266.056 + sequence, ItemType.INLINE, content, ItemHash.sha256Of(content),
                "0x" + "ab".repeat(65));
        return new InboxEntry(message, Origin.API, Instant.ofEpochSecond(1795485266L, sequence));
    }

    private List<InboxEntry> readAll() {
        List<InboxEntry> entries = new CopyOnWriteArrayList<>();
        try (ChronicleMessageLog log = new ChronicleMessageLog(directory, "test", true)) {
            long count = log.inboxEntriesAfter(-1);
            try (Subscription ignored = log.subscribeInboxAfter("reader", -1, (index, entry) -> entries.add(entry))) {
                awaitUntil(() -> entries.size() == count);
            }
        }
        return entries;
    }

    /** This JVM's java, flags (Chronicle's) and class path, running {@code main}. */
    private static List<String> childJvm(Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--") || flag.startsWith("-D")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path onlyCycleFile(Path queue) throws IOException {
        try (Stream<Path> files = Files.list(queue)) {
            List<Path> cycles = files.filter(file -> file.getFileName().toString().endsWith(".cq4")).toList();
            assertThat(cycles).hasSize(1);
            return cycles.getFirst();
        }
    }

    /** What a kill during the file's start leaves: its first header's not-complete bit set, nothing after it. */
    private static void tearHeader(Path cycle) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw")) {
            file.write(new byte[64 * 1024]);
            file.seek(0);
            file.write(new byte[] {0, 0, 0, (byte) 0x80});
        }
    }
}
