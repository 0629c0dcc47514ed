package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.POST;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CCN API over real HTTP on loopback: messages signed with real wallets' libraries are written with
 * {@code POST /api/v0/messages} and read back through the reference's read routes, in the reference's shapes.
 */
final class HttpApiIT {

    private static final double T = 1_795_485_266.0;

    private final Wallet alice = Wallet.ethereum(31);
    private PipelineNode node;

    @BeforeEach
    void startNode() {
        node = PipelineNode.startWith("api-http");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    static Stream<Wallet> wallets() {
        return Stream.of(Wallet.ethereum(32), Wallet.solana(33), Wallet.tezos(34));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("wallets")
    void aSyncPostIsProcessedThenServedByEveryReadRoute(Wallet wallet) throws IOException {
        String me = wallet.address();
        Message post = wallet.signed(POST, Contents.post(me, "note", "{\"body\":\"over http\",\"tags\":[\"x\"]}", T), T);

        HttpResponse<String> published = http().postJson("/api/v0/messages", Envelopes.publish(post, true));

        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published).path("message_status").asText()).isEqualTo("processed");
        assertThat(json(published).path("publication_status").path("status").asText())
                .as("a node without a transport publishes nowhere, and says so").isEqualTo("warning");
        assertThat(json(published).path("publication_status").path("failed").get(0).asText()).isEqualTo("p2p");

        JsonNode single = getJson("/api/v0/messages/" + post.itemHash().value(), 200);
        assertThat(single.path("status").asText()).isEqualTo("processed");
        assertThat(single.path("message").path("item_hash").asText()).isEqualTo(post.itemHash().value());
        assertThat(single.path("message").path("sender").asText()).isEqualTo(me);
        assertThat(single.path("message").path("chain").asText()).isEqualTo(wallet.chain().code());
        assertThat(single.path("message").path("time").asDouble()).isEqualTo(T);
        assertThat(single.path("message").path("content").path("content").path("body").asText())
                .isEqualTo("over http");

        assertThat(getJson("/api/v0/messages/" + post.itemHash().value() + "/status", 200).path("status").asText())
                .isEqualTo("processed");

        JsonNode list = getJson("/api/v0/messages.json?hashes=" + post.itemHash().value(), 200);
        assertThat(list.path("pagination_total").asInt()).isEqualTo(1);
        assertThat(list.path("messages").get(0).path("content").path("content").path("tags").get(0).asText())
                .isEqualTo("x");
        assertThat(list.path("messages").get(0).path("size").asLong()).isEqualTo(post.itemContent().length());

        JsonNode posts = getJson("/api/v0/posts.json?addresses=" + me, 200);
        assertThat(posts.path("posts")).hasSize(1);
        assertThat(posts.path("posts").get(0).path("content").path("body").asText()).isEqualTo("over http");
        assertThat(posts.path("posts").get(0).path("original_item_hash").asText()).isEqualTo(post.itemHash().value());
    }

