package io.aleph4j.distribution.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev node as a process of its own, under concurrent POSTs of signed messages, killed with SIGKILL at random
 * moments, then restarted on the same data directory. After each restart every message it acknowledged with a 2xx
 * is processed, none is listed twice, and none is there that no client sent. Every other kill falls elsewhere: in
 * the next start (plugins loading, log and store opening, the pipeline resuming), or half-way through a replay, after
 * which the node catches up from where the replay got while the next load posts at once. At the end the crashed
 * node's state answers every query as a clean replay of its log ({@code bin/aleph4j replay} on a copy) does.
 *
 * <p>System properties: {@code aleph4j.crash.kills} (default 4: about two minutes here; the long run, 25, is in the
 * module README), {@code aleph4j.crash.clients} (posting threads, default 4), {@code aleph4j.crash.seed} (the
 * random moments; printed at start). The data directories are kept when the test fails.
 */
final class CrashSafetyIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CATCH_UP = Duration.ofSeconds(180);
    /** The longest a load lasts before its kill; the shortest is 200 ms, so a kill may come with the first posts. */
    private static final int MAX_LOAD_MILLIS = 4_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<NodeProcess> started = new ArrayList<>();
    private final Ledger ledger = new Ledger();
    private Random random;
    private int launches;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (NodeProcess node : started) {
            node.close();
        }
        http.close();
    }

    @Test
    void everyAcknowledgedMessageSurvivesSigkillsOnceAndTheStateEqualsAReplayOfTheLog() throws Exception {
        int kills = Integer.getInteger("aleph4j.crash.kills", 4);
        int clients = Integer.getInteger("aleph4j.crash.clients", 4);
        long seed = Long.getLong("aleph4j.crash.seed", System.nanoTime());
        System.out.printf("CrashSafetyIT: %d kills, %d clients, seed %d, in %s%n", kills, clients, seed, work);
        random = new Random(seed);
        List<EthereumWallet> wallets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            wallets.add(EthereumWallet.of(seed * 31 + i));
        }
        List<String> addresses = wallets.stream().map(EthereumWallet::address).toList();
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        Path data = work.resolve("data");
        long began = System.nanoTime();

        NodeProcess node = launch(data);
        long startMillis = System.nanoTime();
        NodeApi api = new NodeApi(http, node.awaitApi(START));
        startMillis = (System.nanoTime() - startMillis) / 1_000_000;
        int killed = 0;
        // After a replay killed half-way the node resumes from where the replay got, behind its log: the next load
        // starts at once, so that its kill lands while the pipeline catches up under new posts.
        boolean catchingUp = false;
        while (killed < kills) {
            long lag = ApiState.pipelineLag(api);
            long checking = System.nanoTime();
            if (!catchingUp) {
                awaitCaughtUp(api, node);
                checkMessages(api, ledger, node);
            }
            long checkMillis = (System.nanoTime() - checking) / 1_000_000;

            PostingClients load = new PostingClients(api, wallets, ledger, clock, random.nextLong());
            load.start();
            long loadMillis = 200 + random.nextInt(MAX_LOAD_MILLIS - 200);
            Thread.sleep(loadMillis);
            int exit = node.kill();
            load.stop();
            killed++;
            assertKilled(exit, node);
            System.out.printf("CrashSafetyIT: kill %d after %d ms of load: %d acknowledged, %d unanswered; %d "
                            + "acknowledged of %d sent in all (before: start %d ms, lag %d at start, %s in %d ms)%n",
                    killed, loadMillis, ledger.takeRoundAcknowledgements(), ledger.unansweredCount(),
                    ledger.acknowledged().size(), ledger.sentCount(), startMillis, lag,
                    catchingUp ? "posts at once" : "caught up and checked", checkMillis);
            catchingUp = false;

            if (killed < kills && killed % 4 == 1) {
                killInAStart(data, startMillis, ++killed);
            } else if (killed < kills && killed % 4 == 3 && killInAReplay(data, killed + 1)) {
                killed++;
                catchingUp = true;
            }
            node = launch(data);
            long restarting = System.nanoTime();
            api = new NodeApi(http, node.awaitApi(START));
            startMillis = (System.nanoTime() - restarting) / 1_000_000;
        }
        awaitCaughtUp(api, node);
        checkMessages(api, ledger, node);
        assertThat(ledger.refusals()).as("messages answered with a non-2xx status").isEmpty();
        assertThat(ledger.acknowledged()).as("messages acknowledged over all kills").hasSizeGreaterThan(kills);
        SortedMap<String, List<String>> crashed = ApiState.queryResults(api, addresses);
        node.interrupt();
        printWarnings(node);

        // A clean replay of the crashed node's log, on a copy of its data directory, served by a node of its own.
        Path replayed = work.resolve("replayed");
        copy(data, replayed);
        NodeProcess replay = launch(replayed, "replay");
        assertThat(replay.awaitExit(CATCH_UP)).as(output(replay)).isZero();
        System.out.println("CrashSafetyIT: " + output(replay).lines().filter(line -> line.contains("rebuilt"))
                .findFirst().orElse("(no replay summary)"));
        NodeProcess replayNode = launch(replayed);
        NodeApi replayApi = new NodeApi(http, replayNode.awaitApi(START));
        awaitCaughtUp(replayApi, replayNode);
        checkMessages(replayApi, ledger, replayNode);
        SortedMap<String, List<String>> clean = ApiState.queryResults(replayApi, addresses);
        replayNode.interrupt();

        System.out.printf("CrashSafetyIT: %d kills in %.0f s; %d messages acknowledged, %d sent; state digest %s "
                        + "(crashed) / %s (replayed)%n", killed, (System.nanoTime() - began) / 1e9,
                ledger.acknowledged().size(), ledger.sentCount(), ApiState.digest(crashed), ApiState.digest(clean));
        assertThat(ApiState.differences(crashed, clean)).as("queries answered differently by the crashed node "
                + "and by a clean replay of its log").isEmpty();
        assertThat(ApiState.digest(crashed)).isEqualTo(ApiState.digest(clean));
    }

    /** A kill in a start: before, while or after the plugins load and the pipeline resumes. */
    private void killInAStart(Path data, long startMillis, int kill) throws Exception {
        NodeProcess node = launch(data);
        long delay = random.nextLong(startMillis + 1_500);
        Thread.sleep(delay);
        boolean served = output(node).contains("HTTP on ");
        assertKilled(node.kill(), node);
        System.out.printf("CrashSafetyIT: kill %d %d ms into a start (%s serving)%n", kill, delay,
                served ? "already" : "not yet");
    }

    /**
     * A kill in a replay, which empties the store and rebuilds it from the whole log: false when the replay was
     * done before its kill came.
     */
    private boolean killInAReplay(Path data, int kill) throws Exception {
        NodeProcess replay = launch(data, "replay");
        Await.until("the replay to begin", START, Duration.ofMillis(50), () -> !replay.isAlive()
                || output(replay).contains("replay: emptying"));
        long delay = random.nextLong(300 + ledger.sentCount() / 2);
        Thread.sleep(delay);
        int exit = replay.kill();
        if (exit == 0) {
            System.out.printf("CrashSafetyIT: a replay finished before its kill %d ms in%n", delay);
            return false;
        }
        assertKilled(exit, replay);
        System.out.printf("CrashSafetyIT: kill %d %d ms into a replay%n", kill, delay);
        return true;
    }

    private NodeProcess launch(Path data, String... arguments) throws IOException {
        NodeProcess node = NodeProcess.launch(data, work.resolve("node-" + (++launches) + ".log"),
                List.of(arguments));
        started.add(node);
        return node;
    }

    private static void assertKilled(int exit, NodeProcess node) throws IOException {
        printWarnings(node);
        assertThat(exit).as("exit code of the node killed by SIGKILL; its output %s:%n%s", node.output(),
                tail(node.output())).isEqualTo(NodeProcess.KILLED);
    }

    /** What a node warned about in its life (a recovery after a kill shows here): its output's warnings and errors. */
    private static void printWarnings(NodeProcess node) throws IOException {
        Files.readAllLines(node.output()).stream()
                .filter(line -> line.matches(".*\\b(WARN|WARNING|ERROR|SEVERE)\\b.*|.*Exception.*"))
                .forEach(line -> System.out.println("CrashSafetyIT: " + node.output().getFileName() + ": " + line));
    }

    private static String output(NodeProcess node) {
        try {
            return Files.readString(node.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until the state store has applied the whole inbox; the node's output on failure. */
    private static void awaitCaughtUp(NodeApi api, NodeProcess node) throws Exception {
        try {
            Await.until("the pipeline to apply the whole inbox", CATCH_UP, Duration.ofMillis(200),
                    () -> ApiState.pipelineLag(api) == 0);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; lag " + ApiState.pipelineLag(api) + "; node output "
                    + node.output() + ":\n" + tail(node.output()), e);
        }
    }

    /**
     * Every acknowledged message processed, none listed twice, none unknown to the clients, each listing's total its
     * length, and every message sent that is held processed (all are valid).
     */
    private static void checkMessages(NodeApi api, Ledger ledger, NodeProcess node) throws IOException {
        Map<String, String> statusOf = new HashMap<>();
        Set<String> duplicated = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String status : ApiState.STATUSES) {
            ApiState.Listing listing = ApiState.messages(api, status);
            if (listing.total() != listing.items().size()) {
                problems.add(status + ": pagination_total " + listing.total() + " but " + listing.items().size()
                        + " items listed");
            }
            for (String hash : listing.hashes()) {
                if (statusOf.put(hash, status) != null) {
                    duplicated.add(hash);
                }
            }
        }
        Set<String> acknowledged = ledger.acknowledged();
        Set<String> missing = new TreeSet<>();
        Set<String> notProcessed = new TreeSet<>();
        for (String hash : acknowledged) {
            String status = statusOf.get(hash);
            if (status == null) {
                missing.add(hash);
            }
        }
        statusOf.forEach((hash, status) -> {
            if (!status.equals("processed")) {
                notProcessed.add(hash + " " + status);
            }
        });
        Set<String> unknown = new TreeSet<>();
        for (String hash : statusOf.keySet()) {
            if (!ledger.wasSent(hash)) {
                unknown.add(hash);
            }
        }
        report(problems, "acknowledged but not listed", missing, api);
        report(problems, "listed twice", duplicated, null);
        report(problems, "held but not processed", notProcessed, null);
        report(problems, "listed but never sent", unknown, null);
        // The single-message route as a client reads it back, for a sample of the acknowledged ones.
        acknowledged.stream().limit(20).forEach(hash -> {
            HttpResponse<String> answer = api.get("/api/v0/messages/" + hash);
            if (answer.statusCode() != 200 || !answer.body().contains("\"status\":\"processed\"")) {
                problems.add("GET /api/v0/messages/" + hash + ": HTTP " + answer.statusCode() + " " + answer.body());
            }
        });
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems) + "\nnode output " + node.output() + ":\n"
                    + tail(node.output()));
        }
    }

    private static void report(List<String> problems, String what, Set<String> hashes, NodeApi api) {
        if (hashes.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(hashes.size() + " messages " + what + ":");
        hashes.stream().limit(50).forEach(hash -> {
            text.append("\n  ").append(hash);
            if (api != null) {
                HttpResponse<String> answer = api.get("/api/v0/messages/" + hash + "/status");
                text.append(" -> HTTP ").append(answer.statusCode()).append(' ').append(answer.body());
            }
        });
        problems.add(text.toString());
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
