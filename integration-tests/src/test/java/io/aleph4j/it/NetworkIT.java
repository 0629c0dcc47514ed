package io.aleph4j.it;

import static io.aleph4j.it.Gossiping.PROPAGATION;
import static io.aleph4j.it.Gossiping.addresses;
import static io.aleph4j.it.Gossiping.await;
import static io.aleph4j.it.Gossiping.awaitMesh;
import static io.aleph4j.it.Gossiping.awaitProcessed;
import static io.aleph4j.it.Gossiping.peerCount;
import static io.aleph4j.it.Gossiping.signedPost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.Message;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in one JVM, each with its own libp2p peer (transport-libp2p's sidecar, real gossipsub over loopback
 * TCP): B and C know only A. What is posted to one is published on ALEPH-TEST and processed on every node; what a
 * client forged is not published at all (FloodIT has a peer publish forgeries).
 */
final class NetworkIT {

    private final Wallet alice = Wallet.ethereum(61);
    private final List<PipelineNode> nodes = new ArrayList<>();

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

    @Test
    void aMessagePostedToOneNodeIsProcessedOnEveryNodeAndItsPublicationIsReported() throws Exception {
        PipelineNode a = start("a", List.of());
        List<String> aAddresses = addresses(a);
        assertThat(aAddresses).as("the node shows its libp2p multiaddress").singleElement().asString()
                .matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/Qm\\w{44}");
        PipelineNode b = start("b", aAddresses);
        PipelineNode c = start("c", aAddresses);
        await("A connected to B and C", PROPAGATION, () -> peerCount(a) == 2);
        awaitMesh(alice, b, c);

        Message fromB = signedPost(alice, "posted to B");
        HttpResponse<String> posted = b.embedded().postJson("/api/v0/messages", Envelopes.publish(fromB, true));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode answer = Envelopes.JSON.readTree(posted.body());

        assertThat(answer.path("publication_status").path("status").asText()).isEqualTo("success");
        assertThat(answer.path("publication_status").path("failed")).isEmpty();
        awaitProcessed(a, fromB);
        awaitProcessed(c, fromB);

        Message fromC = signedPost(alice, "posted to C");
        c.embedded().postJson("/api/v0/messages", Envelopes.publish(fromC, false));
        awaitProcessed(a, fromC);
        awaitProcessed(b, fromC);
    }

    @Test
    void aForgedMessagePostedToANodesApiIsNotPublishedSoItsPeersKeepIt() throws Exception {
        PipelineNode a = start("a", List.of());
        PipelineNode b = start("b", addresses(a));
        PipelineNode c = start("c", addresses(a));
        await("A connected to B and C", PROPAGATION, () -> peerCount(a) == 2);
        awaitMesh(alice, b, c);

        Message real = signedPost(alice, "to be forged");
        Message forged = Wallet.withSignature(real, Wallet.ethereum(62).sign(real).signature());
        // Published, it would reach A, which checks signatures: A would reject it and, after enough of them, cut B
        // off for what a client sent. So B keeps it to itself, says so, and its pipeline rejects it.
        HttpResponse<String> posted = b.embedded().postJson("/api/v0/messages", Envelopes.publish(forged, true));
        JsonNode answer = Envelopes.JSON.readTree(posted.body());
        assertThat(answer.path("publication_status").path("status").asText()).as(posted.body()).isEqualTo("warning");
        assertThat(answer.path("publication_status").path("failed")).extracting(JsonNode::asText)
                .containsExactly("p2p");
        assertThat(answer.path("message_status").asText()).isEqualTo("rejected");

        Message after = signedPost(alice, "after the forgery");
        b.embedded().postJson("/api/v0/messages", Envelopes.publish(after, false));
        awaitProcessed(c, after);
        assertThat(status(a, forged)).as("A never received it").isEqualTo(404);
        assertThat(status(c, forged)).as("C never received it").isEqualTo(404);
        assertThat(a.metric("aleph4j_p2p_rejected_total")).as("A had nothing to reject").isZero();
        assertThat(peerCount(a)).as("A kept B").isEqualTo(2);
    }

    @Test
    void aNodeWhoseSidecarIsKilledStartsAnotherWithTheSameIdentityAndRejoinsTheMesh() throws Exception {
        PipelineNode a = start("a", List.of());
        PipelineNode b = start("b", addresses(a));
        awaitMesh(alice, a, b);
        String identity = addresses(b).getFirst().replaceAll(".*/p2p/", "");
        ProcessHandle first = sidecarOf(b);

        first.destroyForcibly();
        first.onExit().get(30, TimeUnit.SECONDS);

        await("a new sidecar for B", PROPAGATION, () -> sidecar(b).filter(next -> next.pid() != first.pid())
                .isPresent());
        awaitMesh(alice, a, b);
        assertThat(addresses(b).getFirst()).as("the same peer ID, from the key file").endsWith("/p2p/" + identity);
    }

    /** The sidecar process of a node: a Node.js process running sidecar.mjs with a key file in its data directory. */
    private static Optional<ProcessHandle> sidecar(PipelineNode node) {
        String data = node.embedded().node().dataDirectory().toAbsolutePath().toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(process -> process.info()
                .commandLine().map(line -> line.contains("sidecar.mjs") && line.contains(data)).orElse(false))
                .findFirst();
    }

    private static ProcessHandle sidecarOf(PipelineNode node) {
        return sidecar(node).orElseThrow(() -> new AssertionError("no sidecar process for " + node.embedded()
                .node().name()));
    }

    private static int status(PipelineNode node, Message message) throws IOException {
        return node.embedded().get("/api/v0/messages/" + message.itemHash().value()).statusCode();
    }
}
