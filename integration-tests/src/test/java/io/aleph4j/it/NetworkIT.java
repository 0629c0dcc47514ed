package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.Message;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one JVM, each with its own libp2p peer (transport-libp2p's sidecar, real gossipsub over loopback
 * TCP): B and C know only A. What is posted to one is published on ALEPH-TEST and processed on every node; what is
 * forged is refused by the first node it reaches and goes no further.
 */
final class NetworkIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(30);
    private static final Duration MESH_FORMING = Duration.ofSeconds(90);
    private final Wallet alice = Wallet.ethereum(61);
    private final List<PipelineNode> nodes = new ArrayList<>();

    @TempDir
    Path keys;

    @AfterEach
    void stopNodes() {
        nodes.forEach(PipelineNode::close);
    }

    private PipelineNode start(String name, List<String> bootstrap) {
        PipelineNode node = PipelineNode.startWith(builder -> builder
                .set("node", "name", name)
                .set("transport-libp2p", "listen", List.of("/ip4/127.0.0.1/tcp/0"))
                .set("transport-libp2p", "bootstrap", bootstrap)
                .set("transport-libp2p", "redial-every", "1s"), "api-http", "transport-libp2p");
        nodes.add(node);
        return node;
    }

    private static List<String> addresses(PipelineNode node) throws IOException {
        JsonNode info = Envelopes.JSON.readTree(node.embedded().get("/api/v0/info/public.json").body());
        List<String> addresses = new ArrayList<>();
        info.path("node_multi_addresses").forEach(address -> addresses.add(address.asText()));
        return addresses;
    }

    @Test
    void aMessagePostedToOneNodeIsProcessedOnEveryNodeAndItsPublicationIsReported() throws Exception {
        PipelineNode a = start("a", List.of());
        List<String> aAddresses = addresses(a);
        assertThat(aAddresses).as("the node shows its libp2p multiaddress").singleElement().asString()
                .matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/Qm\\w{44}");
        PipelineNode b = start("b", aAddresses);
        PipelineNode c = start("c", aAddresses);
        await("A connected to B and C", () -> peerCount(a) == 2);
        awaitMesh(b, c);

        Message fromB = signedPost("posted to B");
        JsonNode answer = postUntilPublishedToSomeone(b, fromB);

        assertThat(answer.path("publication_status").path("status").asText()).isEqualTo("success");
        assertThat(answer.path("publication_status").path("failed")).isEmpty();
        awaitProcessed(a, fromB);
        awaitProcessed(c, fromB);

        Message fromC = signedPost("posted to C");
        c.embedded().postJson("/api/v0/messages", Envelopes.publish(fromC, false));
        awaitProcessed(a, fromC);
        awaitProcessed(b, fromC);
    }

    @Test
    void aForgedMessageFromAPeerIsRefusedAndGoesNoFurther() throws Exception {
        PipelineNode a = start("a", List.of());
        PipelineNode b = start("b", addresses(a));
        PipelineNode c = start("c", addresses(a));
        awaitMesh(b, c);

        Message real = signedPost("to be forged");
        Message forged = new Message(real.chain(), real.sender(), real.type(), real.channel(), real.time(),
                real.itemType(), real.itemContent(), real.itemHash(), Wallet.ethereum(62).sign(real).signature());
        // B's API takes it (a client's signature is checked by the pipeline) and publishes it; A, the first peer
        // to receive it, finds the signature forged: it neither logs nor forwards it.
        b.embedded().postJson("/api/v0/messages", Envelopes.publish(forged, true));
        Message after = signedPost("after the forgery");
        b.embedded().postJson("/api/v0/messages", Envelopes.publish(after, false));
        awaitProcessed(c, after);

        assertThat(status(a, forged)).as("A never logged it").isEqualTo(404);
        assertThat(status(c, forged)).as("C never received it").isEqualTo(404);
    }

    private Message signedPost(String body) {
        double time = System.currentTimeMillis() / 1000.0;
        return alice.signed(POST, Contents.post(alice.address(), "note", "{\"body\":\"" + body + "\"}", time), time);
    }

    /**
     * Waits until gossip crosses the mesh both ways between two nodes. Connected is not enough: gossipsub forwards
     * to a peer only once it knows the peer's subscriptions and has grafted it (on a heartbeat), and it never sends
     * a message again to a peer that subscribes later. So probes are posted, a new one every few seconds, until one
     * arrives; those after it are what the tests assert.
     */
    private void awaitMesh(PipelineNode one, PipelineNode other) throws Exception {
        awaitProbeCrossing(one, other);
        awaitProbeCrossing(other, one);
    }

    private void awaitProbeCrossing(PipelineNode from, PipelineNode to) throws Exception {
        await("a peer of " + from.embedded().node().name(), () -> peerCount(from) > 0);
        long deadline = System.nanoTime() + MESH_FORMING.toNanos();
        int probes = 0;
        while (true) {
            Message probe = signedPost("probe " + probes++ + " from " + from.embedded().node().name());
            from.embedded().postJson("/api/v0/messages", Envelopes.publish(probe, false));
            long probeDeadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < probeDeadline) {
                if (isProcessed(to, probe)) {
                    return;
                }
                Thread.sleep(50);
            }
            assertThat(System.nanoTime()).as("waited %s for gossip from %s to reach %s (%d probes)", MESH_FORMING,
                    from.embedded().node().name(), to.embedded().node().name(), probes).isLessThan(deadline);
        }
    }

    /** Posts until the node has a peer to publish to (the mesh forms within a heartbeat or two of connecting). */
    private static JsonNode postUntilPublishedToSomeone(PipelineNode node, Message message) throws Exception {
        await("a peer of " + node.embedded().node().name(), () -> peerCount(node) > 0);
        HttpResponse<String> answer = node.embedded().postJson("/api/v0/messages", Envelopes.publish(message, true));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Envelopes.JSON.readTree(answer.body());
    }

    /** The node's {@code pyaleph_status_peers_total}: the peers its transport is connected to. */
    private static int peerCount(PipelineNode node) {
        try {
            return Envelopes.JSON.readTree(node.embedded().get("/metrics.json").body())
                    .path("pyaleph_status_peers_total").asInt();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int status(PipelineNode node, Message message) throws IOException {
        return node.embedded().get("/api/v0/messages/" + message.itemHash().value()).statusCode();
    }

    private static void awaitProcessed(PipelineNode node, Message message) throws Exception {
        await(message.itemHash().value() + " processed on " + node.embedded().node().name(),
                () -> isProcessed(node, message));
    }

    private static boolean isProcessed(PipelineNode node, Message message) {
        try {
            HttpResponse<String> answer = node.embedded().get("/api/v0/messages/" + message.itemHash().value()
                    + "/status");
            return answer.statusCode() == 200 && Envelopes.JSON.readTree(answer.body()).path("status").asText()
                    .equals("processed");
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", PROPAGATION, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
