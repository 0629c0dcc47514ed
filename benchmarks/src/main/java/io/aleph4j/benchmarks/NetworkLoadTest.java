package io.aleph4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.api.http.ApiHttpPlugin;
import io.aleph4j.plugins.chain.evm.ChainEvmPlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.plugins.transport.libp2p.Libp2pPlugin;
import io.aleph4j.testkit.EmbeddedNode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The network's figures, in one run on one machine: three nodes (chain-evm, state-sqlite, api-http,
 * transport-libp2p; B and C bootstrap from A), each with its own libp2p sidecar, over loopback.
 * <ol>
 *   <li>Propagation: ETH-signed POSTs sent to A's {@code POST /api/v0/messages} at a fixed rate; the latency of
 *   each is from just before its request until it is logged in C's inbox, two gossipsub hops away with a
 *   signature check at each (p50, p99, max).</li>
 *   <li>Catch-up: {@code catchUp} messages stored on A; a fresh node D catching up from A over HTTP, from its start
 *   until it has applied the last; then D's own pipeline fed the same number of new messages through its intake
 *   one by one, as catch-up feeds it. Catch-up rate / pipeline rate is the figure.</li>
 * </ol>
 * Usage: {@code benchmarks/network [rate] [seconds] [catchUp]} (defaults 1000 messages/s, 10 s, 20000).
 */
