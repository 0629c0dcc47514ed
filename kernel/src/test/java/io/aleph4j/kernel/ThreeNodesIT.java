package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.log.Origin;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several nodes in one JVM share nothing and leave nothing behind. */
final class ThreeNodesIT {

    @TempDir
    Path root;

    @Test
    void threeNodesRunSideBySideAndCloseWithoutLeakingThreadsOrFiles() throws Exception {
        // Warm up once so that JVM-wide lazy threads (HTTP client, Chronicle's shared pools) exist before the
        // baseline and are not mistaken for leaks.
        runNodes(root.resolve("warm-up"), 1);
        Set<String> threadsBefore = liveThreadNames();
        long filesBefore = openFileCount();

        runNodes(root.resolve("three"), 3);

        awaitThreadsGone(threadsBefore);
        assertThat(liveThreadNames()).as("threads left after closing three nodes")
                .isSubsetOf(threadsBefore);
        assertThat(openFileCount()).as("open file descriptors after closing three nodes")
                .isLessThanOrEqualTo(filesBefore);
    }

    private void runNodes(Path base, int count) throws Exception {
        List<Node> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(Aleph4j.node().dataDirectory(base.resolve("node-" + i))
                        .set("node", "name", "node-" + i)
                        .set("node", "http.port", 0)
                        .start());
            }
            assertThat(nodes.stream().map(Node::httpPort).distinct()).hasSize(count);
            try (HttpClient client = HttpClient.newHttpClient()) {
                for (int i = 0; i < count; i++) {
                    Node node = nodes.get(i);
                    HttpResponse<String> status = client.send(HttpRequest.newBuilder(
                            node.httpAddress().resolve("/aleph4j/status")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(status.body()).contains("\"name\":\"node-" + i + "\"");
                    assertEachNodeHasItsOwnLog(node, i);
                }
            }
        } finally {
            nodes.forEach(Node::close);
        }
        for (Node node : nodes) {
            assertThat(node.state()).isEqualTo(NodeState.STOPPED);
        }
    }

    private static void assertEachNodeHasItsOwnLog(Node node, int entries) throws Exception {
        for (int i = 0; i <= entries; i++) {
            String content = "{\"address\":\"0xabc\",\"time\":1,\"type\":\"test\",\"content\":{\"n\":" + i + "}}";
            node.messageIntake().submit(new Message(Chain.ETH, "0xabc", MessageType.POST, null, 1.0,
                    ItemType.INLINE, content, ItemHash.sha256Of(content), "0x00"), Origin.LOCAL);
        }
        AtomicInteger seen = new AtomicInteger();
        try (Subscription ignored = node.log().subscribeInbox("count", StartFrom.EARLIEST,
                (index, entry) -> seen.incrementAndGet())) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (seen.get() < entries + 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(50);
        }
        assertThat(seen.get()).as("entries in the log of " + node.name()).isEqualTo(entries + 1);
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).collect(Collectors.toSet());
    }

    private static void awaitThreadsGone(Set<String> baseline) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!baseline.containsAll(liveThreadNames()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long openFileCount() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
