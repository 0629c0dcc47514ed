package io.aleph4j.it;

import static io.aleph4j.it.Gossiping.PROPAGATION;
import static io.aleph4j.it.Gossiping.addresses;
import static io.aleph4j.it.Gossiping.await;
import static io.aleph4j.it.Gossiping.awaitMesh;
import static io.aleph4j.it.Gossiping.awaitProcessed;
import static io.aleph4j.it.Gossiping.isProcessed;
import static io.aleph4j.it.Gossiping.messageSet;
import static io.aleph4j.it.Gossiping.peerCount;
import static io.aleph4j.it.Gossiping.signedPost;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Message;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.aleph4j.testkit.EmbeddedNode;

/**
 * Three gossiping nodes that miss each other's messages, because one was stopped or cut off, and converge again:
 * gossipsub never sends a message twice, so what a node missed comes back through catch-up over the HTTP APIs.
 */
final class ConvergenceIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private final Wallet alice = Wallet.ethereum(91);
    private final List<AutoCloseable> running = new ArrayList<>();

    @TempDir
    Path dataOfC;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    private PipelineNode start(String name, List<String> bootstrap, Consumer<EmbeddedNode.Builder> more) {
        PipelineNode node = PipelineNode.startWith(builder -> {
            builder.set("node", "name", name)
                    .set("node", "p2p.catch-up-every", "PT1S")
                    .set("node", "p2p.alive-every", "PT1S")
                    .set("node", "p2p.upkeep-every", "PT1S")
                    .set("transport-libp2p", "listen", List.of("/ip4/127.0.0.1/tcp/0"))
                    .set("transport-libp2p", "bootstrap", bootstrap)
                    .set("transport-libp2p", "redial-every", "1s");
            more.accept(builder);
        }, "api-http", "transport-libp2p");
        running.add(node);
        return node;
    }

    @Test
    void aNodeStoppedWhileMessagesWerePostedCatchesUpFromThePeerItDiscoveredOnceRestarted() throws Exception {
        PipelineNode a = start("a", List.of(), builder -> { });
        List<String> bootstrap = addresses(a);
        PipelineNode b = start("b", bootstrap, builder -> { });
        PipelineNode c = start("c", bootstrap, builder -> builder.dataDirectory(dataOfC));
        awaitMesh(alice, b, c);

        c.close();
        running.remove(c);
        List<Message> whileDown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message message = signedPost(alice, "while C was down " + i);
            HttpResponse<String> answer = a.embedded().postJson("/api/v0/messages", Envelopes.publish(message,
                    true));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            whileDown.add(message);
        }
        PipelineNode restarted = start("c", bootstrap, builder -> builder.dataDirectory(dataOfC));

        // No catch-up peer is configured: C believes A, its bootstrap peer, finds A's API on ALIVE, and reads it.
        for (Message message : whileDown) {
            awaitProcessed(restarted, message);
        }
        await("B and the restarted C hold the same messages as A", CONVERGENCE,
                () -> messageSet(restarted).equals(messageSet(a)) && messageSet(b).equals(messageSet(a)));
    }

    @Test
    void nodesCutOffFromEachOtherConvergeOnceTheLinkIsRestored() throws Exception {
        // A and C reach each other only through relays that the test cuts: C's libp2p link to A, and the HTTP APIs
        // each catches up from. B is beside A, out of C's reach.
        TcpRelay p2pToA = track(TcpRelay.open());
        TcpRelay httpToA = track(TcpRelay.open());
        TcpRelay httpToC = track(TcpRelay.open());
        PipelineNode a = start("a", List.of(), builder -> onlyCatchUpFrom(builder, httpToC.url()));
        String aAddress = addresses(a).getFirst();
        p2pToA.forwardTo(Integer.parseInt(aAddress.split("/")[4]));
        httpToA.forwardTo(a.embedded().node().httpPort());
        PipelineNode b = start("b", List.of(aAddress), builder -> onlyCatchUpFrom(builder,
                a.embedded().uri("/").toString()));
        String aThroughRelay = aAddress.replaceFirst("/tcp/\\d+/", "/tcp/" + p2pToA.port() + "/");
        PipelineNode c = start("c", List.of(aThroughRelay), builder -> onlyCatchUpFrom(builder, httpToA.url())
                // C dials A only through the relay: not at the address A announces on ALIVE.
                .set("node", "p2p.upkeep-every", "PT1H"));
        httpToC.forwardTo(c.embedded().node().httpPort());
        awaitMesh(alice, b, c);

        p2pToA.cut();
        httpToA.cut();
        httpToC.cut();
        await("C cut off", PROPAGATION, () -> peerCount(c) == 0);
        Message toA = post(a, "to A during the partition");
        Message toB = post(b, "to B during the partition");
        Message toC = post(c, "to C during the partition");
        awaitProcessed(b, toA);
        awaitProcessed(a, toB);
        Thread.sleep(3000);
        assertThat(isProcessed(c, toA) || isProcessed(c, toB)).as("C got nothing from A's side").isFalse();
        assertThat(isProcessed(a, toC) || isProcessed(b, toC)).as("A's side got nothing from C").isFalse();

        p2pToA.restore();
        httpToA.restore();
        httpToC.restore();

        await("all three nodes hold the same messages, those of the partition among them", CONVERGENCE, () -> {
            var onA = messageSet(a);
            return onA.containsAll(List.of(toA.itemHash().value(), toB.itemHash().value(), toC.itemHash().value()))
                    && messageSet(b).equals(onA) && messageSet(c).equals(onA);
        });
    }

    private static EmbeddedNode.Builder onlyCatchUpFrom(EmbeddedNode.Builder builder, String peer) {
        return builder.set("node", "p2p.catch-up-peers", List.of(peer))
                .set("node", "p2p.catch-up-discovered", false);
    }

    private Message post(PipelineNode node, String body) {
        Message message = signedPost(alice, body);
        HttpResponse<String> answer = node.embedded().postJson("/api/v0/messages", Envelopes.publish(message, true));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return message;
    }

    private TcpRelay track(TcpRelay relay) {
        running.add(relay);
        return relay;
    }
}
