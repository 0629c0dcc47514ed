package io.aleph4j.benchmarks;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable (fsync) inbox appends from 16 concurrent threads, as an HTTP server under load makes them:
 * {@code nodeAppend} is the node's log, whose appenders share fsyncs (group commit); the baseline
 * {@code rawAppendForcedEach} appends the same bytes to a bare queue and forces the file after every append.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(16)
public class InboxGroupCommitBenchmark {

    private Path directory;
    private InboxEntry entry;
    private byte[] rawEntry;
    private ChronicleMessageLog log;
    private SingleChronicleQueue rawQueue;
    private ExcerptAppender rawAppender;
    private FileChannel rawSync;
    private final Object rawLock = new Object();
    private final AtomicInteger sequence = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("aleph4j-bench-");
        entry = InboxThroughputBenchmark.sdkSizedPost(sequence.incrementAndGet());
        rawEntry = InboxThroughputBenchmark.approximateEncoding(entry);
        log = new ChronicleMessageLog(directory.resolve("node-log"), "bench", true);
        rawQueue = SingleChronicleQueueBuilder.binary(directory.resolve("raw")).build();
        rawAppender = rawQueue.createAppender();
        rawAppender.singleThreadedCheckDisabled(true);
    }

    @Benchmark
    public long nodeAppend() {
        return log.appendInbox(entry);
    }

    @Benchmark
    public void rawAppendForcedEach() throws IOException {
        synchronized (rawLock) {
            try (DocumentContext context = rawAppender.writingDocument()) {
                context.wire().bytes().write(rawEntry);
            }
            if (rawSync == null) {
                rawSync = FileChannel.open(rawAppender.currentFile().toPath(), StandardOpenOption.WRITE);
            }
            rawSync.force(false);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        if (rawSync != null) {
            rawSync.close();
        }
        rawAppender.close();
        rawQueue.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
