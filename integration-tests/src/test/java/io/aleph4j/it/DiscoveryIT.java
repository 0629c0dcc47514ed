package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes that find each other as the reference's do: each announces its P2P and HTTP addresses on {@code ALIVE}; a
 * node believes its bootstrap peers and the nodes of the registry (the {@code corechannel} aggregate of the
 * registry's owner, here a test wallet); the HTTP APIs it believes and that answer are where its content sources
 * fetch what it lacks. Three nodes in one JVM, each with its own libp2p peer; B and C know only A.
 */
final class DiscoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Wallet registry = Wallet.ethereum(81);
    private final Wallet alice = Wallet.ethereum(82);
    private final List<PipelineNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(PipelineNode::close);
    }

    private PipelineNode start(String name, List<String> bootstrap) {
        PipelineNode node = PipelineNode.startWith(builder -> builder
                .set("node", "name", name)
                .set("node", "p2p.alive-every", "PT1S")
                .set("node", "p2p.upkeep-every", "PT1S")
                .set("node", "p2p.registry-address", registry.address())
                .set("node", "p2p.registry-cache", "PT1S")
                .set("transport-libp2p", "listen", List.of("/ip4/127.0.0.1/tcp/0"))
                .set("transport-libp2p", "bootstrap", bootstrap)
                .set("transport-libp2p", "redial-every", "1s"),
                "api-http", "transport-libp2p", "content-fs", "content-peers");
        nodes.add(node);
        return node;
    }

    @Test
    void aNodeBelievesItsBootstrapPeerAndTheRegistrysNodesAndFetchesContentFromTheirAnnouncedApis()
            throws Exception {
        PipelineNode a = start("a", List.of());
        String aAddress = address(a);
        PipelineNode b = start("b", List.of(aAddress));
        PipelineNode c = start("c", List.of(aAddress));

        await("B believes A, its bootstrap peer, and finds its API", () -> b.metric("aleph4j_p2p_api_servers") == 1,
                b);
        await("A hears B and C announce themselves, and ignores them",
                () -> a.metric("aleph4j_p2p_alive_ignored_total") > 0, a);
        assertThat(a.metric("aleph4j_p2p_api_servers")).as("A has no registry yet, and no bootstrap peer")
                .isZero();

        Message corechannel = registry.signed(AGGREGATE, Contents.aggregate(registry.address(), "corechannel",
                "{\"nodes\":[{\"name\":\"b\",\"multiaddress\":\"" + address(b) + "\"},{\"name\":\"c\","
                        + "\"multiaddress\":\"" + address(c) + "\"}]}", now()), now());
        HttpResponse<String> posted = a.embedded().postJson("/api/v0/messages", Envelopes.publish(corechannel, true));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        // A read the registry when the first announcement came, before there was one; it reads it again once its
        // cache expires (five minutes on the reference, a second here).
        await("A believes B and C, the registry's nodes, and finds their APIs",
                () -> a.metric("aleph4j_p2p_api_servers") == 2, a);

        HttpResponse<String> upload = a.embedded().send(HttpRequest.newBuilder(a.embedded().uri(
                "/api/v0/storage/add_file")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("only A has these bytes")).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        ItemHash file = ItemHash.of(Envelopes.JSON.readTree(upload.body()).path("hash").asText());
        Message store = alice.signed(STORE, Contents.store(alice.address(), file, null, now()), now());
        b.embedded().postJson("/api/v0/messages", Envelopes.publish(store, false));

        await("B fetched the file from A, found on ALIVE, and processed the STORE", () -> processed(b, store), b);
        assertThat(b.embedded().get("/api/v0/storage/raw/" + file.value()).body()).isEqualTo("only A has these bytes");
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String address(PipelineNode node) throws IOException {
        JsonNode info = Envelopes.JSON.readTree(node.embedded().get("/api/v0/info/public.json").body());
        return info.path("node_multi_addresses").get(0).asText();
    }

    private static boolean processed(PipelineNode node, Message message) {
        return node.state().message(message.itemHash())
                .filter(record -> record.status() == io.aleph4j.api.message.MessageStatus.PROCESSED).isPresent();
    }

    /** Waits for {@code condition}; a failure shows the P2P metrics of {@code watched}. */
    private static void await(String what, BooleanSupplier condition, PipelineNode watched)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + "; the node's P2P metrics:\n"
                        + String.join("\n", watched.embedded().get("/metrics").body().lines()
                        .filter(line -> line.startsWith("aleph4j_p2p") || line.startsWith("aleph4j_catch"))
                        .toList()));
            }
            Thread.sleep(100);
        }
    }
}