public final class NetworkLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double T = 1_796_000_000.0;
    /** Warm-up messages are numbered from here, clear of the measured and stored ones. */
    private static final int WARM_UP_FIRST = 50_000_000;
    private final List<EthereumWallet> wallets = IntStream.range(0, 100)
            .mapToObj(i -> EthereumWallet.of(BigInteger.valueOf(9_000_011L * (i + 1)).add(BigInteger.TEN.pow(30))))
            .toList();
    private final List<AutoCloseable> running = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int catchUp = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        NetworkLoadTest test = new NetworkLoadTest();
        try {
            test.run(rate, seconds, catchUp);
        } finally {
            for (AutoCloseable closeable : test.running.reversed()) {
                closeable.close();
            }
        }
        System.exit(0);
    }

    private void run(int rate, int seconds, int catchUp) throws Exception {
        JsonNode raw = rawGossip(rate, rate * seconds);
        Arrivals arrivals = new Arrivals();
        EmbeddedNode a = start("a", List.of(), builder -> { });
        String aAddress = JSON.readTree(a.get("/api/v0/info/public.json").body()).path("node_multi_addresses")
                .get(0).asText();
        start("b", List.of(aAddress), builder -> { });
        start("c", List.of(aAddress), builder -> builder.plugin(InlinePlugin.of("arrivals", arrivals)));
        awaitMesh(a, arrivals);

        int count = rate * seconds;
        List<Message> messages = sign(0, count);
        long[] answered = new long[count];
        // The same load first, unmeasured, so that the figures are a warm node's and not its JIT compiler's.
        int warmUpSeconds = Integer.getInteger("warmup", 5);
        List<Message> warmUp = sign(WARM_UP_FIRST, rate * warmUpSeconds);
        if (!warmUp.isEmpty()) {
            send(a.uri("/api/v0/messages"), warmUp, rate, new long[warmUp.size()]);
            while (!arrivals.at.containsKey(warmUp.getLast().itemHash().value())) {
                Thread.sleep(50);
            }
        }
        Thread.sleep(2_000);
        double idleBefore = ProcessCpu.seconds();
        Thread.sleep(2_000);
        double idle = (ProcessCpu.seconds() - idleBefore) / 2;
        System.out.printf("warmed up with %,d messages at %,d/s; idle, the nodes and sidecars then used %.2f cores%n",
                warmUp.size(), rate, idle);
        double cpuBefore = ProcessCpu.seconds();
        long sendStart = System.nanoTime();
        long[] sent = send(a.uri("/api/v0/messages"), messages, rate, answered);
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        double cpuSending = ProcessCpu.seconds() - cpuBefore;
        Arrays.sort(answered);
        System.out.printf("A answered the POSTs (logged, fsynced, handed to its sidecar): p50 %.1f ms, p99 %.1f ms%n",
                percentile(answered, 0.50), percentile(answered, 0.99));
        a.get("/metrics").body().lines().filter(line -> line.contains("route=\"/api/v0/messages\"")
                && !line.startsWith("#")).forEach(line -> System.out.println("  A's server: " + line));
        Thread.sleep(5_000);
        double cpuAll = ProcessCpu.seconds() - cpuBefore;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("CPU: the three nodes and their sidecars used %.1f of the %d cores while the POSTs were sent "
                + "(%.0f%%); %.2f ms of CPU a message in all%n", cpuSending / sendSeconds, cores,
                100 * cpuSending / sendSeconds / cores, 1000 * cpuAll / count);
        long[] latencies = new long[count];
        int arrived = 0;
        for (int i = 0; i < count; i++) {
            Long at = arrivals.at.get(messages.get(i).itemHash().value());
            if (at != null) {
                latencies[arrived++] = at - sent[i];
            }
        }
        long[] measured = Arrays.copyOf(latencies, arrived);
        Arrays.sort(measured);
        System.out.printf("propagation A -> B|C -> C: %,d messages sent at %,d/s, %,d arrived; p50 %.1f ms, p99 %.1f "
                + "ms, max %.1f ms%n", count, rate, arrived, percentile(measured, 0.50), percentile(measured, 0.99),
                measured.length == 0 ? Double.NaN : measured[measured.length - 1] / 1e6);
        if (raw != null) {
            System.out.printf("raw gossip (three bare js-libp2p peers, same configuration, A -> C): %,d of %,d arrived; "
                    + "p50 %.1f ms, p99 %.1f ms, max %.1f ms; aleph4j p99 / raw p99 = %.2f%n", raw.path("arrived")
                    .asInt(), raw.path("sent").asInt(), raw.path("p50").asDouble(), raw.path("p99").asDouble(),
                    raw.path("max").asDouble(), percentile(measured, 0.99) / raw.path("p99").asDouble());
            System.out.printf("raw gossip CPU: %.1f cores while publishing; %.2f ms a message in all (three peers); "
                    + "aleph4j / raw = %.1f%n", raw.path("coresPublishing").asDouble(),
                    1000 * raw.path("cpuSeconds").asDouble() / count, cpuAll / raw.path("cpuSeconds").asDouble());
        }

        List<Message> stored = sign(count, catchUp);
        long last = -1;
        for (Message message : stored) {
            last = a.node().messageIntake().submit(message, Origin.LOCAL).inboxIndex();
        }
        if (!a.node().awaitApplied(last, Duration.ofMinutes(30))) {
            throw new IllegalStateException("A did not apply the messages to catch up in time");
        }
        long listed = countOn(a);
        EmbeddedNode d = EmbeddedNode.builder().dataDirectory(Files.createTempDirectory("aleph4j-net-d-"))
                .set("node", "name", "d")
                .set("node", "http.port", 0)
                .set("node", "p2p.catch-up-peers", List.of(a.uri("/").toString()))
                .set("node", "p2p.catch-up-page-size", 500)
                .set("node", "p2p.catch-up-pages-per-round", Integer.getInteger("catchup.pages", 5))
                .plugin(InlinePlugin.of("chain-evm", new ChainEvmPlugin()))
                .plugin(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()))
                .plugin(InlinePlugin.of("api-http", new ApiHttpPlugin()))
                .start();
        running.add(d);
        // From the moment D runs: its start (plugins, sidecar-free) is not catch-up.
        long started = System.nanoTime();
        double loggedAfter = 0;
        // Watched without weighing on D: a point lookup of the newest message A lists (D applies in its inbox's
        // order, which is A's time order) every 10 ms, and D's metrics every 100 ms. Counting D's messages and
        // scraping its metrics every 20 ms, as this did first, cost D's server ~15% of the samples of a catch-up.
        ItemHash newest = ItemHash.of(JSON.readTree(a.get("/api/v0/messages.json?sortBy=time&sortOrder=-1"
                + "&pagination=1").body()).path("messages").get(0).path("item_hash").asText());
        StateQueries dState = d.node().stateQueries().orElseThrow();
        for (int poll = 0; !dState.message(newest).map(r -> r.status() != MessageStatus.PENDING).orElse(false);
                poll++) {
            if (loggedAfter == 0 && poll % 10 == 0 && loggedOn(d) >= listed) {
                loggedAfter = (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(10);
        }
        double caughtUp = listed / ((System.nanoTime() - started) / 1e9);
        if (countOn(d) < listed) {
            throw new IllegalStateException("D applied A's newest message before all the others");
        }
        System.out.printf("catch-up: every message read from A was in D's inbox after %.2f s (%,.0f messages/s)%n",
                loggedAfter, listed / loggedAfter);
        System.out.printf("catch-up: D applied the %,d messages A lists at %,.0f messages/s, once started%n", listed,
                caughtUp);

        double listing = listingRate(a, listed, 500);
        System.out.printf("listing: A served its %,d messages in pages of 500 (by time, as catch-up asks) at %,.0f "
                + "messages/s to one client%n", listed, listing);

        List<Message> fresh = sign(count + catchUp, (int) listed);
        started = System.nanoTime();
        for (Message message : fresh) {
            last = d.node().messageIntake().submit(message, Origin.P2P).inboxIndex();
        }
        if (!d.node().awaitApplied(last, Duration.ofMinutes(30))) {
            throw new IllegalStateException("D did not apply its own messages in time");
        }
        double pipeline = listed / ((System.nanoTime() - started) / 1e9);
        System.out.printf("pipeline: D applied %,d new messages submitted one by one to its intake at %,.0f "
                + "messages/s; catch-up / pipeline = %.2f%n", listed, pipeline, caughtUp / pipeline);
        // On one machine, A's serving and D's pipeline share the cores: each message costs D's pipeline 1/pipeline
        // and A's listing 1/listing of the machine, so catch-up cannot pass listing / (pipeline + listing) of the
        // pipeline's rate (less still, as D's own reading of the pages costs something too).
        double bound = listing / (pipeline + listing);
        System.out.printf("one-machine bound: catch-up / pipeline <= %.2f here; reached %.0f%% of it%n", bound,
                100 * caughtUp / pipeline / bound);

        // The same bound measured rather than modelled: D's pipeline fed as many new messages again while A serves
        // its listing to another client on the same cores, without pause, as long as D is being fed. Catch-up does
        // both of these and its own reading of the pages; this is what it would reach if that reading were free.
        List<Message> contended = sign(count + catchUp + (int) listed, (int) listed);
        java.util.concurrent.atomic.AtomicBoolean feeding = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread lister = Thread.ofPlatform().name("listing-beside").start(() -> {
            try {
                while (feeding.get()) {
                    listingRate(a, listed, 500);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        started = System.nanoTime();
        for (Message message : contended) {
            last = d.node().messageIntake().submit(message, Origin.P2P).inboxIndex();
        }
        if (!d.node().awaitApplied(last, Duration.ofMinutes(30))) {
            throw new IllegalStateException("D did not apply its own messages in time");
        }
        double beside = listed / ((System.nanoTime() - started) / 1e9);
        feeding.set(false);
        lister.join();
        System.out.printf("pipeline beside A's listing: D applied %,d new messages at %,.0f messages/s while A served "
                + "pages without pause: the bound measured is %.2f of the pipeline (modelled: %.2f); catch-up reached "
                + "%.0f%% of it%n", listed, beside, beside / pipeline, bound, 100 * caughtUp / beside);
    }

    /**
     * The floor under the propagation figure, in the same run: three bare js-libp2p peers configured as the sidecar
     * is, publishing the same number of messages of an envelope's size at the same rate
     * (benchmarks/src/main/js/gossip-baseline, whose directory {@code -Dgossip.baseline} names). Null without it.
     */
    private static JsonNode rawGossip(int rate, int count) throws Exception {
        String directory = System.getProperty("gossip.baseline");
        if (directory == null) {
            System.out.println("raw gossip: not measured (-Dgossip.baseline=DIR not set)");
            return null;
        }
        Process process = new ProcessBuilder("node", "gossip-baseline.mjs", Integer.toString(rate),
                Integer.toString(count)).directory(Path.of(directory).toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the raw gossip baseline failed: " + output);
        }
        return JSON.readTree(output.strip().lines().reduce((first, second) -> second).orElseThrow());
    }

    /** How fast A lists its messages by time, page after page, to one client that does nothing else. */
    private static double listingRate(EmbeddedNode a, long listed, int pageSize) throws Exception {
        long started = System.nanoTime();
        long read = 0;
        String start = "";
        while (read < listed) {
            JsonNode page = JSON.readTree(a.get("/api/v0/messages.json?sortBy=time&sortOrder=1&pagination="
                    + pageSize + "&page=1" + start).body()).path("messages");
            if (page.isEmpty()) {
                break;
            }
            read += page.size() - (start.isEmpty() ? 0 : 1);
            start = "&startDate=" + new java.math.BigDecimal(page.get(page.size() - 1).path("time").asText())
                    .toPlainString();
            if (page.size() < pageSize) {
                break;
            }
        }
        return read / ((System.nanoTime() - started) / 1e9);
    }

    private int probes;

    /** Posts probes to A until C logs one: the mesh is up. */
    private void awaitMesh(EmbeddedNode a, Arrivals arrivals) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Message probe = sign(-1_000_000 - probes++, 1).getFirst();
            a.postJson("/api/v0/messages", ApiLoadTest.publishBody(probe));
            for (int i = 0; i < 60; i++) {
                if (arrivals.at.containsKey(probe.itemHash().value())) {
                    System.out.printf("mesh up after %d probes%n", probes);
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("gossip from A never reached C");
    }

    private static long loggedOn(EmbeddedNode node) {
        return node.get("/metrics").body().lines().filter(line -> line.startsWith("aleph4j_catch_up_logged_total "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static long countOn(EmbeddedNode node) throws Exception {
        JsonNode page = JSON.readTree(node.get("/api/v0/messages.json?pagination=1").body());
        return page.path("pagination_total").asLong();
    }

    private EmbeddedNode start(String name, List<String> bootstrap, Consumer<EmbeddedNode.Builder> more)
            throws Exception {
        EmbeddedNode.Builder builder = EmbeddedNode.builder().dataDirectory(Files.createTempDirectory(
                        "aleph4j-net-" + name + "-"))
                .set("node", "name", name)
                .set("node", "http.port", 0)
                // The dev node's default: an acknowledged message is fsynced in the log (-Dfsync=false: not).
                .set("node", "log.fsync", Boolean.parseBoolean(System.getProperty("fsync", "true")))
                .set("transport-libp2p", "listen", List.of("/ip4/127.0.0.1/tcp/0"))
                .set("transport-libp2p", "bootstrap", bootstrap)
                .set("transport-libp2p", "redial-every", "1s")
                .plugin(InlinePlugin.of("chain-evm", new ChainEvmPlugin()))
                .plugin(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()))
                .plugin(InlinePlugin.of("api-http", new ApiHttpPlugin()))
                .plugin(InlinePlugin.of("transport-libp2p", new Libp2pPlugin()));
        more.accept(builder);
        EmbeddedNode node = builder.start();
        running.add(node);
        return node;
    }

    private List<Message> sign(int first, int count) {
        return IntStream.range(first, first + count).parallel().mapToObj(n -> {
            EthereumWallet wallet = wallets.get(Math.floorMod(n, wallets.size()));
            double time = T + n * 0.001;
            return wallet.post("NET", time, "{\"address\":\"" + wallet.address() + "\",\"time\":"
                    + new java.math.BigDecimal(Double.toString(time)).toPlainString()
                    + ",\"content\":{\"body\":\"network message " + n + "\"},\"type\":\"net\"}");
        }).toList();
    }

    /**
     * Sends every message at {@code rate} a second from a few keep-alive connections; the send times. How long each
     * POST took to be answered (logged with its fsync, and handed to the sidecar to publish) goes in {@code answered}.
     */
    private static long[] send(URI uri, List<Message> messages, int rate, long[] answered) throws Exception {
        long[] sent = new long[messages.size()];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime() + 100_000_000L;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                running.add(clients.submit(() -> {
                    try (RawHttpClient client = new RawHttpClient(uri.getHost(), uri.getPort())) {
                        for (int i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                            long due = start + (long) (i * 1e9 / rate);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(Duration.ofNanos(wait));
                            }
                            sent[i] = System.nanoTime();
                            client.postJson(uri.getPath(), ApiLoadTest.publishBody(messages.get(i)));
                            answered[i] = System.nanoTime() - sent[i];
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        }
        return sent;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** A plugin that notes when each message a peer sent is logged in the node's inbox. */
    private static final class Arrivals implements AlephPlugin {
        final Map<String, Long> at = new ConcurrentHashMap<>();
        private Subscription subscription;

        @Override
        public void start(NodeContext context) {
            subscription = context.log().subscribeInbox("arrivals", StartFrom.LATEST, (index, entry) -> {
                if (entry.origin() == Origin.P2P) {
                    at.putIfAbsent(entry.message().itemHash().value(), System.nanoTime());
                }
            });
        }

        @Override
        public void stop() throws Exception {
            subscription.close();
        }
    }
}
