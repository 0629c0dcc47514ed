package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.Message;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * aleph4j's libp2p peer against a plain js-libp2p gossipsub node configured as the reference's p2p-service
 * ({@code src/test/js/reference-peer}: RSA identity, noise, one muxer, strict signing, Rust's message
 * ID), once with mplex only and once with yamux only. The plain node publishes a signed message on ALEPH-TEST
 * (URL-quoted, which the reference's receivers undo) and aleph4j processes it; aleph4j publishes a client's message
 * and the plain node receives its envelope as the reference writes it.
 */
final class Libp2pInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final Wallet alice = Wallet.ethereum(71);
    private PipelineNode node;
    private ReferencePeer peer;

    @AfterEach
    void stop() throws InterruptedException {
        if (peer != null) {
            peer.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0} only")
    @ValueSource(strings = {"mplex", "yamux"})
    void aPlainGossipsubPeerConfiguredAsTheReferenceExchangesMessagesWithTheNode(String muxer) throws Exception {
        node = PipelineNode.startWith(builder -> builder
                .set("transport-libp2p", "listen", List.of("/ip4/127.0.0.1/tcp/0")), "api-http", "transport-libp2p");
        String nodeAddress = Envelopes.JSON.readTree(node.embedded().get("/api/v0/info/public.json").body())
                .path("node_multi_addresses").get(0).asText();
        peer = ReferencePeer.start(muxer, WAIT);
        assertThat(peer.next("ready").path("ready").asText()).startsWith("Qm");

        peer.command("dial", nodeAddress);
        peer.next("connected");
        // The node's subscription reaches the plain peer just after the connection: publish once it has.
        peer.awaitSubscriber();
        long deadline = System.nanoTime() + WAIT.toNanos();
        double time = System.currentTimeMillis() / 1000.0;
        Message fromPeer = alice.signed(POST, Contents.post(alice.address(), "note", "{\"via\":\"" + muxer + "\"}",
                time), time);
        // Percent-encoded throughout (a space as %20: Python's unquote leaves a plus a plus).
        String quoted = URLEncoder.encode(Envelopes.of(fromPeer).toString(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        peer.command("publish", quoted);
        assertThat(peer.next("published").path("published").asInt()).isPositive();
        while (!processed(fromPeer)) {
            assertThat(System.nanoTime()).as("the node processed the plain peer's message within %s", WAIT)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }

        Message fromClient = alice.signed(POST, Contents.post(alice.address(), "note", "{\"from\":\"client\"}",
                time + 1), time + 1);
        JsonNode answer = Envelopes.JSON.readTree(node.embedded().postJson("/api/v0/messages",
                Envelopes.publish(fromClient, false)).body());
        assertThat(answer.path("publication_status").path("status").asText()).isEqualTo("success");
        JsonNode received = Envelopes.JSON.readTree(peer.next("message").path("message").asText());
        assertThat(received.path("item_hash").asText()).isEqualTo(fromClient.itemHash().value());
        assertThat(received.path("signature").asText()).isEqualTo(fromClient.signature());
        List<String> keys = new ArrayList<>();
        received.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("compact JSON with sorted keys, as the reference publishes").isSorted()
                .contains("chain", "item_content", "item_hash", "item_type", "sender", "signature", "time", "type");
    }

    private boolean processed(Message message) throws IOException {
        var answer = node.embedded().get("/api/v0/messages/" + message.itemHash().value() + "/status");
        return answer.statusCode() == 200 && Envelopes.JSON.readTree(answer.body()).path("status").asText()
                .equals("processed");
    }
}
