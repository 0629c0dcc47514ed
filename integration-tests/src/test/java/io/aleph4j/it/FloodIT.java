package io.aleph4j.it;

import static io.aleph4j.it.Gossiping.PROPAGATION;
import static io.aleph4j.it.Gossiping.addresses;
import static io.aleph4j.it.Gossiping.await;
import static io.aleph4j.it.Gossiping.awaitMesh;
import static io.aleph4j.it.Gossiping.isProcessed;
import static io.aleph4j.it.Gossiping.peerCount;
import static io.aleph4j.it.Gossiping.signedPost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that floods a node with 10,000 forged messages (the plain js-libp2p peer, signing each gossipsub message
 * as the protocol requires, so that only the node's own check can tell them apart) is cut off, and the messages
 * the other nodes exchange meanwhile keep arriving as fast as before it started.
 */
final class FloodIT {

    private static final int FLOOD = 10_000;
    private static final int SAMPLES = 20;
    private final Wallet alice = Wallet.ethereum(95);
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    private PipelineNode start(String name, List<String> bootstrap) {
        PipelineNode node = PipelineNode.startWith(builder -> builder
                .set("node", "name", name)
                .set("transport-libp2p", "listen", List.of("/ip4/127.0.0.1/tcp/0"))
                .set("transport-libp2p", "bootstrap", bootstrap)
                .set("transport-libp2p", "redial-every", "1s"), "api-http", "transport-libp2p");
        running.add(node);
        return node;
    }

    @Test
    void aPeerFloodingForgedMessagesIsCutOffAndTheOthersPropagationStaysWithinItsUsualLatency() throws Exception {
        PipelineNode a = start("a", List.of());
        String aAddress = addresses(a).getFirst();
        PipelineNode b = start("b", List.of(aAddress));
        PipelineNode c = start("c", List.of(aAddress));
        awaitMesh(alice, b, c);
        long[] before = propagation(b, c, "before");

        ReferencePeer flooder = ReferencePeer.start("mplex", Duration.ofMinutes(3));
        running.add(flooder);
        flooder.next("ready");
        flooder.command("dial", aAddress);
        flooder.next("connected");
        flooder.awaitSubscriber();
        Message real = signedPost(alice, "forged");
        ObjectNode forged = Envelopes.of(Wallet.withSignature(real, Wallet.ethereum(96).sign(real).signature()));
        forged.put("channel", "FLOOD-__N__");
        ObjectNode flood = Envelopes.JSON.createObjectNode();
        flood.putObject("flood").put("template", forged.toString()).put("count", FLOOD);
        flooder.send(flood);
        long[] during = propagation(b, c, "during");
        JsonNode flooded = flooder.next("flooded");

        long rejected = a.metric("aleph4j_p2p_rejected_total");
        System.out.printf("flood: %,d forged messages published (%,d sends counted by the flooder's gossipsub); A "
                + "judged and rejected %,d, ignored %,d over the peer's rate; propagation B -> A -> C p50/p99 before "
                + "%d/%d ms, during %d/%d ms%n", FLOOD, flooded.path("reached").asInt(), rejected,
                a.metric("aleph4j_p2p_throttled_total"), before[0], before[1], during[0], during[1]);
        assertThat(rejected).as("A judged a few forged messages and then cut the flooder off")
                .isBetween(20L, (long) FLOOD / 10);
        await("the flooder disconnected from A, B and C still connected", PROPAGATION, () -> peerCount(a) == 2);
        for (PipelineNode node : List.of(a, b, c)) {
            assertThat(node.embedded().get("/api/v0/messages/" + real.itemHash().value()).statusCode())
                    .as("no forgery was logged or forwarded, so %s never had it", node.embedded().node().name())
                    .isEqualTo(404);
        }
        // A generous bound, not a benchmark: the figures are in docs/benchmarks.md.
        assertThat(during[1]).as("p99 propagation during the flood, in ms").isLessThan(before[1] + 1_000);
    }

    /** Posts {@link #SAMPLES} messages to one node, one at a time; p50 and p99 of their arrival at the other, ms. */
    private long[] propagation(PipelineNode from, PipelineNode to, String label) throws Exception {
        long[] latencies = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            Message message = signedPost(alice, label + " " + i);
            long sent = System.nanoTime();
            from.embedded().postJson("/api/v0/messages", Envelopes.publish(message, false));
            await(message.itemHash().value() + " on " + Gossiping.name(to), PROPAGATION,
                    () -> isProcessed(to, message));
            latencies[i] = (System.nanoTime() - sent) / 1_000_000;
        }
        Arrays.sort(latencies);
        return new long[] {latencies[SAMPLES / 2], latencies[SAMPLES - 1]};
    }

}
