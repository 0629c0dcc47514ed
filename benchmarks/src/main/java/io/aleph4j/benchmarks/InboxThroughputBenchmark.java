package io.aleph4j.benchmarks;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inbox append + subscriber delivery, end to end: a batch of SDK-sized POST entries is appended and the
 * benchmark waits until a subscriber on another thread has received all of them.
 *
 * <p>{@code nodeInbox} goes through the node's {@link ChronicleMessageLog} (codec, lock, durable subscriber
 * position, wake-up). {@code rawChronicle} is the baseline measured in the same run: the same number of
 * bytes per entry appended to a bare Chronicle queue and read by a bare spinning tailer, with the same fsync
 * policy. The ratio nodeInbox / rawChronicle is what the node's log machinery costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InboxThroughputBenchmark {

    private static final int BATCH = 2_000;

    /** Parameters and files shared by both sides; each side has its own state so only one runs at a time. */
    @State(Scope.Benchmark)
    public static class Setting {

        /** Whether every append waits for fsync (the node's default, for power-loss safety). */
        @Param({"false", "true"})
        public boolean fsync;

        Path directory;
        InboxEntry[] entries;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("aleph4j-bench-");
            entries = new InboxEntry[BATCH];
            for (int i = 0; i < BATCH; i++) {
                entries[i] = sdkSizedPost(i);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** The node's log with one subscriber counting deliveries. */
    @State(Scope.Benchmark)
    public static class NodeLog {
        ChronicleMessageLog log;
        Subscription subscription;
        final AtomicLong delivered = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp(Setting setting) {
            log = new ChronicleMessageLog(setting.directory.resolve("node-log"), "bench", setting.fsync);
            subscription = log.subscribeInbox("bench", StartFrom.EARLIEST, (index, entry) -> delivered.incrementAndGet());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            subscription.close();
            log.close();
        }
    }

    /** A bare Chronicle queue with a bare spinning tailer: the baseline. */
    @State(Scope.Benchmark)
    public static class RawQueue {
        SingleChronicleQueue queue;
        ExcerptAppender appender;
        FileChannel sync;
        Thread tailerThread;
        byte[] entry;
        volatile boolean running;
        final AtomicLong read = new AtomicLong();

        @Setup(Level.Trial)
        public void setUp(Setting setting) {
            entry = approximateEncoding(setting.entries[0]);
            queue = SingleChronicleQueueBuilder.binary(setting.directory.resolve("raw")).build();
            appender = queue.createAppender();
            running = true;
            tailerThread = new Thread(this::tail, "raw-tailer");
            tailerThread.start();
        }

        private void tail() {
            try (ExcerptTailer tailer = queue.createTailer()) {
                while (running) {
                    try (DocumentContext context = tailer.readingDocument()) {
                        if (context.isPresent()) {
                            context.wire().bytes().readSkip(context.wire().bytes().readRemaining());
                            read.incrementAndGet();
                        } else {
                            Thread.onSpinWait();
                        }
                    }
                }
            }
        }

        FileChannel syncChannel() throws IOException {
            if (sync == null) {
                sync = FileChannel.open(appender.currentFile().toPath(), StandardOpenOption.WRITE);
            }
            return sync;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            running = false;
            tailerThread.join();
            if (sync != null) {
                sync.close();
            }
            appender.close();
            queue.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void nodeInbox(Setting setting, NodeLog node) {
        long target = node.delivered.get() + BATCH;
        for (InboxEntry entry : setting.entries) {
            node.log.appendInbox(entry);
        }
        while (node.delivered.get() < target) {
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawChronicle(Setting setting, RawQueue raw) throws IOException {
        long target = raw.read.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            try (DocumentContext context = raw.appender.writingDocument()) {
                Bytes<?> bytes = context.wire().bytes();
                bytes.write(raw.entry);
            }
            if (setting.fsync) {
                raw.syncChannel().force(false);
            }
        }
        while (raw.read.get() < target) {
            Thread.onSpinWait();
        }
    }

    /** A POST as the official TypeScript SDK sends it (see ../shared/protocol/vectors). */
    static InboxEntry sdkSizedPost(int n) {
        String address = "0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF";
        String content = "{\"type\":\"note\",\"address\":\"" + address + "\",\"content\":{\"body\":\"hello " + n
                + "\"},\"time\":1795485266.056}";
        Message message = new Message(Chain.ETH, address, MessageType.POST, "TEST", 1795485266.056, ItemType.INLINE,
                content, ItemHash.sha256Of(content), "0x" + "ae".repeat(65));
        return new InboxEntry(message, Origin.API, Instant.ofEpochSecond(1795485266L));
    }

    /** About as many bytes as the node's codec writes for the entry: its text fields plus fixed-size fields. */
    static byte[] approximateEncoding(InboxEntry entry) {
        Message m = entry.message();
        String text = m.chain().code() + m.sender() + m.type() + m.channel() + m.itemType().wireName()
                + m.itemContent() + m.itemHash().value() + m.signature() + entry.origin();
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        return new byte[textBytes.length + 1 + 8 + 8 + 4 + 9];
    }
}
