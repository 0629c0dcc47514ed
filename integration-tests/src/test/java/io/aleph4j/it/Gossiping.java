package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.Message;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/** What the tests of nodes that gossip need: their addresses, their peers, and waiting for messages to cross. */
final class Gossiping {

    static final Duration PROPAGATION = Duration.ofSeconds(30);
    static final Duration MESH_FORMING = Duration.ofSeconds(90);

    private Gossiping() {
    }

    /** The node's libp2p multiaddresses, from {@code /api/v0/info/public.json}. */
    static List<String> addresses(PipelineNode node) throws IOException {
        JsonNode info = Envelopes.JSON.readTree(node.embedded().get("/api/v0/info/public.json").body());
        List<String> addresses = new ArrayList<>();
        info.path("node_multi_addresses").forEach(address -> addresses.add(address.asText()));
        return addresses;
    }

    /** A POST signed now by {@code wallet}. */
    static Message signedPost(Wallet wallet, String body) {
        double time = System.currentTimeMillis() / 1000.0;
        return wallet.signed(POST, Contents.post(wallet.address(), "note", "{\"body\":\"" + body + "\"}", time), time);
    }

    /**
     * Waits until gossip crosses the mesh both ways between two nodes. Connected is not enough: gossipsub forwards
     * to a peer only once it knows the peer's subscriptions and has grafted it (on a heartbeat), and it never sends
     * a message again to a peer that subscribes later. So probes are posted, a new one every few seconds, until one
     * arrives; those after it are what the tests assert.
     */
    static void awaitMesh(Wallet wallet, PipelineNode one, PipelineNode other) throws Exception {
        awaitProbeCrossing(wallet, one, other);
        awaitProbeCrossing(wallet, other, one);
    }

    private static void awaitProbeCrossing(Wallet wallet, PipelineNode from, PipelineNode to) throws Exception {
        await("a peer of " + name(from), PROPAGATION, () -> peerCount(from) > 0);
        long deadline = System.nanoTime() + MESH_FORMING.toNanos();
        int probes = 0;
        while (true) {
            Message probe = signedPost(wallet, "probe " + probes++ + " from " + name(from));
            from.embedded().postJson("/api/v0/messages", Envelopes.publish(probe, false));
            long probeDeadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < probeDeadline) {
                if (isProcessed(to, probe)) {
                    return;
                }
                Thread.sleep(50);
            }
            assertThat(System.nanoTime()).as("waited %s for gossip from %s to reach %s (%d probes)", MESH_FORMING,
                    name(from), name(to), probes).isLessThan(deadline);
        }
    }

    /** The node's {@code pyaleph_status_peers_total}: the peers its transport is connected to. */
    static int peerCount(PipelineNode node) {
        try {
            return Envelopes.JSON.readTree(node.embedded().get("/metrics.json").body())
                    .path("pyaleph_status_peers_total").asInt();
        } catch (IOException e) {
            return 0;
        }
    }

    static boolean isProcessed(PipelineNode node, Message message) {
        try {
            HttpResponse<String> answer = node.embedded().get("/api/v0/messages/" + message.itemHash().value()
                    + "/status");
            return answer.statusCode() == 200 && Envelopes.JSON.readTree(answer.body()).path("status").asText()
                    .equals("processed");
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitProcessed(PipelineNode node, Message message) throws InterruptedException {
        await(message.itemHash().value() + " processed on " + name(node), PROPAGATION,
                () -> isProcessed(node, message));
    }

    /** The item hashes of every processed message the node lists, sorted: equal on nodes that converged. */
    static TreeSet<String> messageSet(PipelineNode node) {
        TreeSet<String> hashes = new TreeSet<>();
        try {
            JsonNode page = Envelopes.JSON.readTree(node.embedded().get("/api/v0/messages.json?pagination=0")
                    .body());
            page.path("messages").forEach(message -> hashes.add(message.path("item_hash").asText()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return hashes;
    }

    static String name(PipelineNode node) {
        return node.embedded().node().name();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", timeout, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