    @Test
    void theLatestAmendIsWhatThePostRoutesServe() throws IOException {
        String me = alice.address();
        Message original = alice.signed(POST, Contents.post(me, "blog", "{\"title\":\"first\"}", T), T);
        Message amend = alice.signed(POST, Contents.amend(me, original.itemHash(), "{\"title\":\"second\"}", T + 5),
                T + 5);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(original, true)).statusCode()).isEqualTo(200);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(amend, true)).statusCode()).isEqualTo(200);

        JsonNode v0 = getJson("/api/v0/posts.json?hashes=" + original.itemHash().value(), 200).path("posts").get(0);
        assertThat(v0.path("item_hash").asText()).isEqualTo(amend.itemHash().value());
        assertThat(v0.path("original_item_hash").asText()).isEqualTo(original.itemHash().value());
        assertThat(v0.path("type").asText()).isEqualTo("amend");
        assertThat(v0.path("original_type").asText()).isEqualTo("blog");
        assertThat(v0.path("content").path("title").asText()).isEqualTo("second");
        // Fields of both messages, read for the whole page at once: the amend's, then the original's.
        assertThat(v0.path("signature").asText()).isEqualTo(amend.signature());
        assertThat(v0.path("item_content").asText()).isEqualTo(amend.itemContent());
        assertThat(v0.path("original_signature").asText()).isEqualTo(original.signature());

        JsonNode v1 = getJson("/api/v1/posts.json?types=blog", 200);
        assertThat(v1.path("pagination_item").asText()).isEqualTo("posts");
        assertThat(v1.path("posts")).hasSize(1);
        assertThat(v1.path("posts").get(0).path("content").path("title").asText()).isEqualTo("second");
        assertThat(v1.path("posts").get(0).path("created").asText()).endsWith("+00:00");
    }

    @Test
    void anAggregateIsServedMergedPerKey() throws IOException {
        String me = alice.address();
        for (Message message : List.of(
                alice.signed(AGGREGATE, Contents.aggregate(me, "profile", "{\"name\":\"a\",\"age\":1}", T), T),
                alice.signed(AGGREGATE, Contents.aggregate(me, "profile", "{\"age\":2}", T + 1), T + 1),
                alice.signed(AGGREGATE, Contents.aggregate(me, "settings", "{\"dark\":true}", T + 2), T + 2))) {
            assertThat(http().postJson("/api/v0/messages", Envelopes.publish(message, true)).statusCode())
                    .isEqualTo(200);
        }

        JsonNode all = getJson("/api/v0/aggregates/" + me + ".json", 200);
        assertThat(all.path("address").asText()).isEqualTo(me);
        assertThat(all.path("data").path("profile").path("name").asText()).isEqualTo("a");
        assertThat(all.path("data").path("profile").path("age").asInt()).isEqualTo(2);
        assertThat(all.path("data").path("settings").path("dark").asBoolean()).isTrue();
        assertThat(all.path("info").isObject()).isTrue();

        JsonNode one = getJson("/api/v0/aggregates/" + me + ".json?keys=settings", 200);
        assertThat(one.path("data").has("profile")).isFalse();
        assertThat(getJson("/api/v0/aggregates/" + me + ".json?keys=settings&value_only=true", 200)
                .path("dark").asBoolean()).isTrue();
        assertThat(getJson("/api/v0/aggregates/0xNobody.json", 404).path("error").asText())
                .contains("No aggregate");
    }

    @Test
    void anAsyncPostIsAcknowledgedPendingAndProcessedAfterwards() throws Exception {
        Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);

        HttpResponse<String> published = http().postJson("/api/v0/messages", Envelopes.publish(post, false));

        assertThat(published.statusCode()).isEqualTo(202);
        assertThat(json(published).path("message_status").asText()).isEqualTo("pending");
        assertThat(statusOnceProcessed(post)).isEqualTo("processed");
    }

    @Test
    void aBadSignatureIsAnsweredRejectedWithItsReasonReadableAfterwards() throws IOException {
        Message signed = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        Message forged = Wallet.withSignature(signed, Wallet.ethereum(99).sign(signed).signature());

        HttpResponse<String> published = http().postJson("/api/v0/messages", Envelopes.publish(forged, true));

        assertThat(published.statusCode()).isEqualTo(422);
        assertThat(json(published).path("message_status").asText()).isEqualTo("rejected");
        JsonNode read = getJson("/api/v0/messages/" + forged.itemHash().value(), 200);
        assertThat(read.path("status").asText()).isEqualTo("rejected");
        assertThat(read.path("error_code").asInt()).isEqualTo(1);
    }

    @Test
    void messagesJsonFiltersPagesAndSortsWithTheReferencesParameters() throws IOException {
        String me = alice.address();
        postNotes(me, 5);
        Message aggregate = alice.signed(AGGREGATE, Contents.aggregate(me, "k", "{}", T + 10), T + 10);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(aggregate, true)).statusCode())
                .isEqualTo(200);

        JsonNode page = getJson("/api/v0/messages.json?addresses=" + me + "&msgTypes=POST&pagination=2&page=2"
                + "&sortOrder=1", 200);
        assertThat(page.path("pagination_total").asInt()).isEqualTo(5);
        assertThat(page.path("pagination_page").asInt()).isEqualTo(2);
        assertThat(page.path("pagination_per_page").asInt()).isEqualTo(2);
        assertThat(page.path("messages")).extracting(m -> m.path("time").asDouble())
                .containsExactly(T + 2, T + 3);

        JsonNode newestFirst = getJson("/api/v0/messages.json?addresses=" + me + "&pagination=1", 200);
        assertThat(newestFirst.path("messages").get(0).path("type").asText()).isEqualTo("AGGREGATE");
        assertThat(newestFirst.fieldNames().next()).as("keys sorted, as the reference writes them")
                .isEqualTo("messages");

        JsonNode headers = getJson("/api/v0/messages.json?msgTypes=AGGREGATE&contentFormat=headers", 200);
        assertThat(headers.path("messages").get(0).path("content").path("key").asText()).isEqualTo("k");
        assertThat(getJson("/api/v0/messages.json?startDate=" + (T + 3) + "&endDate=" + (T + 4), 200)
                .path("pagination_total").asInt()).isEqualTo(1);
    }

    @Test
    void cursorPagesWalkTheMessagesWithoutTotalsUntilNextCursorIsNull() throws IOException {
        String me = alice.address();
        postNotes(me, 5);

        List<Double> times = new java.util.ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = getJson("/api/v0/messages.json?addresses=" + me + "&pagination=2&sortOrder=1&cursor="
                    + cursor, 200);
            assertThat(page.has("pagination_total")).as("cursor mode counts nothing").isFalse();
            assertThat(page.path("pagination_per_page").asInt()).isEqualTo(2);
            page.path("messages").forEach(message -> times.add(message.path("time").asDouble()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(times).containsExactly(T, T + 1, T + 2, T + 3, T + 4);
        assertThat(json(http().get("/api/v0/messages.json?cursor=&pagination=0")).path("error").asText())
                .contains("pagination=0");
        assertThat(json(http().get("/api/v0/messages.json?sortBy=tx-time&cursor=" + first2Cursor(me)))
                .path("error").asText()).contains("tx-time");
        assertThat(getJson("/api/v0/messages.json?cursor=&sortBy=tx-time&pagination=2", 200).path("messages"))
                .as("an empty cursor starts a walk in any order, as on the reference").hasSize(2);
        assertThat(json(http().get("/api/v0/messages.json?cursor=bm90IGpzb24")).path("error").asText())
                .contains("Invalid cursor");

        for (String posts : List.of("/api/v0/posts.json", "/api/v1/posts.json")) {
            JsonNode first = getJson(posts + "?addresses=" + me + "&pagination=3&cursor=", 200);
            assertThat(first.path("posts")).as(posts).hasSize(3);
            JsonNode second = getJson(posts + "?addresses=" + me + "&pagination=3&cursor="
                    + first.path("next_cursor").asText(), 200);
            assertThat(second.path("posts")).as(posts).hasSize(2);
            assertThat(second.path("next_cursor").isNull()).isTrue();
        }
    }

    @Test
    void malformedRequestsGetA4xxWithAJsonErrorAndLogNothing() throws IOException {
        Message valid = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        String envelope = Envelopes.of(valid).toString();
        Message wrongHash = alice.sign(alice.unsigned(alice.address(), POST, "TEST", T,
                Contents.post(alice.address(), "note", "{\"x\":1}", T)));
        String wrongHashEnvelope = Envelopes.of(wrongHash).put("item_hash", valid.itemHash().value()).toString();

        for (String body : List.of("", "not json", "[]", "{\"sync\":true}", "{\"message\":\"text\"}",
                "{\"sync\":\"maybe\",\"message\":" + envelope + "}",
                "{\"message\":" + envelope.replace("\"sender\"", "\"sendr\"") + "}",
                "{\"message\":" + envelope.replace("\"POST\"", "\"TWEET\"") + "}",
                "{\"message\":" + wrongHashEnvelope + "}")) {
            HttpResponse<String> answer = http().postJson("/api/v0/messages", body);
            assertThat(answer.statusCode()).as(body).isEqualTo(422);
            assertThat(json(answer).path("error").asText()).as(body).isNotBlank();
        }
        for (String path : List.of("/api/v0/messages.json?pagination=abc", "/api/v0/messages.json?sortOrder=2",
                "/api/v0/messages.json?page=0", "/api/v0/messages.json?msgTypes=TWEET",
                "/api/v0/messages.json?hashes=nothex", "/api/v0/messages.json?startDate=-1",
                "/api/v0/messages.json?startDate=10&endDate=5", "/api/v0/messages.json?sort_by=random",
                "/api/v0/messages.json?msgStatuses=forgotten,processed", "/api/v0/posts.json?sortBy=random",
                "/api/v0/messages/not-a-hash", "/api/v0/messages/" + "ab".repeat(32),
                "/api/v0/aggregates/0xA.json?with_info=perhaps")) {
            HttpResponse<String> answer = http().get(path);
            assertThat(answer.statusCode()).as(path).isBetween(400, 499);
            assertThat(json(answer).path("error").asText()).as(path).isNotBlank();
        }

        // The pipeline handles the inbox in order: once this one is processed, anything logged before it would
        // be in the state too.
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(valid, true)).statusCode()).isEqualTo(200);
        assertThat(getJson("/api/v0/messages.json?msgStatuses=pending,processed,rejected", 200)
                .path("pagination_total").asInt()).isEqualTo(1);
    }

    @Test
    void theMessagesWebSocketSendsTheFilteredHistoryThenEachNewlyProcessedMessage() throws Exception {
        String me = alice.address();
        Message first = alice.signed(POST, Contents.post(me, "note", "{\"n\":1}", T), T);
        Message second = alice.signed(POST, Contents.post(me, "note", "{\"n\":2}", T + 1), T + 1);
        for (Message message : List.of(first, second)) {
            assertThat(http().postJson("/api/v0/messages", Envelopes.publish(message, true)).statusCode())
                    .isEqualTo(200);
        }
        Frames frames = new Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + http().uri("/").getPort() + "/api/ws0/messages?addresses=" + me
                        + "&history=5"), frames).join();

        assertThat(Envelopes.JSON.readTree(frames.next()).path("item_hash").asText()).isEqualTo(first.itemHash().value());
        assertThat(Envelopes.JSON.readTree(frames.next()).path("item_hash").asText())
                .isEqualTo(second.itemHash().value());

        Message someoneElses = Wallet.ethereum(35).signed(POST, Contents.post(Wallet.ethereum(35).address(), "note",
                "{}", T + 2), T + 2);
        Message third = alice.signed(POST, Contents.post(me, "note", "{\"n\":3}", T + 3), T + 3);
        for (Message message : List.of(someoneElses, third, third)) {
            assertThat(http().postJson("/api/v0/messages", Envelopes.publish(message, true)).statusCode())
                    .isEqualTo(200);
        }
        JsonNode live = Envelopes.JSON.readTree(frames.next());
        assertThat(live.path("item_hash").asText()).as("only the filtered sender's message").isEqualTo(
                third.itemHash().value());
        assertThat(live.path("content").path("content").path("n").asInt()).isEqualTo(3);
        assertThat(frames.received.poll(300, TimeUnit.MILLISECONDS)).as("a duplicate is not streamed again").isNull();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aMessagesWebSocketWithABadFilterGetsAJsonErrorAndAPolicyClose() throws Exception {
        Frames frames = new Frames();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + http().uri("/").getPort() + "/api/ws0/messages?history=500"), frames).join();

        assertThat(Envelopes.JSON.readTree(frames.next()).path("error").asText()).contains("history");
        assertThat(frames.next()).isEqualTo("closed 1008");
    }

    @Test
    void theLegacyPublishRoutesTakeTheMessageAsTextOrAsAnObject() throws Exception {
        Message asText = alice.signed(POST, Contents.post(alice.address(), "note", "{\"via\":\"ipfs\"}", T), T);
        Message asObject = alice.signed(POST, Contents.post(alice.address(), "note", "{\"via\":\"p2p\"}", T + 1),
                T + 1);
        String textBody = Envelopes.JSON.createObjectNode().put("topic", "ALEPH-TEST")
                .put("data", Envelopes.of(asText).toString()).toString();
        String objectBody = Envelopes.JSON.createObjectNode().put("topic", "ALEPH-TEST")
                .set("data", Envelopes.of(asObject)).toString();

        HttpResponse<String> text = http().postJson("/api/v0/ipfs/pubsub/pub", textBody);
        HttpResponse<String> object = http().postJson("/api/v0/p2p/pubsub/pub", objectBody);

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(json(text).path("status").asText()).as("no transport: published nowhere").isEqualTo("warning");
        assertThat(object.statusCode()).isEqualTo(200);
        for (Message message : List.of(asText, asObject)) {
            assertThat(statusOnceProcessed(message)).isEqualTo("processed");
        }
        assertThat(http().postJson("/api/v0/ipfs/pubsub/pub", textBody.replace("ALEPH-TEST", "OTHER")).statusCode())
                .isEqualTo(403);
        assertThat(http().postJson("/api/v0/ipfs/pubsub/pub", "{\"topic\":\"ALEPH-TEST\",\"data\":1}")
                .statusCode()).isEqualTo(422);
    }

    @Test
    void metricsCountTheMessagesProcessedAndCarryTheReferenceStatusLines() throws IOException {
        for (int i = 0; i < 3; i++) {
            Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{\"i\":" + i + "}", T + i), T + i);
            assertThat(http().postJson("/api/v0/messages", Envelopes.publish(post, true)).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> metrics = http().get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("aleph4j_pipeline_messages_total{status=\"processed\"} 3.0")
                .contains("aleph4j_pipeline_lag 0.0")
                .contains("aleph4j_pipeline_batch_size_count")
                .contains("aleph4j_http_requests_seconds_count{method=\"POST\",route=\"/api/v0/messages\",status=\"200\"} 3")
                .contains("pyaleph_status_sync_messages_total 3")
                .contains("pyaleph_status_sync_pending_messages_total 0");
        assertThat(getJson("/metrics.json", 200).path("pyaleph_status_sync_messages_total").asInt()).isEqualTo(3);
    }

    @Test
    void addressStatsCountEachSendersProcessedMessagesByType() throws IOException {
        Wallet bob = Wallet.ethereum(36);
        for (Message message : List.of(
                alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T),
                alice.signed(POST, Contents.post(alice.address(), "note", "{}", T + 1), T + 1),
                alice.signed(AGGREGATE, Contents.aggregate(alice.address(), "k", "{}", T + 2), T + 2),
                bob.signed(POST, Contents.post(bob.address(), "note", "{}", T + 3), T + 3))) {
            assertThat(http().postJson("/api/v0/messages", Envelopes.publish(message, true)).statusCode())
                    .isEqualTo(200);
        }

        JsonNode v0 = getJson("/api/v0/addresses/stats.json?addresses[]=" + alice.address(), 200);
        assertThat(v0.path("data")).hasSize(1);
        JsonNode counts = v0.path("data").path(alice.address());
        assertThat(counts.path("messages").asInt()).isEqualTo(3);
        assertThat(counts.path("post").asInt()).isEqualTo(2);
        assertThat(counts.path("aggregate").asInt()).isEqualTo(1);
        assertThat(counts.path("store").asInt()).isZero();

        JsonNode firstPage = getJson("/api/v1/addresses/stats.json?sortBy=post&pagination=1&cursor=", 200);
        assertThat(firstPage.path("data").fieldNames().next()).isEqualTo(alice.address());
        JsonNode secondPage = getJson("/api/v1/addresses/stats.json?sortBy=post&pagination=1&cursor="
                + firstPage.path("next_cursor").asText(), 200);
        assertThat(secondPage.path("data").fieldNames().next()).isEqualTo(bob.address());
        assertThat(secondPage.path("next_cursor").isNull()).isTrue();

        JsonNode v1 = getJson("/api/v1/addresses/stats.json?sortBy=post&pagination=1", 200);
        assertThat(v1.path("pagination_total").asInt()).isEqualTo(2);
        assertThat(v1.path("pagination_item").asText()).isEqualTo("addresses");
        assertThat(v1.path("data").fieldNames().next()).isEqualTo(alice.address());
        assertThat(getJson("/api/v1/addresses/stats.json?addressContains=" + bob.address().substring(2, 12)
                .toLowerCase(java.util.Locale.ROOT), 200).path("data").has(bob.address())).isTrue();
        assertThat(getJson("/api/v1/addresses/stats.json?sortBy=size", 422).path("error").asText())
                .contains("sortBy");
    }

    @Test
    void unknownParametersAreIgnoredAndTheFirstValueOfARepeatedOneCounts() throws Exception {
        String me = alice.address();
        postNotes(me, 3);
        Message aggregate = alice.signed(AGGREGATE, Contents.aggregate(me, "k", "{}", T + 10), T + 10);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(aggregate, true)).statusCode())
                .isEqualTo(200);

        JsonNode plain = getJson("/api/v0/messages.json?addresses=" + me, 200);
        assertThat(getJson("/api/v0/messages.json?addresses=" + me + "&foo=1&hashes[]=zz&msgtypes=TWEET", 200))
                .isEqualTo(plain);
        assertThat(getJson("/api/v0/messages.json?addresses=" + me + "&pagination=1&pagination=abc", 200)
                .path("messages")).hasSize(1);
        for (String path : List.of("/api/v0/posts.json?foo=1", "/api/v1/posts.json?foo=1&bar=",
                "/api/v0/posts/page/1.json?x=1", "/api/v0/aggregates/" + me + ".json?x=1&limit=-5",
                "/api/v0/addresses/stats.json?addresses[]=" + me + "&foo=1", "/api/v1/addresses/stats.json?foo=1",
                "/api/v0/version?debug=1", "/version?x=1", "/api/v0/info/public.json?x=1",
                "/api/v0/messages/" + aggregate.itemHash().value() + "?admin=1",
                "/api/v0/messages/" + aggregate.itemHash().value() + "/status?admin=1")) {
            assertThat(http().get(path).statusCode()).as(path).isEqualTo(200);
        }

        Frames frames = new Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + http().uri("/").getPort() + "/api/ws0/messages?addresses=" + me + "&history=1&foo=1"), frames)
                .join();
        assertThat(Envelopes.JSON.readTree(frames.next()).path("item_hash").asText())
                .isEqualTo(aggregate.itemHash().value());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void snakeCaseFieldNamesAreTakenAsWellAsTheirAliasesWhichWinWhenBothAreGiven() throws IOException {
        String me = alice.address();
        postNotes(me, 3);
        Message aggregate = alice.signed(AGGREGATE, Contents.aggregate(me, "k", "{}", T + 10), T + 10);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(aggregate, true)).statusCode())
                .isEqualTo(200);
        String mine = "/api/v0/messages.json?addresses=" + me;

        assertThat(getJson(mine + "&message_types=AGGREGATE", 200).path("pagination_total").asInt()).isEqualTo(1);
        assertThat(getJson(mine + "&message_type=AGGREGATE", 200).path("pagination_total").asInt()).isEqualTo(1);
        assertThat(getJson(mine + "&msgTypes=POST&message_types=AGGREGATE", 200).path("pagination_total").asInt())
                .as("the alias wins").isEqualTo(3);
        assertThat(getJson(mine + "&sort_order=1", 200).path("messages").get(0).path("time").asDouble())
                .isEqualTo(T);
        assertThat(getJson(mine + "&sort_by=tx-time&sort_order=1", 200).path("messages").get(0).path("time")
                .asDouble()).isEqualTo(T);
        assertThat(getJson(mine + "&start_date=" + (T + 1) + "&end_date=" + (T + 2), 200).path("pagination_total")
                .asInt()).isEqualTo(1);
        assertThat(getJson(mine + "&content_types=note", 200).path("pagination_total").asInt()).isEqualTo(3);
        assertThat(getJson(mine + "&content_keys=k", 200).path("pagination_total").asInt()).isEqualTo(1);
        assertThat(getJson(mine + "&message_statuses=pending", 200).path("pagination_total").asInt()).isZero();
        assertThat(getJson(mine + "&payment_types=superfluid", 200).path("pagination_total").asInt()).isZero();
        assertThat(getJson(mine + "&payment_types=gold", 422).path("error").asText()).contains("payment_types");
        assertThat(getJson(mine + "&content_format=none", 200).path("messages").get(0).has("content")).isFalse();
        assertThat(getJson(mine + "&exclude_content=y", 200).path("messages").get(0).has("content")).isFalse();
        assertThat(getJson(mine + "&start_block=1", 200).path("pagination_total").asInt()).isEqualTo(4);
        assertThat(getJson(mine + "&end_block=1", 200).path("pagination_total").asInt()).isZero();
        assertThat(getJson(mine + "&sort_by=size", 422).path("error").asText()).contains("sort_by");

        assertThat(getJson("/api/v0/posts.json?post_types=note", 200).path("posts")).hasSize(3);
        assertThat(getJson("/api/v1/posts.json?types=blog&post_types=note", 200).path("posts"))
                .as("the alias wins").isEmpty();
        assertThat(getJson("/api/v0/posts.json?sort_order=1", 200).path("posts").get(0).path("time").asDouble())
                .isEqualTo(T);
        assertThat(getJson("/api/v1/posts.json?start_date=" + (T + 1) + "&end_date=" + (T + 2), 200)
                .path("posts")).hasSize(1);
        assertThat(getJson("/api/v0/posts.json?sort_by=size", 422).path("error").asText()).contains("sort_by");
    }

    @Test
    void paginationZeroIsEveryResultOnOnePageButNotWithACursorWhosePagesHoldAtMost200() throws IOException {
        String me = alice.address();
        postNotes(me, 25);

        assertThat(getJson("/api/v0/messages.json", 200).path("messages")).hasSize(20);
        JsonNode all = getJson("/api/v0/messages.json?pagination=0&page=3", 200);
        assertThat(all.path("messages")).hasSize(25);
        assertThat(all.path("pagination_per_page").asInt()).isZero();
        assertThat(all.path("pagination_page").asInt()).isEqualTo(3);
        assertThat(all.path("pagination_total").asInt()).isEqualTo(25);
        assertThat(getJson("/api/v0/messages/page/2.json?pagination=0", 200).path("messages")).hasSize(25);
        for (String posts : List.of("/api/v0/posts.json", "/api/v1/posts.json")) {
            JsonNode allPosts = getJson(posts + "?pagination=0", 200);
            assertThat(allPosts.path("posts")).as(posts).hasSize(25);
            assertThat(allPosts.path("pagination_per_page").asInt()).as(posts).isZero();
        }
        assertThat(getJson("/api/v1/addresses/stats.json?pagination=0", 200).path("pagination_per_page").asInt())
                .isZero();

        for (String list : List.of("/api/v0/messages.json", "/api/v0/posts.json", "/api/v1/posts.json",
                "/api/v1/addresses/stats.json")) {
            assertThat(getJson(list + "?cursor=&pagination=0", 422).path("error").asText()).as(list)
                    .isEqualTo("pagination=0 is not allowed with cursor-based pagination");
        }
        JsonNode capped = getJson("/api/v0/messages.json?cursor=&pagination=500", 200);
        assertThat(capped.path("pagination_per_page").asInt()).isEqualTo(200);
        assertThat(capped.path("messages")).hasSize(25);
        assertThat(capped.path("next_cursor").isNull()).isTrue();
        assertThat(getJson("/api/v0/posts.json?cursor=&pagination=201", 200).path("pagination_per_page").asInt())
                .isEqualTo(200);
    }

    @Test
    void anOperatorsPageCapBoundsPaginationZeroToo() throws IOException {
        node.close();
        node = PipelineNode.startWith(builder -> builder.set("api-http", "max-page-size", 10), "api-http");
        postNotes(alice.address(), 12);

        JsonNode all = getJson("/api/v0/messages.json?pagination=0", 200);
        assertThat(all.path("messages")).hasSize(10);
        assertThat(all.path("pagination_per_page").asInt()).isEqualTo(10);
        assertThat(all.path("pagination_total").asInt()).isEqualTo(12);
        assertThat(getJson("/api/v0/posts.json?pagination=11", 422).path("error").asText()).contains("pagination");
    }

    @Test
    void blockBoundsKeepUnconfirmedMessagesUnderAStartBlockAndDropThemUnderAnEndBlock() throws Exception {
        String me = alice.address();
        postNotes(me, 3);
        String mine = "/api/v0/messages.json?addresses=" + me;

        JsonNode fromBlock = getJson(mine + "&startBlock=5", 200);
        assertThat(fromBlock.path("pagination_total").asInt()).as("unconfirmed messages are kept").isEqualTo(3);
        assertThat(fromBlock.path("messages")).extracting(m -> m.path("time").asDouble())
                .as("the tx-time order, newest first while nothing is confirmed").containsExactly(T + 2, T + 1, T);
        assertThat(getJson(mine + "&startBlock=5&sortOrder=1", 200).path("messages"))
                .extracting(m -> m.path("time").asDouble()).containsExactly(T, T + 1, T + 2);
        assertThat(getJson(mine + "&sortBy=tx-time", 200).path("messages"))
                .extracting(m -> m.path("time").asDouble()).containsExactly(T + 2, T + 1, T);
        assertThat(getJson(mine + "&sortBy=tx-time&sortOrder=1", 200).path("messages"))
                .extracting(m -> m.path("time").asDouble()).containsExactly(T, T + 1, T + 2);

        JsonNode toBlock = getJson(mine + "&endBlock=1000000", 200);
        assertThat(toBlock.path("messages")).as("an unconfirmed message is below no block").isEmpty();
        assertThat(toBlock.path("pagination_total").asInt()).isZero();
        assertThat(getJson(mine + "&startBlock=5&endBlock=5", 200).path("messages")).isEmpty();
        assertThat(getJson(mine + "&cursor=&startBlock=5", 200).path("messages")).hasSize(3);
        JsonNode cursorToBlock = getJson(mine + "&cursor=&endBlock=9", 200);
        assertThat(cursorToBlock.path("messages")).isEmpty();
        assertThat(cursorToBlock.path("next_cursor").isNull()).isTrue();

        assertThat(getJson(mine + "&startBlock=5&endBlock=4", 422).path("error").asText())
                .isEqualTo("end block cannot be lower than start block.");
        assertThat(getJson(mine + "&startBlock=-1", 422).path("error").asText()).contains("startBlock");
        assertThat(getJson(mine + "&endBlock=x", 422).path("error").asText()).contains("endBlock");
        assertThat(getJson(mine + "&msgStatuses=forgotten&startBlock=1", 400).path("error").asText())
                .contains("startBlock");
        assertThat(getJson(mine + "&msgStatuses=removed&endBlock=1", 400).path("error").asText())
                .contains("endBlock");
        assertThat(getJson(mine + "&msgStatuses=forgotten", 200).path("messages")).isEmpty();

        Frames frames = new Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + http().uri("/").getPort() + "/api/ws0/messages?addresses=" + me + "&history=5&endBlock=9"), frames)
                .join();
        assertThat(frames.received.poll(300, TimeUnit.MILLISECONDS)).as("no history below a block").isNull();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void contentFormatWinsOverExcludeContentAndNoneLeavesNoContentKey() throws IOException {
        String me = alice.address();
        Message post = alice.signed(POST, Contents.post(me, "note", "{\"body\":\"b\"}", T), T);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(post, true)).statusCode()).isEqualTo(200);
        String mine = "/api/v0/messages.json?addresses=" + me;

        JsonNode excluded = getJson(mine + "&excludeContent=true", 200).path("messages").get(0);
        assertThat(excluded.has("content")).as("absent, not null").isFalse();
        assertThat(excluded.path("item_content").asText()).isEqualTo(post.itemContent());
        assertThat(getJson(mine + "&contentFormat=full&excludeContent=true", 200).path("messages").get(0)
                .path("content").path("content").path("body").asText()).isEqualTo("b");
        assertThat(getJson(mine + "&contentFormat=none", 200).path("messages").get(0).has("content")).isFalse();
        assertThat(getJson(mine + "&contentFormat=headers&excludeContent=true", 200).path("messages").get(0)
                .path("content")).isEqualTo(Envelopes.JSON.createObjectNode().put("address", me).put("type", "note"));
        assertThat(getJson(mine + "&contentFormat=none&excludeContent=perhaps", 422).path("error").asText())
                .contains("excludeContent");

        JsonNode item = getJson(mine, 200).path("messages").get(0);
        assertThat(item.path("confirmed").isBoolean() && !item.path("confirmed").asBoolean()).isTrue();
        assertThat(item.path("confirmations").isArray() && item.path("confirmations").isEmpty()).isTrue();
        JsonNode single = getJson("/api/v0/messages/" + post.itemHash().value(), 200).path("message");
        assertThat(single.path("confirmed").isBoolean() && !single.path("confirmed").asBoolean()).isTrue();
        assertThat(single.path("confirmations").isArray() && single.path("confirmations").isEmpty()).isTrue();
        JsonNode legacyPost = getJson("/api/v0/posts.json?addresses=" + me, 200).path("posts").get(0);
        assertThat(legacyPost.path("confirmed").isBoolean() && !legacyPost.path("confirmed").asBoolean()).isTrue();
        assertThat(legacyPost.path("confirmations").isArray() && legacyPost.path("confirmations").isEmpty())
                .isTrue();
    }

    @Test
    void aStoresHeadersCarryItsFileHashAndRef() throws IOException {
        node.close();
        node = PipelineNode.startWith("api-http", "content-fs");
        String me = alice.address();
        HttpResponse<String> added = http().postJson("/api/v0/storage/add_json", "{\"avatar\":1}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        String file = json(added).path("hash").asText();
        Message store = alice.signed(STORE, Contents.store(me, ItemHash.of(file), "avatar", T), T);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(store, true)).statusCode()).isEqualTo(200);

        JsonNode headers = getJson("/api/v0/messages.json?msgTypes=STORE&contentFormat=headers", 200)
                .path("messages").get(0).path("content");

        assertThat(headers).isEqualTo(Envelopes.JSON.createObjectNode().put("address", me).put("item_hash", file)
                .put("ref", "avatar"));
    }

    /** Collects a websocket's text frames and its close. */
    @Test
    void theStatusWebSocketSendsTheNodeStatusOnConnect() throws Exception {
        Message post = alice.signed(POST, Contents.post(alice.address(), "note", "{}", T), T);
        assertThat(http().postJson("/api/v0/messages", Envelopes.publish(post, true)).statusCode()).isEqualTo(200);
        Frames frames = new Frames();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
                + http().uri("/").getPort() + "/api/ws0/status"), frames).join();

        JsonNode status = Envelopes.JSON.readTree(frames.next());
        assertThat(status.path("pyaleph_build_info").path("version").asText()).startsWith("aleph4j-");
        assertThat(status.path("pyaleph_status_sync_messages_total").asInt()).isEqualTo(1);
        assertThat(status.path("aleph4j_messages_by_type").path("post").asInt()).isEqualTo(1);
        // The reference's 33 fields, as /metrics.json serves them, then aleph4j's own figures.
        com.fasterxml.jackson.databind.node.ObjectNode reference = status.deepCopy();
        reference.remove(List.of("aleph4j_messages_by_status", "aleph4j_messages_by_type", "aleph4j_log",
                "aleph4j_recent_messages"));
        assertThat(reference).isEqualTo(getJson("/metrics.json", 200));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            received.add("closed " + statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String frame = received.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return frame;
        }
    }

    /** The message's status read over HTTP, polled for up to 5 s until it is processed. */
    private String statusOnceProcessed(Message message) throws IOException, InterruptedException {
        String status = "";
        for (int attempt = 0; attempt < 500 && !status.equals("processed"); attempt++) {
            Thread.sleep(10);
            HttpResponse<String> read = http().get("/api/v0/messages/" + message.itemHash().value() + "/status");
            status = read.statusCode() == 200 ? json(read).path("status").asText() : "";
        }
        return status;
    }

    /** The next_cursor of the first page of two of {@code owner}'s messages. */
    private String first2Cursor(String owner) throws IOException {
        return getJson("/api/v0/messages.json?addresses=" + owner + "&pagination=2&cursor=", 200).path("next_cursor")
                .asText();
    }

    /** Posts {@code count} notes of {@code owner} ({"n": i}, at T + i) and waits for each to be processed. */
    private void postNotes(String owner, int count) {
        for (int i = 0; i < count; i++) {
            Message post = alice.signed(POST, Contents.post(owner, "note", "{\"n\":" + i + "}", T + i), T + i);
            assertThat(http().postJson("/api/v0/messages", Envelopes.publish(post, true)).statusCode()).isEqualTo(200);
        }
    }

    private EmbeddedNode http() {
        return node.embedded();
    }

    private JsonNode getJson(String path, int expectedStatus) throws IOException {
        HttpResponse<String> answer = http().get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(expectedStatus);
        return json(answer);
    }

    private static JsonNode json(HttpResponse<String> answer) throws IOException {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Envelopes.JSON.readTree(answer.body());
    }
}
