package io.aleph4j.benchmarks;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.api.http.ApiHttpPlugin;
import io.aleph4j.plugins.chain.evm.ChainEvmPlugin;
import io.aleph4j.plugins.state.postgres.StatePostgresPlugin;
import io.aleph4j.plugins.state.rocksdb.RocksdbStateStore;
import io.aleph4j.plugins.state.rocksdb.StateRocksdbPlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PostgresServer;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The project's load tool: fills a node (chain-evm, a state store, api-http) with {@code stored} ETH-signed POSTs
 * from 1,000 wallets through its inbox, stopping on the way ({@code Fill}): the pipeline's rate on a window of
 * presigned messages at 0, 1 M and 10 M stored, the query mix at 10 k, 100 k, 1 M and 10 M, and for every span
 * the bytes written to disk per message and the highest heap and RSS. Then, at the full size:
 * <ol>
 *   <li>sustained ingest: {@code ingest} further POSTs sent by 64 concurrent HTTP clients to
 *   {@code POST /api/v0/messages} (or appended to the inbox, {@code -Dvia=inbox}), from the first request until
 *   the pipeline has applied the last message, against chain-evm's bridge on libsecp256k1 and on web3j verifying
 *   the same messages on one thread per core, in the same run;</li>
 *   <li>the pipeline alone at the same size, the HTTP exchange alone (once the node has stopped) and the node's
 *   intake alone, with the CPU each costs: the bounds of any ingest ratio here;</li>
 *   <li>query latency: {@code messages.json} and {@code posts.json} with the SDK's usual filters, one client,
 *   p50/p99 per kind; optionally ({@code -Dreplay=true}) a timed replay of the whole log.</li>
 * </ol>
 * Usage: {@code benchmarks/load [stored] [ingest] [queries]} (defaults 1,000,000, 40,000, 3,000);
 * {@code -Dstore=sqlite|rocksdb|postgres}, {@code -Drocksdb.wal=false}, {@code -Drocksdb.cache-mib=},
 * {@code -Drocksdb.write-buffer-mib=}, {@code -Dwindow=} (the pipeline window, 50,000), {@code -Dempty-windows=}
 * (how many empty-store windows, on fresh nodes, give the empty store's median rate; 3).
 */
public final class ApiLoadTest {

    private static final int WALLETS = 1_000;
    private static final int CLIENTS = Integer.getInteger("clients", 64);
    /** -Dvia=inbox: ingest by appending to the inbox, no HTTP: the pipeline's own rate at this store size. */
    private static final boolean VIA_INBOX = "inbox".equals(System.getProperty("via"));
    private static final String STORE = System.getProperty("store", "sqlite");
    /** {@code -Dfsync=false}: the log does not fsync; by default it does, the dev node's default. */
    private static final boolean FSYNC = Boolean.parseBoolean(System.getProperty("fsync", "true"));
    /** state-rocksdb, whose store reports what RocksDB wrote ({@code -Dstore=rocksdb}). */
    private static final StateRocksdbPlugin ROCKSDB = new StateRocksdbPlugin();
    private static final double T = 1_795_485_266.0;
    /** The pipeline window's size ({@code -Dwindow=}): the messages timed at each pipeline stop. */
    private static final int WINDOW = Integer.getInteger("window", 50_000);

    private final List<EthereumWallet> wallets;
    private final List<String> addresses;

    private ApiLoadTest() {
        wallets = IntStream.range(0, WALLETS)
                .mapToObj(i -> EthereumWallet.of(BigInteger.valueOf(7_000_003L * (i + 1)).add(BigInteger.TEN.pow(30))))
                .toList();
        addresses = wallets.stream().map(EthereumWallet::address).toList();
    }

    public static void main(String[] args) throws Exception {
        int stored = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int ingest = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        new ApiLoadTest().run(stored, ingest, queries);
    }

    private void run(int stored, int ingest, int queryCount) throws Exception {
        // -Ddata=DIR reuses a directory an earlier run filled with `stored` messages: no prefill then.
        String reuse = System.getProperty("data");
        Path directory = reuse != null ? Path.of(reuse) : Files.createTempDirectory("aleph4j-load-");
        try {
            run(stored, ingest, queryCount, directory, reuse);
        } finally {
            // A 10 M run leaves ~14 GB: a directory the tool made goes with it, unless -Dkeep=true (for -Ddata=).
            if (reuse == null && !Boolean.getBoolean("keep")) {
                deleteTree(directory);
            }
        }
    }

    private void run(int stored, int ingest, int queryCount, Path directory, String reuse) throws Exception {
        System.out.printf("load test: %,d stored messages, %,d ingested over %s, %,d queries per size; store %s; "
                + "data in %s%n", stored, ingest, VIA_INBOX ? "the inbox" : "HTTP", queryCount, STORE, directory);
        // Numbered after everything an earlier run may have stored (its prefill, ingest and sentinel); a reused
        // directory gets numbers from the clock, so that each run ingests messages the store has not seen.
        int first = reuse == null ? stored
                : stored + 10_000_000 + (int) (Instant.now().getEpochSecond() % 20_000) * 50_000;
        List<Message> ingested = sign(first, ingest);
        Ceilings ceilings = Ceilings.measure(ingested.subList(0, Math.min(20_000, ingested.size())));
        warmUp(Integer.getInteger("warmup", 150_000));
        List<Stop> freshEmptyStops = reuse == null && stored >= WINDOW ? emptyStoreWindows() : List.of();
        Ingest measured;
        Stop ingestWork;
        Stop pipelineAlone = null;
        try (MemoryWatch memory = new MemoryWatch();
             EmbeddedNode node = node(directory, FSYNC).start()) {
            List<Stop> stops = new ArrayList<>();
            SpanBackground fillBackground = SpanBackground.NONE;
            if (reuse == null) {
                Fill fill = new Fill(node, directory, memory, queryCount);
                fill.to(stored);
                stops.addAll(fill.stops());
                fillBackground = fill.spanBackground();
            }
            if (!VIA_INBOX) {
                // Untimed, on this node: the warm-up node ran the same code, yet C2 still compiled 10-16 µs per
                // message during the timed ingest (recompilations for this node's profile).
                int warm = Math.min(20_000, ingested.size() / 5);
                applyOverHttp(node, sign(first + 2 * ingested.size() + 2, warm + 1));
            }
            // The fill's compactions are not the ingest's work (over HTTP or through the inbox), nor the pipeline
            // window's after it: the fill, slowed by signing in this process, leaves a backlog that a node taking
            // messages at its own pace would not have.
            settle();
            memory.reset();
            TaskCpu cpuBefore = TaskCpu.now();
            Batches batchesBefore = Batches.of(node);
            measured = ingest(node, first, ingested);
            TaskCpu cpu = TaskCpu.now();
            ingestWork = Stop.measured(stored, measured.processedPerSecond(), cpuBefore, cpu, ingested.size());
            System.out.printf("ingest at %,d stored: %,.0f messages/s processed (%s acknowledged at %,.0f/s); %.2f of "
                    + "the native ceiling; %s%n  CPU per message by thread: %s%n  store transactions: %s%n", stored,
                    measured.processedPerSecond(), VIA_INBOX ? "inbox" : "HTTP", measured.acknowledgedPerSecond(),
                    measured.processedPerSecond() / ceilings.nativePerSecond(), memory.summary(),
                    cpu.summarySince(cpuBefore, ingested.size()), Batches.of(node).summarySince(batchesBefore));
            if (VIA_INBOX) {
                // Through the inbox, the ingest is the pipeline at the full size.
                stops.add(ingestWork);
            } else {
                settle();
                pipelineAlone = pipelineAlone(node, first + ingested.size() + 1, ingested.size(), stored);
            }
            if (stops.size() > 1 && stops.getFirst().size() == 0) {
                compareStops(typicalEmpty(stops, freshEmptyStops), fillBackground);
            }
            memory.reset();
            queries(node, queryCount);
            System.out.printf("during the queries: %s; on disk: state %,d bytes per stored message%n",
                    memory.summary(), DiskWrites.sizeOf(directory.resolve("plugins")) / Math.max(1, stored));
            if (Boolean.getBoolean("replay")) {
                replay(node);
            }
        }
        if (!VIA_INBOX) {
            httpBounds(measured, ingestWork, pipelineAlone, ceilings);
        }
    }

    /**
     * Waits until state-rocksdb runs no flush or compaction (for a second), so that the next timed phase pays the
     * background work of its own writes, not what the phase before it left; other stores have none to wait for.
     */
    private static void settle() throws InterruptedException {
        if (!STORE.equals("rocksdb")) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            boolean busy = !"0".equals(ROCKSDB.store().property("rocksdb.num-running-compactions"))
                    || !"0".equals(ROCKSDB.store().property("rocksdb.num-running-flushes"));
            quiet = busy ? 0 : quiet + 1;
            Thread.sleep(200);
        }
    }

    /**
     * The pipeline alone at this size: a window of as many messages as were ingested, appended to the inbox right
     * after them; its rate and CPU per message (µs).
     */
    private Stop pipelineAlone(EmbeddedNode node, int first, int count, int size) throws Exception {
        Batches batchesBefore = Batches.of(node);
        Applied applied = Applied.through(node, sign(first, count), Duration.ofMinutes(30));
        System.out.printf("pipeline alone at this size (%,d messages through the inbox): %,.0f messages/s; CPU per "
                + "message by thread: %s%n  store transactions: %s%n", count, applied.perSecond(),
                applied.after().summarySince(applied.before(), count), Batches.of(node).summarySince(batchesBefore));
        return Stop.measured(size, applied.perSecond(), applied.before(), applied.after(), count);
    }

    /** POSTs all messages but the last, then appends the last to the inbox and waits until it was applied. */
    private static void applyOverHttp(EmbeddedNode node, List<Message> messages) throws Exception {
        int failures = post(node.uri("/api/v0/messages"),
                messages.subList(0, messages.size() - 1).stream().map(ApiLoadTest::publishBody).toList());
        long last = node.node().messageIntake().submit(messages.getLast(), Origin.LOCAL).inboxIndex();
        if (failures > 0 || !node.node().awaitApplied(last, Duration.ofMinutes(30))) {
            throw new IllegalStateException("the HTTP warm-up failed: " + failures + " not answered 202, or not "
                    + "applied in time");
        }
    }

    /** Messages appended to the inbox until all were applied: the rate from the first append, the CPU around it. */
    private record Applied(double perSecond, TaskCpu before, TaskCpu after) {

        static Applied through(EmbeddedNode node, List<Message> messages, Duration patience) throws Exception {
            TaskCpu before = TaskCpu.now();
            long started = System.nanoTime();
            long last = -1;
            for (Message message : messages) {
                last = node.node().messageIntake().submit(message, Origin.LOCAL).inboxIndex();
            }
            if (last >= 0 && !node.node().awaitApplied(last, patience)) {
                throw new IllegalStateException(messages.size() + " messages were not applied within " + patience);
            }
            double perSecond = messages.size() / ((System.nanoTime() - started) / 1e9);
            return new Applied(perSecond, before, TaskCpu.now());
        }
    }

    /**
     * What bounds HTTP ingest here. The client, the node's HTTP intake, the pipeline and the store's background work
     * share the machine's cores, so no ingest passes {@code cores / (CPU per request + the pipeline's own CPU per
     * message + the store's background CPU per message)}, nor the pipeline's own rate. The request's part is taken
     * two ways: the bare HTTP exchange (a server that reads the body and answers, measured once the node has stopped)
     * and the node's own intake (parsing, checks, the inbox append: api-http over a store that keeps nothing). The
     * pipeline's own work is the window's after the ingest. The background work is the ingest's own: RocksDB
     * compacts in steps (an L0 → L1 compaction each time enough flushed files pile up), so one window holds a
     * step and the next does not; the CPU a step takes is not the ingest's to use, whichever window it lands in.
     * The mean of the two windows' is printed too: what to expect at this size over a longer run.
     */
    private static void httpBounds(Ingest measured, Stop ingestWork, Stop pipeline, Ceilings ceilings)
            throws Exception {
        Rate http = httpAlone(measured.bodies());
        Rate intake = intakeAlone(measured.bodies());
        double ingest = measured.processedPerSecond();
        double background = ingestWork.backgroundCpu();
        double sustained = (ingestWork.backgroundCpu() + pipeline.backgroundCpu()) / 2;
        double bareBound = bound(pipeline, http.cpuMicros() + pipeline.pipelineCpu() + background);
        double bound = bound(pipeline, intake.cpuMicros() + pipeline.pipelineCpu() + background);
        double sustainedBound = bound(pipeline, intake.cpuMicros() + pipeline.pipelineCpu() + sustained);
        System.out.printf("HTTP alone (the same client and bodies, a bare Javalin answering 202): %,.0f requests/s, "
                + "%.0f µs CPU each; ingest / HTTP alone %.2f; with verification, the best ingest this machine allows "
                + "is %.2f of HTTP alone%n", http.perSecond(), http.cpuMicros(), ingest / http.perSecond(),
                ceilings.nativePerSecond() / (http.perSecond() + ceilings.nativePerSecond()));
        System.out.printf("intake alone (api-http over a store that keeps nothing, no chain bridge; same fsync): "
                + "%,.0f requests/s, %.2f of HTTP alone, %.0f µs CPU each (the pipeline's threads left out)%n",
                intake.perSecond(), intake.perSecond() / http.perSecond(), intake.cpuMicros());
        System.out.printf("per message at this size: the pipeline's own work %.0f µs (in the window after the "
                + "ingest), the store's background %.0f during the ingest and %.0f in that window (mean %.0f)%n",
                pipeline.pipelineCpu(), background, pipeline.backgroundCpu(), sustained);
        System.out.printf("best HTTP ingest at this size, with the ingest's background: over the bare exchange "
                + "%,.0f/s (%.2f of HTTP alone), over the node's intake %,.0f/s (%.2f of HTTP alone; with the mean "
                + "background %,.0f/s, %.2f); ingest reaches %.2f of it, at %.0f µs CPU per message (%.0f own, %.0f "
                + "background, %.0f JIT) against the bound's %.0f%n", bareBound, bareBound / http.perSecond(), bound,
                bound / http.perSecond(), sustainedBound, sustainedBound / http.perSecond(), ingest / bound,
                ingestWork.pipelineCpu() + ingestWork.backgroundCpu() + ingestWork.compilingCpu(),
                ingestWork.pipelineCpu(), ingestWork.backgroundCpu(), ingestWork.compilingCpu(),
                intake.cpuMicros() + pipeline.pipelineCpu() + background);
    }

    /** The best rate {@code micros} of CPU per message allow on this machine's cores, and the pipeline's rate. */
    private static double bound(Stop pipeline, double micros) {
        return Math.min(pipeline.perSecond(), Runtime.getRuntime().availableProcessors() * 1e6 / micros);
    }

    /**
     * The pipeline at one store size: its rate, and CPU per message (µs): its own work, the store's work outside the
     * pipeline's threads (RocksDB's flushes and compactions; a PostgreSQL server's processes) and the JIT's
     * compilations.
     */
    private record Stop(int size, double perSecond, double pipelineCpu, double backgroundCpu, double compilingCpu,
                        double submittingCpu) {

        /** {@code count} messages applied at {@code perSecond}, the process's CPU read before and after. */
        static Stop measured(int size, double perSecond, TaskCpu before, TaskCpu after, int count) {
            double background = storeWork(before, after, count);
            // The JIT's compilations are no message's work: a stop that still pays them is only slower for it.
            double compiling = after.perUnitSince(before, count, "C1 ") + after.perUnitSince(before, count, "C2 ");
            // The main thread ("java") appends presigned messages to the inbox: the intake's work, not the pipeline's.
            double submitting = after.perUnitSince(before, count, "java");
            return new Stop(size, perSecond,
                    after.perUnitSince(before, count, "") - background - compiling - submitting, background, compiling,
                    submitting);
        }

        /** The store's CPU per unit outside the pipeline's threads: RocksDB's, a PostgreSQL server's processes'. */
        static double storeWork(TaskCpu before, TaskCpu after, long units) {
            return after.perUnitSince(before, units, "rocksdb") + after.perUnitSince(before, units, "postgres");
        }

        /** Everything the process did per message: the pipeline's, the background's, the JIT's and the submitter's. */
        double totalCpu() {
            return pipelineCpu + backgroundCpu + compilingCpu + submittingCpu;
        }
    }

    /**
     * The empty-store windows of fresh nodes ({@code -Dempty-windows=N} in all, default 3; the measured node's own
     * is one of them), right after the warm-up. One 50,000-message window on an empty store lasts ~3 s and ran at
     * 12,523-18,730/s in four runs of the same code (the JIT still compiling in some, the host's speed moving in
     * others); every ratio to the empty store swung with it. The median of several is the figure to compare with.
     */
    private List<Stop> emptyStoreWindows() throws Exception {
        int extra = Integer.getInteger("empty-windows", 3) - 1;
        List<Message> messages = sign(0, WINDOW);
        List<Stop> stops = new ArrayList<>();
        for (int sample = 0; sample < extra; sample++) {
            Path scratch = Files.createTempDirectory("aleph4j-load-empty-");
            try (EmbeddedNode node = node(scratch, FSYNC).start()) {
                Applied applied = Applied.through(node, messages, Duration.ofMinutes(30));
                System.out.printf("pipeline at 0 stored, fresh node %d of %d: %,.0f messages/s through the inbox "
                        + "(%,d messages)%n  CPU per message by thread: %s%n", sample + 1, extra, applied.perSecond(),
                        WINDOW, applied.after().summarySince(applied.before(), WINDOW));
                stops.add(Stop.measured(0, applied.perSecond(), applied.before(), applied.after(), WINDOW));
            } finally {
                deleteTree(scratch);
            }
        }
        return stops;
    }

    /**
     * The stops with the empty store's replaced by the median (by rate) of its windows: the measured node's and the
     * fresh nodes'.
     */
    private static List<Stop> typicalEmpty(List<Stop> stops, List<Stop> freshEmptyStops) {
        if (freshEmptyStops.isEmpty()) {
            return stops;
        }
        List<Stop> empty = new ArrayList<>(freshEmptyStops);
        empty.add(stops.getFirst());
        empty.sort(Comparator.comparingDouble(Stop::perSecond));
        Stop median = empty.get(empty.size() / 2);
        System.out.printf("pipeline at 0 stored, %d windows: %s messages/s; the median, %,.0f/s, is the empty "
                + "store's rate below%n", empty.size(), empty.stream().map(stop -> String.format("%,.0f",
                stop.perSecond())).collect(Collectors.joining(", ")), median.perSecond());
        List<Stop> typical = new ArrayList<>(stops);
        typical.set(0, median);
        return typical;
    }

    /**
     * The pipeline at the largest size against the empty store, and what bounds it: the store's background work
     * (RocksDB's flushes and compactions, on the same cores) at that size. Even if the pipeline's own work per
     * message stayed what it was on the empty store, no rate at that size passes {@code cores / (that work + the
     * background's)}. Then the largest size against the first stop past the empty store, and what the store
     * sustains at the largest size with the background the fill averaged there.
     */
    private static void compareStops(List<Stop> stops, SpanBackground fill) {
        Stop empty = stops.getFirst();
        Stop largest = stops.getLast();
        double cores = Runtime.getRuntime().availableProcessors();
        double bound = Math.min(empty.perSecond(), cores * 1e6 / (empty.pipelineCpu() + largest.backgroundCpu()));
        System.out.printf("pipeline at %,d stored / empty store: %.2f; the pipeline's own CPU per message %.0f → %.0f "
                + "µs, the store's background work %.0f → %.0f µs; with the empty store's pipeline work and this "
                + "background, the best rate at %,d is %,.0f/s (%.2f of the empty store's), reached %.2f%n",
                largest.size(), largest.perSecond() / empty.perSecond(), empty.pipelineCpu(), largest.pipelineCpu(),
                empty.backgroundCpu(), largest.backgroundCpu(), largest.size(), bound, bound / empty.perSecond(),
                largest.perSecond() / bound);
        if (stops.size() > 2) {
            // From the first stop past the empty store on, the memtables fill and flush and compactions run as they
            // will at every size; the empty store's window does none of that.
            Stop first = stops.get(1);
            System.out.printf("pipeline at %,d stored / at %,d: %.2f (%.0f → %.0f µs of CPU per message, all "
                    + "threads)%n",
                    largest.size(), first.size(), largest.perSecond() / first.perSecond(), first.totalCpu(),
                    largest.totalCpu());
        }
        if (fill.messages() > 0) {
            // A window of 100,000 messages may meet one family's compaction burst or none (with 256 MiB of write
            // buffers each family compacts out of level 0 about once per million messages): the fill's last span
            // averages the background over millions. With that background in place of the window's, the process's
            // CPU per message bounds what the store sustains at this size.
            double sustainedCpu = largest.totalCpu() - largest.backgroundCpu() + fill.perMessage();
            double sustained = Math.min(largest.perSecond(), cores * 1e6 / sustainedCpu);
            System.out.printf("sustained at %,d: the store's background over the fill's last %,d messages was %.0f µs "
                    + "per message (%.0f in the window); with it the window's CPU per message is %.0f µs, which the "
                    + "cores allow at most %,.0f/s of: %.2f of the empty store's%n", largest.size(), fill.messages(),
                    fill.perMessage(), largest.backgroundCpu(), sustainedCpu, sustained,
                    sustained / empty.perSecond());
        }
    }

    /** The store's background work (RocksDB's flushes and compactions) per message over a span of the fill. */
    private record SpanBackground(int messages, double perMessage) {
        /** No fill ran (a reused data directory). */
        static final SpanBackground NONE = new SpanBackground(0, 0);
    }

    /** A rate, and the process's CPU per item at it (µs). */
    private record Rate(double perSecond, double cpuMicros) {
    }

    /**
     * Runs {@code count} messages through a throwaway node with the same plugins before the measured node starts
     * ({@code -Dwarmup=N}, default 150,000; 0 for none), so that the first stop, on an empty store, is not timed
     * on a JVM that is still compiling the pipeline while later stops are (after 50,000, C2 still took 18-57 µs per
     * message of the empty store's window: a slower empty store flatters every ratio to it); half of them over HTTP
     * unless the ingest goes through the inbox, so that the HTTP ingest is not timed compiling the client, the server
     * and api-http.
     */
    private void warmUp(int count) throws Exception {
        if (count <= 0) {
            return;
        }
        Path scratch = Files.createTempDirectory("aleph4j-load-warmup-");
        long started = System.nanoTime();
        try (EmbeddedNode node = node(scratch, false).start()) {
            List<Message> messages = sign(0, count);
            if (!VIA_INBOX && count >= 2) {
                // The HTTP path too (client, server, api-http), with the first half: the ingest is timed warm.
                applyOverHttp(node, messages.subList(0, count / 2));
                messages = messages.subList(count / 2, count);
            }
            Applied.through(node, messages, Duration.ofMinutes(30));
        } finally {
            deleteTree(scratch);
        }
        System.out.printf("warm-up: %,d messages through a throwaway node in %.0f s%n", count,
                (System.nanoTime() - started) / 1e9);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Empties the store and rebuilds it from the whole log, as {@code bin/aleph4j replay} does; timed. */
    private static void replay(EmbeddedNode node) throws Exception {
        long messages = node.node().stateQueries().orElseThrow()
                .messages(MessageFilter.any(), new PageRequest(1, 1, SortOrder.DESCENDING)).total();
        long started = System.nanoTime();
        if (!node.node().replayState(Duration.ofHours(4))) {
            throw new IllegalStateException("the replay did not finish in time");
        }
        System.out.printf("replay: %,d messages rebuilt from the log at %,.0f messages/s%n", messages,
                messages / ((System.nanoTime() - started) / 1e9));
    }

    /** A node as the load tool measures it: chain-evm, the store under test and api-http, in {@code directory}. */
    private static EmbeddedNode.Builder node(Path directory, boolean fsync) {
        return withStore(EmbeddedNode.builder().dataDirectory(directory)
                .set("node", "log.fsync", fsync)
                .plugin(InlinePlugin.of("chain-evm", new ChainEvmPlugin()))
                .plugin(InlinePlugin.of("api-http", new ApiHttpPlugin())));
    }

    /**
     * The state store under test: {@code -Dstore=sqlite} (the default), {@code rocksdb}, or {@code postgres} (a new
     * database on a private server the testkit starts, its data in a temporary directory; a reused data directory
     * needs {@code -Dpostgres.url=} of the database it filled).
     */
    private static EmbeddedNode.Builder withStore(EmbeddedNode.Builder node) {
        return switch (STORE) {
            case "sqlite" -> node.plugin(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()));
            case "postgres" -> node.plugin(InlinePlugin.of("state-postgres", new StatePostgresPlugin()))
                    .set("state-postgres", "url", Optional.ofNullable(System.getProperty("postgres.url"))
                            .orElseGet(() -> PostgresServer.shared().createDatabase()))
                    .set("state-postgres", "user", PostgresServer.USER);
            // -Drocksdb.wal=false: commits without RocksDB's write-ahead log (the plugin's write-ahead-log key).
            case "rocksdb" -> withRocksdbMemory(node.plugin(InlinePlugin.of("state-rocksdb", ROCKSDB))
                    .set("state-rocksdb", "write-ahead-log", !"false".equals(System.getProperty("rocksdb.wal"))));
            default -> throw new IllegalArgumentException("-Dstore=" + STORE + " is not sqlite, postgres or rocksdb");
        };
    }

    /** {@code -Drocksdb.cache-mib=}, {@code -Drocksdb.write-buffer-mib=}: the plugin's memory keys, for other sizes. */
    private static EmbeddedNode.Builder withRocksdbMemory(EmbeddedNode.Builder node) {
        for (String key : List.of("cache-mib", "write-buffer-mib")) {
            String value = System.getProperty("rocksdb." + key);
            if (value != null) {
                node.set("state-rocksdb", key, Integer.valueOf(value));
            }
        }
        return node;
    }

    /**
     * Fills the store through the inbox, stopping on the way: at 0, 1 M and 10 M stored it times a window of
     * presigned messages from submission until applied (the pipeline's rate at that size, signing excluded), and
     * at 10 k, 100 k, 1 M and 10 M it runs the query mix. Between stops it reports the fill's own rate and the
     * bytes written to disk per message, which include the store's compactions and checkpoints of that span.
     */
    private final class Fill {
        private static final int CHUNK = 50_000;
        private final EmbeddedNode node;
        private final Path directory;
        private final MemoryWatch memory;
        private final int queryCount;
        private final int window = WINDOW;
        private final long started = System.nanoTime();
        private final List<Stop> stops = new ArrayList<>();
        private int size;
        private SpanBackground spanBackground = SpanBackground.NONE;

        Fill(EmbeddedNode node, Path directory, MemoryWatch memory, int queryCount) {
            this.node = node;
            this.directory = directory;
            this.memory = memory;
            this.queryCount = queryCount;
        }

        void to(int stored) throws Exception {
            TreeSet<Integer> pipelineStops = new TreeSet<>(List.of(0, 1_000_000, 10_000_000));
            pipelineStops.removeIf(stop -> stop + window > stored);
            TreeSet<Integer> queryStops = new TreeSet<>(List.of(10_000, 100_000, 1_000_000,
                    10_000_000));
            queryStops.removeIf(stop -> stop > stored);
            TreeSet<Integer> stops = new TreeSet<>(pipelineStops);
            stops.addAll(queryStops);
            for (int stop : stops) {
                fillTo(stop);
                if (queryStops.contains(stop)) {
                    memory.reset();
                    System.out.printf("queries at %,d stored:%n", size);
                    queries(node, queryCount);
                    System.out.printf("  during the queries: %s%n", memory.summary());
                }
                if (pipelineStops.contains(stop)) {
                    pipelineWindow();
                }
            }
            fillTo(stored);
            System.out.printf("fill: %,d messages stored in %.0f s; state on disk %,d bytes per message%n", size,
                    (System.nanoTime() - started) / 1e9, DiskWrites.sizeOf(directory.resolve("plugins")) / size);
        }

        /** The pipeline's stops, in order of size. */
        List<Stop> stops() {
            return stops;
        }

        /** The store's background work per message over the fill's last span (the longest, up to the full size). */
        SpanBackground spanBackground() {
            return spanBackground;
        }

        /** Signs and submits chunks until {@code target} messages are stored, then reports the span. */
        private void fillTo(int target) throws Exception {
            if (size >= target) {
                return;
            }
            int from = size;
            long spanStarted = System.nanoTime();
            long writtenBefore = DiskWrites.bytes();
            TaskCpu cpuBefore = TaskCpu.now();
            memory.reset();
            long last = -1;
            while (size < target) {
                int count = Math.min(CHUNK, target - size);
                for (Message message : sign(size, count)) {
                    last = node.node().messageIntake().submit(message, Origin.LOCAL).inboxIndex();
                }
                size += count;
                if (size % 1_000_000 == 0 || size == target) {
                    System.out.printf("  fill: %,d logged after %.0f s%n", size, (System.nanoTime() - started) / 1e9);
                }
            }
            awaitApplied(last);
            double seconds = (System.nanoTime() - spanStarted) / 1e9;
            System.out.printf("fill %,d → %,d: %,.0f messages/s signed and stored; %,.0f bytes written per message; "
                    + "%s%s%n", from, size, (size - from) / seconds,
                    (double) (DiskWrites.bytes() - writtenBefore) / (size - from), memory.summary(), storeWrites());
            TaskCpu cpuAfter = TaskCpu.now();
            System.out.printf("  CPU per message by thread (signing included): %s%n",
                    cpuAfter.summarySince(cpuBefore, size - from));
            spanBackground = new SpanBackground(size - from, Stop.storeWork(cpuBefore, cpuAfter, size - from));
            if (STORE.equals("rocksdb")) {
                System.out.print(familyCompactions(size));
            }
        }

        /** The pipeline's rate at this size: a window of presigned messages, from submission until applied. */
        private void pipelineWindow() throws Exception {
            List<Message> messages = sign(size, window);
            settle(); // as before the ingest: the window pays for the background work of its own writes
            memory.reset();
            long writtenBefore = DiskWrites.bytes();
            Applied applied = Applied.through(node, messages, Duration.ofHours(4));
            System.out.printf("pipeline at %,d stored: %,.0f messages/s through the inbox (%,d messages); %,.0f "
                    + "bytes written per message; %s%s%n", size, applied.perSecond(), window,
                    (double) (DiskWrites.bytes() - writtenBefore) / window, memory.summary(), storeWrites());
            System.out.printf("  CPU per message by thread: %s%n",
                    applied.after().summarySince(applied.before(), window));
            stops.add(Stop.measured(size, applied.perSecond(), applied.before(), applied.after(), window));
            size += window;
        }

        private static String storeWrites() {
            if (!STORE.equals("rocksdb")) {
                return "";
            }
            // RocksDB's own line, e.g. "Cumulative stall: 00:00:1.234 H:M:S, 0.5 percent": writes it held back
            // while compactions caught up.
            String stalls = ROCKSDB.store().property("rocksdb.dbstats").lines()
                    .filter(line -> line.startsWith("Cumulative stall")).findFirst().orElse("no stall line");
            return "; so far " + describe(ROCKSDB.store().written()) + "; " + stalls;
        }

        /**
         * What compactions wrote per stored message, by column family (the largest first) and level: where the
         * store's background work goes as it grows.
         */
        private static String familyCompactions(int stored) {
            StringBuilder report = new StringBuilder("  compactions by family, bytes written per stored message "
                    + "(L0 is flushes; by level; size on disk per message):\n");
            record Family(String name, double written, String byLevel, double size) {
            }
            List<Family> families = new ArrayList<>();
            ROCKSDB.store().familyMapProperty("rocksdb.cfstats").forEach((name, stats) -> {
                StringBuilder byLevel = new StringBuilder();
                for (int level = 0; level < 7; level++) {
                    String written = stats.get("compaction.L" + level + ".WriteGB");
                    if (written != null && Double.parseDouble(written) > 0) {
                        byLevel.append(String.format(" L%d %.0f", level,
                                Double.parseDouble(written) * (1L << 30) / stored));
                    }
                }
                families.add(new Family(name, Double.parseDouble(stats.getOrDefault("compaction.Sum.WriteGB", "0"))
                        * (1L << 30) / stored, byLevel.toString(),
                        Double.parseDouble(stats.getOrDefault("compaction.Sum.SizeBytes", "0")) / stored));
            });
            families.sort(Comparator.comparingDouble(Family::written).reversed());
            for (Family family : families) {
                if (family.written() >= 1) {
                    report.append(String.format("    %-26s %,6.0f B (%s ); %,.0f B on disk%n", family.name(),
                            family.written(), family.byLevel().strip(), family.size()));
                }
            }
            return report.toString();
        }

        private void awaitApplied(long index) throws Exception {
            if (index >= 0 && !node.node().awaitApplied(index, Duration.ofHours(4))) {
                throw new IllegalStateException("the fill was not applied in time");
            }
        }
    }

    /** Signs {@code count} POSTs numbered from {@code first}, in parallel. */
    private List<Message> sign(int first, int count) {
        return IntStream.range(first, first + count).parallel().mapToObj(this::post).toList();
    }

    private Message post(int n) {
        EthereumWallet wallet = wallets.get(n % WALLETS);
        double time = T + n * 0.001;
        return wallet.post("CH" + (n % 10), time, "{\"address\":\"" + wallet.address() + "\",\"time\":"
                + new BigDecimal(Double.toString(time)).toPlainString() + ",\"content\":{\"body\":\"message " + n
                + "\",\"tags\":[\"t" + (n % 50) + "\"]},\"type\":\"type" + (n % 20) + "\"}");
    }

    /** What RocksDB wrote: its log, flushes and compactions, in MB. */
    private static String describe(RocksdbStateStore.Written written) {
        return String.format("RocksDB wrote %,d MB (log %,d, flushes %,d, compactions %,d)", written.total() >> 20,
                written.log() >> 20, written.flushes() >> 20, written.compactions() >> 20);
    }

    private record Ingest(List<Message> messages, List<String> bodies, double acknowledgedPerSecond,
                          double processedPerSecond) {
    }

    /** Ingests {@code messages}, numbered from {@code first}, over HTTP or straight into the inbox. */
    private Ingest ingest(EmbeddedNode node, int first, List<Message> messages) throws Exception {
        int count = messages.size();
        List<String> bodies = messages.stream().map(ApiLoadTest::publishBody).toList();
        long started = System.nanoTime();
        int failures = 0;
        if (VIA_INBOX) {
            for (Message message : messages) {
                node.node().messageIntake().submit(message, Origin.API);
            }
        } else {
            failures = post(node.uri("/api/v0/messages"), bodies);
        }
        double acknowledged = count / ((System.nanoTime() - started) / 1e9);
        // Every acknowledged message is in the inbox before this one: once it is applied, they all are.
        long sentinel = node.node().messageIntake().submit(post(first + count), Origin.LOCAL).inboxIndex();
        if (!node.node().awaitApplied(sentinel, Duration.ofMinutes(30))) {
            throw new IllegalStateException("the ingested messages were not applied in time");
        }
        double processed = count / ((System.nanoTime() - started) / 1e9);
        node.get("/metrics").body().lines().filter(line -> line.contains("route=\"/api/v0/messages\""))
                .forEach(line -> System.out.println("  server: " + line));
        if (failures > 0) {
            throw new IllegalStateException(failures + " POSTs were not answered 202");
        }
        return new Ingest(messages, bodies, acknowledged, processed);
    }

    /** POSTs every body from {@link #CLIENTS} keep-alive connections; answers how many were not answered 202. */
    private static int post(URI uri, List<String> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    try (RawHttpClient client = new RawHttpClient(uri.getHost(), uri.getPort())) {
                        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                            if (client.postJson(uri.getPath(), bodies.get(i)) != 202) {
                                failures.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        }
        return failures.get();
    }

    /**
     * The HTTP exchange alone: the same client and bodies against a bare Javalin (the node's server library)
     * that reads each body and answers 202 with a small JSON, as the node's accepted answer is. Requests per
     * second, after a warm-up pass over the first bodies.
     */
    private static Rate httpAlone(List<String> bodies) throws Exception {
        Javalin server = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            config.routes.post("/api/v0/messages", context -> {
                context.bodyAsBytes();
                context.status(202).contentType("application/json").result("{\"publication_status\":"
                        + "{\"status\":\"success\",\"failed\":[]},\"message_status\":\"pending\"}");
            });
        }).start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/v0/messages");
            requestsPerSecond(uri, bodies, "the bare server"); // a first pass: the JIT compiles the client too
            double cpuBefore = ProcessCpu.seconds();
            double perSecond = requestsPerSecond(uri, bodies, "the bare server");
            return new Rate(perSecond, (ProcessCpu.seconds() - cpuBefore) * 1e6 / (bodies.size() + Math.min(10_000,
                    bodies.size())));
        } finally {
            server.stop();
        }
    }

    /**
     * The node's request path without the costly processing: the same client and bodies against a node with
     * api-http over a store that keeps nothing ({@link NullStateStore}) and no chain bridge, so that each message
     * is parsed, checked, logged and answered, then rejected unverified by the pipeline. After a warm-up pass.
     */
    private static Rate intakeAlone(List<String> bodies) throws Exception {
        try (EmbeddedNode node = EmbeddedNode.builder() // its own temporary directory, deleted on close
                .set("node", "log.fsync", Boolean.parseBoolean(System.getProperty("fsync", "true")))
                .plugin(InlinePlugin.of("null-store", StandIns.contributing(StateStore.class, new NullStateStore())))
                .plugin(InlinePlugin.of("api-http", new ApiHttpPlugin()))
                .start()) {
            URI uri = node.uri("/api/v0/messages");
            requestsPerSecond(uri, bodies, "the intake-only node"); // a first pass: the JIT compiles api-http too
            TaskCpu before = TaskCpu.now();
            // Its messages are duplicates now; the node still parses, checks and logs each one.
            double perSecond = requestsPerSecond(uri, bodies, "the intake-only node");
            TaskCpu after = TaskCpu.now();
            int requests = bodies.size() + Math.min(10_000, bodies.size());
            // Without the pipeline's threads, which reject what this node cannot verify: the intake's CPU only.
            double pipeline = after.perUnitSince(before, requests, "pipeline-")
                    + after.perUnitSince(before, requests, "aleph4j-events");
            return new Rate(perSecond, after.perUnitSince(before, requests, "") - pipeline);
        }
    }

    /** POSTs the first bodies once as a warm-up, then all of them, timed; every one must be answered 202. */
    private static double requestsPerSecond(URI uri, List<String> bodies, String server) throws Exception {
        post(uri, bodies.subList(0, Math.min(10_000, bodies.size())));
        long started = System.nanoTime();
        int failures = post(uri, bodies);
        if (failures > 0) {
            throw new IllegalStateException(failures + " requests to " + server + " were not answered 202");
        }
        return bodies.size() / ((System.nanoTime() - started) / 1e9);
    }

    static String publishBody(Message message) {
        return "{\"sync\":false,\"message\":{\"chain\":\"ETH\",\"sender\":\"" + message.sender()
                + "\",\"type\":\"POST\",\"channel\":\"" + message.channel() + "\",\"time\":"
                + new BigDecimal(Double.toString(message.time())).toPlainString() + ",\"item_type\":\"inline\","
                + "\"item_content\":" + quote(message.itemContent()) + ",\"item_hash\":\"" + message.itemHash().value()
                + "\",\"signature\":\"" + message.signature() + "\"}}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The verification ceilings, measured on the same messages before the node starts: chain-evm's bridge on
     * libsecp256k1 (the node's ceiling) and on web3j (the pure-Java fallback), one thread per core.
     */
    private record Ceilings(double nativePerSecond, double web3jPerSecond) {

        private static final int ROUNDS = 5;

        static Ceilings measure(List<Message> messages) throws Exception {
            // The best of five interleaved rounds: the first ones run while the JIT still compiles on a core, and on a
            // shared host one round in three may run 20-30 % slow (libsecp256k1's more than web3j's).
            BareRecovery bare = BareRecovery.of(messages);
            Web3jReference reference = Web3jReference.of(messages);
            int threads = Runtime.getRuntime().availableProcessors();
            double nativeBest = 0;
            double web3jBest = 0;
            double bareBest = 0;
            double referenceBest = 0;
            for (int round = 0; round < ROUNDS; round++) {
                nativeBest = Math.max(nativeBest, verificationCeiling(messages, "libsecp256k1"));
                web3jBest = Math.max(web3jBest, verificationCeiling(messages, "web3j"));
                bareBest = Math.max(bareBest, bare.perSecond(threads));
                referenceBest = Math.max(referenceBest, reference.perSecond(threads));
            }
            Ceilings ceilings = new Ceilings(nativeBest, web3jBest);
            System.out.printf("verification ceiling on %d threads, %,d messages, best of %d rounds: libsecp256k1 "
                    + "%,.0f/s, web3j %,.0f/s (%.2f×); the bound, libsecp256k1's recovery alone on prepared inputs, "
                    + "%,.0f/s (%.2f× web3j; the bridge reaches %.2f of it); web3j's own signedPrefixedMessageToKey, "
                    + "as issue 17 measured web3j, %,.0f/s (libsecp256k1 %.2f× it)%n", threads, messages.size(),
                    ROUNDS, nativeBest, web3jBest, nativeBest / web3jBest, bareBest, bareBest / web3jBest,
                    nativeBest / bareBest, referenceBest, nativeBest / referenceBest);
            return ceilings;
        }

        /** The chain-evm bridge on {@code recovery} alone verifying the messages, one thread per core. */
        private static double verificationCeiling(List<Message> messages, String recovery) throws Exception {
            ChainBridge bridge = SignatureVerificationBenchmark.RegisteredBridge.evm(recovery);
            int threads = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < Math.min(5_000, messages.size()); i++) {
                bridge.verify(messages.get(i)); // warm-up
            }
            return ParallelRate.of(messages.size(), threads, "the bridge on " + recovery,
                    i -> bridge.verify(messages.get(i)).isValid());
        }
    }

    private void queries(EmbeddedNode node, int count) throws Exception {
        Random random = new Random(7);
        Map<String, IntFunction<String>> kinds = new LinkedHashMap<>();
        kinds.put("latest 20 (no filter)", i -> "/api/v0/messages.json");
        kinds.put("by address", i -> "/api/v0/messages.json?addresses=" + addresses.get(random.nextInt(WALLETS)));
        kinds.put("by channel, page 1-50", i -> "/api/v0/messages.json?channels=CH" + random.nextInt(10) + "&page="
                + (1 + random.nextInt(50)));
        kinds.put("by type and content type", i -> "/api/v0/messages.json?msgTypes=POST&contentTypes=type"
                + random.nextInt(20));
        kinds.put("by tag", i -> "/api/v0/messages.json?tags=t" + random.nextInt(50));
        kinds.put("by hash", i -> "/api/v0/messages.json?hashes=" + post(random.nextInt(1_000)).itemHash().value());
        kinds.put("posts by address (v0)", i -> "/api/v0/posts.json?addresses="
                + addresses.get(random.nextInt(WALLETS)));
        Map<String, long[]> latencies = new LinkedHashMap<>();
        kinds.keySet().forEach(kind -> latencies.put(kind, new long[count / kinds.size()]));
        List<long[]> all = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int warm = 0; warm < 200; warm++) {
                for (IntFunction<String> path : kinds.values()) {
                    send(client, node.uri(path.apply(warm)));
                }
            }
            for (int i = 0; i < count / kinds.size(); i++) {
                for (Map.Entry<String, IntFunction<String>> kind : kinds.entrySet()) {
                    URI uri = node.uri(kind.getValue().apply(i));
                    long started = System.nanoTime();
                    send(client, uri);
                    latencies.get(kind.getKey())[i] = System.nanoTime() - started;
                }
            }
        }
        System.out.println("query latency (ms), one client, over HTTP on loopback:");
        latencies.forEach((kind, values) -> {
            all.add(values);
            System.out.printf("  %-28s p50 %6.2f  p99 %6.2f  max %6.2f%n", kind, percentile(values, 0.50),
                    percentile(values, 0.99), percentile(values, 1.0));
        });
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        System.out.printf("  %-28s p50 %6.2f  p99 %6.2f  max %6.2f%n", "all", percentile(merged, 0.50),
                percentile(merged, 0.99), percentile(merged, 1.0));
    }

    private static void send(HttpClient client, URI uri) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static double percentile(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
