package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up between nodes over their HTTP APIs, with no gossip at all: a node pulls what its peer listed while it was
 * down, a few small pages a round, resumes from its saved position after a restart, and takes nothing on trust.
 */
final class CatchUpIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(60);
    private final Wallet alice = Wallet.ethereum(71);
    private final List<AutoCloseable> running = new ArrayList<>();
    private double clock = System.currentTimeMillis() / 1000.0;

    @TempDir
    Path dataOfC;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    private PipelineNode startA() {
        PipelineNode node = PipelineNode.startWith(builder -> builder.set("node", "name", "a"), "api-http");
        running.add(node);
        return node;
    }

    /** C catches up from {@code peers}: three messages a request, one request a round, a round every 200 ms. */
    private PipelineNode startC(List<String> peers, Duration overlap) {
        PipelineNode node = PipelineNode.startWith(builder -> builder.dataDirectory(dataOfC)
                .set("node", "name", "c")
                .set("node", "p2p.catch-up-peers", peers)
                .set("node", "p2p.catch-up-every", "PT0.2S")
                .set("node", "p2p.catch-up-page-size", 3)
                .set("node", "p2p.catch-up-pages-per-round", 1)
                .set("node", "p2p.catch-up-overlap", overlap.toString()), "api-http");
        running.add(node);
        return node;
    }

    @Test
    void aNodeCatchesUpWhatItsPeerListedWhileItWasDownAndResumesFromWhereItStoppedAfterARestart() throws Exception {
        PipelineNode a = startA();
        String aUrl = a.embedded().uri("/").toString();
        PipelineNode c = startC(List.of(aUrl), Duration.ZERO);
        List<Message> first = postTo(a, 4);

        awaitProcessed(c, first);
        assertThat(c.metric("aleph4j_catch_up_logged_total")).isEqualTo(4);

        c.close();
        assertThat(Envelopes.JSON.readTree(dataOfC.resolve("network").resolve("catch-up.json").toFile())
                .path(aUrl.substring(0, aUrl.length() - 1)).path("high_water").asDouble())
                .as("C saved how far it read A").isEqualTo(first.getLast().time());
        running.remove(c);
        List<Message> whileDown = postTo(a, 5);
        PipelineNode restarted = startC(List.of(aUrl), Duration.ZERO);

        awaitProcessed(restarted, whileDown);
        assertThat(restarted.metric("aleph4j_catch_up_logged_total")).as("only what C did not have is logged")
                .isEqualTo(5);
    }

    @Test
    void aForgedMessageListedByAPeerIsRejectedByThePipelineAndAnUnreadablePeerHarmsNothing() throws Exception {
        Message genuine = signed("genuine");
        Message real = signed("to be forged");
        Message forged = Wallet.withSignature(real, Wallet.ethereum(72).sign(real).signature());
        // Hand-written peers, because no real node lists a forged message or answers garbage: one lists a genuine
        // and a forged message, the other answers what is not JSON.
        HttpServer lying = peer(messagesPage(genuine, forged));
        HttpServer garbled = peer("{\"messages\": [ not json");
        PipelineNode c = startC(List.of(url(garbled), url(lying)), Duration.ofMinutes(1));

        awaitProcessed(c, List.of(genuine));
        await("the forged message logged", () -> c.state().message(forged.itemHash()).isPresent());
        assertThat(c.awaitStatus(forged.itemHash(), MessageStatus.REJECTED)).isEqualTo(MessageStatus.REJECTED);
        await("the unreadable peer counted as failing", () -> c.metric("aleph4j_catch_up_peer_failures_total") > 0);
        assertThat(c.embedded().get("/api/v0/messages/" + genuine.itemHash().value()).statusCode()).isEqualTo(200);
    }

    private List<Message> postTo(PipelineNode node, int count) {
        List<Message> posted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = signed("message " + i);
            HttpResponse<String> answer = node.embedded().postJson("/api/v0/messages", Envelopes.publish(message,
                    true));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            posted.add(message);
        }
        return posted;
    }

    /** A POST one millisecond after the previous one: distinct times, as the catch-up's paging by time expects. */
    private Message signed(String body) {
        clock += 0.001;
        return alice.signed(POST, Contents.post(alice.address(), "note", "{\"body\":\"" + body + "\"}", clock), clock);
    }

    private static String messagesPage(Message... messages) {
        ObjectNode page = Envelopes.JSON.createObjectNode();
        ArrayNode listed = page.putArray("messages");
        for (Message message : messages) {
            listed.add(Envelopes.of(message));
        }
        page.put("pagination_page", 1).put("pagination_total", messages.length).put("pagination_per_page", 3)
                .put("pagination_item", "messages");
        return page.toString();
    }

    /** A peer answering {@code firstPage} to the first page of a catch-up query, and no messages after it. */
    private HttpServer peer(String firstPage) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v0/messages.json", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            boolean first = !query.contains("startDate=") && query.contains("page=1");
            byte[] body = (first ? firstPage : "{\"messages\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        running.add(() -> server.stop(0));
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void awaitProcessed(PipelineNode node, List<Message> messages) throws InterruptedException {
        for (Message message : messages) {
            await(message.itemHash().value() + " processed", () -> node.state().message(message.itemHash())
                    .filter(record -> record.status() == MessageStatus.PROCESSED).isPresent());
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + CONVERGENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", CONVERGENCE, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
