package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.FORGET;
import static io.aleph4j.api.message.MessageType.POST;
import static io.aleph4j.api.message.MessageType.PROGRAM;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference's read routes that issue 14 adds, over real HTTP with messages signed by real wallets, each
 * compared with the reference's shape (field names and order, types, status codes) as its controllers write it.
 */
final class ReferenceRoutesIT {

    private static final double T = 1_795_485_266.0;

    private final Wallet alice = Wallet.ethereum(51);
    private final Wallet bob = Wallet.ethereum(52);
    private final Wallet carol = Wallet.ethereum(53);
    private PipelineNode node;

    @BeforeEach
    void startNode() {
        // Alice is the scoring address here, so that her POSTs of network metrics are kept as node metrics.
        node = PipelineNode.startWith(builder -> builder.set("node", "scoring.addresses",
                List.of(alice.address())), "api-http", "content-fs");
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void aPostsContentIsItsPayloadAndAnyOtherTypesIsItsWholeContent() throws IOException {
        Message post = publish(alice, POST, Contents.post(alice.address(), "note", "{\"body\":\"hi\",\"n\":[1]}", T));
        Message bare = publish(alice, POST, "{\"type\":\"note\",\"address\":\"" + alice.address() + "\",\"time\":"
                + (T + 1) + "}");
        Message aggregate = publish(alice, AGGREGATE, Contents.aggregate(alice.address(), "k", "{\"a\":1}", T + 2));

        assertThat(getJson("/api/v0/messages/" + post.itemHash().value() + "/content", 200))
                .isEqualTo(Envelopes.JSON.createObjectNode().put("body", "hi").set("n",
                        Envelopes.JSON.createArrayNode().add(1)));
        assertThat(getJson("/api/v0/messages/" + bare.itemHash().value() + "/content", 200).isNull())
                .as("a POST without content answers null").isTrue();
        JsonNode whole = getJson("/api/v0/messages/" + aggregate.itemHash().value() + "/content", 200);
        assertThat(whole.path("key").asText()).isEqualTo("k");
        assertThat(whole.path("content").path("a").asInt()).isEqualTo(1);
        assertThat(whole).as("the same value as message.content of the single-message route")
                .isEqualTo(getJson("/api/v0/messages/" + aggregate.itemHash().value(), 200).path("message")
                        .path("content"));
    }

    @Test
    void contentOfAMessageThatIsNotProcessedIsRefusedWithItsStatus() throws IOException {
        Message store = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of("e".repeat(64)), null, T), T);
        node.embedded().postJson("/api/v0/messages", Envelopes.publish(store, false));
        awaitStatus(store, "pending");

        assertThat(getJson("/api/v0/messages/" + store.itemHash().value() + "/content", 422).path("error").asText())
                .isEqualTo("Message " + store.itemHash().value() + " is not processed (status: "
                        + "MessageStatus.PENDING)");
        assertThat(getJson("/api/v0/messages/" + "f".repeat(64) + "/content", 404).has("error")).isTrue();
        assertThat(getJson("/api/v0/messages/not-a-hash/content", 400).path("error").asText())
                .startsWith("Invalid message hash");
    }

    @Test
    void hashesAreListedInReceptionOrderWithTheReferencesPagination() throws Exception {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // Message times run backwards: the listing follows reception, not message time.
            received.add(publish(alice, POST, Contents.post(alice.address(), "note", "{}", T - i)).itemHash()
                    .value());
            Thread.sleep(5);
        }

        JsonNode newest = getJson("/api/v0/messages/hashes?pagination=2", 200);
        assertThat(fieldNames(newest)).as("sorted keys, as the reference writes them").containsExactly("hashes",
                "pagination_item", "pagination_page", "pagination_per_page", "pagination_total");
        assertThat(newest.path("pagination_item").asText()).isEqualTo("hashes");
        assertThat(newest.path("pagination_total").asInt()).isEqualTo(5);
        assertThat(texts(newest.path("hashes"))).containsExactly(received.get(4), received.get(3));
        assertThat(texts(getJson("/api/v0/messages/hashes?sortOrder=1&pagination=0&page=7", 200).path("hashes")))
                .as("pagination=0: all of them, whatever the page").containsExactlyElementsOf(received);
        assertThat(getJson("/api/v0/messages/hashes?status=rejected", 200).path("hashes")).isEmpty();
        assertThat(getJson("/api/v0/messages/hashes?startDate=4102444800", 200).path("hashes")).isEmpty();
        assertThat(getJson("/api/v0/messages/hashes?startDate=10&endDate=5", 422).path("error").asText())
                .contains("end date cannot be lower than start date");
        assertThat(getJson("/api/v0/messages/hashes?sortOrder=asc", 422).has("error")).isTrue();

        JsonNode detailed = getJson("/api/v0/messages/hashes?hash_only=false&pagination=1", 200).path("hashes")
                .get(0);
        assertThat(fieldNames(detailed)).containsExactly("item_hash", "reception_time", "status");
        assertThat(detailed.path("reception_time").isNumber()).isTrue();
        assertThat(detailed.path("status").asText()).isEqualTo("processed");
    }

    @Test
    void everyOwnersAggregatesAreListedByPageAndByCursor() throws IOException {
        publish(alice, AGGREGATE, Contents.aggregate(alice.address(), "profile", "{\"name\":\"a\"}", T));
        publish(bob, AGGREGATE, Contents.aggregate(bob.address(), "profile", "{\"name\":\"b\"}", T + 1));
        publish(alice, AGGREGATE, Contents.aggregate(alice.address(), "settings", "{\"dark\":true}", T + 2));
        publish(alice, AGGREGATE, Contents.aggregate(alice.address(), "profile", "{\"age\":3}", T + 3));

        JsonNode page = getJson("/api/v0/aggregates.json", 200);
        assertThat(fieldNames(page)).containsExactly("aggregates", "pagination_per_page", "pagination_page",
                "pagination_total", "pagination_item");
        assertThat(page.path("pagination_total").asInt()).isEqualTo(3);
        JsonNode first = page.path("aggregates").get(0);
        assertThat(fieldNames(first)).containsExactly("address", "key", "content", "created", "last_updated");
        assertThat(first.path("address").asText()).as("the last modified first").isEqualTo(alice.address());
        assertThat(first.path("key").asText()).isEqualTo("profile");
        assertThat(first.path("content").path("name").asText()).isEqualTo("a");
        assertThat(first.path("content").path("age").asInt()).isEqualTo(3);
        assertThat(first.path("created").asText()).as("Python's isoformat(): no fraction for whole seconds")
                .isEqualTo("2026-11-24T01:54:26+00:00");

        assertThat(keysAndOwners(getJson("/api/v0/aggregates?sortBy=creation_time&sortOrder=1", 200)))
                .containsExactly("profile@" + alice.address(), "profile@" + bob.address(),
                        "settings@" + alice.address());
        assertThat(keysAndOwners(getJson("/api/v0/aggregates?keys=profile&addresses=" + bob.address(), 200)))
                .containsExactly("profile@" + bob.address());

        List<String> byCursor = new ArrayList<>();
        JsonNode cursorPage = getJson("/api/v0/aggregates?pagination=2&cursor=", 200);
        assertThat(fieldNames(cursorPage)).containsExactly("aggregates", "pagination_per_page", "next_cursor");
        byCursor.addAll(keysAndOwners(cursorPage));
        cursorPage = getJson("/api/v0/aggregates?pagination=2&cursor=" + cursorPage.path("next_cursor").asText(),
                200);
        byCursor.addAll(keysAndOwners(cursorPage));
        assertThat(cursorPage.path("next_cursor").isNull()).isTrue();
        assertThat(byCursor).containsExactlyElementsOf(keysAndOwners(page));

        assertThat(getJson("/api/v0/aggregates?pagination=0", 422).has("error")).isTrue();
        assertThat(getJson("/api/v0/aggregates?pagination=501", 422).has("error")).isTrue();
        assertThat(getJson("/api/v0/aggregates?sortBy=size", 422).path("error").asText())
                .contains("creation_time");
        assertThat(getJson("/api/v0/aggregates?cursor=%25%25", 422).path("error").asText())
                .startsWith("Invalid cursor");
    }

    @Test
    void authorizationsAreListedByGranteeAndByGranterWithTheirFilters() throws IOException {
        publish(alice, AGGREGATE, Contents.security(alice.address(), "[{\"address\":\"" + bob.address()
                + "\",\"types\":[\"POST\"],\"channels\":[\"blog\"]},{\"address\":\"" + carol.address()
                + "\"},{\"address\":\"" + bob.address() + "\",\"types\":[\"STORE\"],\"note\":\"kept\"},"
                + "\"not an object\"]", T));
        publish(carol, AGGREGATE, Contents.security(carol.address(), "[{\"address\":\"" + bob.address()
                + "\",\"chain\":\"ETH\"}]", T + 1));

        JsonNode granted = getJson("/api/v0/authorizations/granted/" + alice.address() + ".json", 200);
        assertThat(fieldNames(granted)).containsExactly("authorizations", "pagination_page", "pagination_per_page",
                "pagination_total", "pagination_item", "address");
        assertThat(fieldNames(granted.path("authorizations"))).containsExactly(bob.address(), carol.address());
        assertThat(granted.path("authorizations").path(bob.address())).hasSize(2);
        assertThat(granted.path("authorizations").path(bob.address()).get(0).has("address"))
                .as("entries are shown without their address").isFalse();
        assertThat(granted.path("authorizations").path(bob.address()).get(1).path("note").asText())
                .isEqualTo("kept");
        assertThat(granted.path("pagination_total").asInt()).isEqualTo(2);

        JsonNode onlyStores = getJson("/api/v0/authorizations/granted/" + alice.address() + ".json?types=STORE",
                200).path("authorizations");
        assertThat(onlyStores.path(bob.address())).hasSize(1);
        assertThat(onlyStores.path(carol.address())).as("an entry without types allows every type").hasSize(1);
        assertThat(fieldNames(getJson("/api/v0/authorizations/granted/" + alice.address() + ".json?grantee="
                + carol.address(), 200).path("authorizations"))).containsExactly(carol.address());
        assertThat(getJson("/api/v0/authorizations/granted/" + alice.address() + ".json?grantee=", 200)
                .path("pagination_total").asInt()).as("an empty grantee filters nothing, as on the reference")
                .isEqualTo(2);
        JsonNode secondPage = getJson("/api/v0/authorizations/granted/" + alice.address()
                + ".json?pagination=1&page=2", 200);
        assertThat(fieldNames(secondPage.path("authorizations"))).containsExactly(carol.address());

        JsonNode received = getJson("/api/v0/authorizations/received/" + bob.address() + ".json", 200);
        List<String> granters = new ArrayList<>(List.of(alice.address(), carol.address()));
        granters.sort(null);
        assertThat(fieldNames(received.path("authorizations"))).containsExactlyElementsOf(granters);
        assertThat(received.path("address").asText()).isEqualTo(bob.address());
        assertThat(fieldNames(getJson("/api/v0/authorizations/received/" + bob.address() + ".json?chains=SOL",
                200).path("authorizations"))).as("alice's entries name no chain; carol's names ETH")
                .containsExactly(alice.address());

        JsonNode nobody = getJson("/api/v0/authorizations/granted/0xNobody.json", 200);
        assertThat(nobody.path("authorizations").isEmpty()).isTrue();
        assertThat(nobody.path("pagination_total").asInt()).isZero();
        assertThat(getJson("/api/v0/authorizations/granted/" + alice.address() + ".json?pagination=0", 422)
                .has("error")).isTrue();
    }

    @Test
    void channelsPostTypesAndFilesAreListedPerAddress() throws Exception {
        publish(alice, POST, Contents.post(alice.address(), "note", "{}", T), "blog");
        publish(alice, POST, Contents.post(alice.address(), "chat", "{}", T + 1), "ALPHA");
        publish(bob, POST, Contents.post(bob.address(), "zebra", "{}", T + 2), "zoo");
        String first = upload("first file");
        String second = upload("second file, a little longer");
        Message firstStore = publishStore(alice, first, T + 3);
        Message secondStore = publishStore(alice, second, T + 4);

        assertThat(texts(getJson("/api/v0/channels/list.json", 200).path("channels")))
                .as("code-point order").containsExactly("ALPHA", "TEST", "blog", "zoo");
        JsonNode postTypes = getJson("/api/v0/addresses/" + alice.address() + "/post_types", 200);
        assertThat(fieldNames(postTypes)).containsExactly("address", "post_types");
        assertThat(texts(postTypes.path("post_types"))).containsExactly("chat", "note");
        assertThat(texts(getJson("/api/v0/addresses/" + alice.address() + "/channels", 200).path("channels")))
                .containsExactly("ALPHA", "TEST", "blog");
        assertThat(getJson("/api/v0/addresses/0xNobody/channels", 200).path("channels")).isEmpty();

        JsonNode files = getJson("/api/v0/addresses/" + alice.address() + "/files", 200);
        assertThat(fieldNames(files)).containsExactly("address", "total_size", "files", "pagination_page",
                "pagination_total", "pagination_per_page");
        assertThat(files.path("total_size").asLong()).isEqualTo("first file".length()
                + "second file, a little longer".length());
        assertThat(files.path("pagination_total").asInt()).isEqualTo(2);
        assertThat(files.path("pagination_per_page").asInt()).isEqualTo(100);
        JsonNode newest = files.path("files").get(0);
        assertThat(fieldNames(newest)).containsExactly("file_hash", "size", "type", "created", "item_hash");
        assertThat(newest.path("file_hash").asText()).isEqualTo(second);
        assertThat(newest.path("item_hash").asText()).isEqualTo(secondStore.itemHash().value());
        assertThat(newest.path("type").asText()).isEqualTo("file");
        assertThat(newest.path("created").asText()).as("pydantic's datetime").matches(".*T.*Z");

        JsonNode oldestByCursor = getJson("/api/v0/addresses/" + alice.address()
                + "/files?sort_order=1&pagination=1&cursor=", 200);
        assertThat(fieldNames(oldestByCursor)).containsExactly("address", "files", "next_cursor",
                "pagination_per_page", "total_size");
        assertThat(oldestByCursor.path("files").get(0).path("item_hash").asText())
                .isEqualTo(firstStore.itemHash().value());
        assertThat(oldestByCursor.path("files").get(0).path("created").isNumber()).isTrue();
        assertThat(getJson("/api/v0/addresses/" + alice.address() + "/files?sort_order=1&pagination=1&cursor="
                + oldestByCursor.path("next_cursor").asText(), 200).path("files").get(0).path("file_hash").asText())
                .isEqualTo(second);

        assertThat(getJson("/api/v0/addresses/" + alice.address() + "/files?file_hash=" + first, 200)
                .path("files")).hasSize(1);
        assertThat(getJson("/api/v0/addresses/" + alice.address() + "/files?page=2", 404).has("error")).isTrue();
        assertThat(getJson("/api/v0/addresses/" + bob.address() + "/files", 404).has("error")).isTrue();
    }

    @Test
    void scoringPostsFeedTheNodeMetricsRoutesAndLeaveWithTheirPost() throws IOException {
        double now = System.currentTimeMillis() / 1000.0;
        String metrics = "{\"metrics\":{\"ccn\":[{\"node_id\":\"ccn-1\",\"measured_at\":" + (now - 60)
                + ",\"base_latency\":0.25,\"pending_messages\":3,\"url\":\"dropped\"},{\"node_id\":\"ccn-1\","
                + "\"measured_at\":" + (now - 30) + ",\"base_latency\":0.5}],\"crn\":[{\"node_id\":\"crn-1\","
                + "\"measured_at\":" + (now - 10) + ",\"full_check_latency\":1.5}]}}";
        Message scoring = publish(alice, POST, Contents.post(alice.address(), "aleph-network-metrics", metrics, now),
                "aleph-scoring");

        JsonNode core = getJson("/api/v0/core/ccn-1/metrics", 200).path("metrics");
        assertThat(fieldNames(core)).containsExactly("item_hash", "measured_at", "base_latency", "base_latency_ipv4",
                "metrics_latency", "aggregate_latency", "file_download_latency", "pending_messages",
                "eth_height_remaining");
        assertThat(texts(core.path("item_hash"))).containsExactly(scoring.itemHash().value(),
                scoring.itemHash().value());
        assertThat(core.path("base_latency").get(0).asDouble()).isEqualTo(0.25);
        assertThat(core.path("pending_messages").get(0).isIntegralNumber()).isTrue();
        assertThat(core.path("pending_messages").get(1).isNull()).isTrue();
        assertThat(core.path("base_latency").get(1).asDouble()).as("oldest first").isEqualTo(0.5);
        assertThat(getJson("/api/v0/core/ccn-1/metrics?sort=DESC", 200).path("metrics").path("base_latency").get(0)
                .asDouble()).isEqualTo(0.5);
        JsonNode compute = getJson("/api/v0/compute/crn-1/metrics", 200).path("metrics");
        assertThat(fieldNames(compute)).containsExactly("item_hash", "measured_at", "base_latency",
                "base_latency_ipv4", "full_check_latency", "diagnostic_vm_latency");
        assertThat(getJson("/api/v0/core/ccn-1/metrics?start_date=" + (now - 40), 200).path("metrics")
                .path("item_hash")).hasSize(1);
        getJson("/api/v0/core/crn-1/metrics", 404);
        getJson("/api/v0/core/ccn-1/metrics?end_date=" + (now - 86400 * 30), 404);
        assertThat(getJson("/api/v0/core/ccn-1/metrics?sort=sideways", 422).has("error")).isTrue();

        publish(alice, FORGET, Contents.forget(alice.address(), now + 1, scoring.itemHash()));
        getJson("/api/v0/core/ccn-1/metrics", 404);
    }

    @Test
    void aFileAProcessedProgramMountsCannotBeForgottenUntilTheProgramIs() throws Exception {
        String code = upload("def main(): pass");
        Message store = publishStore(alice, code, T);
        Message program = publish(alice, PROGRAM, "{\"address\":\"" + alice.address() + "\",\"time\":" + (T + 1)
                + ",\"type\":\"vm-function\",\"allow_amend\":false,\"code\":{\"encoding\":\"plain\",\"entrypoint\":"
                + "\"main:app\",\"ref\":\"" + store.itemHash().value() + "\",\"use_latest\":false},\"on\":{\"http\":"
                + "true},\"runtime\":{\"ref\":\"" + "a".repeat(64) + "\",\"use_latest\":true,\"comment\":\"\"},"
                + "\"environment\":{},\"resources\":{\"vcpus\":1,\"memory\":128,\"seconds\":30},\"volumes\":[]}");

        Message refused = alice.signed(FORGET, Contents.forget(alice.address(), T + 2, store.itemHash()), T + 2);
        JsonNode answer = Envelopes.JSON.readTree(node.embedded().postJson("/api/v0/messages",
                Envelopes.publish(refused, true)).body());
        assertThat(answer.path("message_status").asText()).isEqualTo("rejected");
        JsonNode status = getJson("/api/v0/messages/" + refused.itemHash().value(), 200);
        assertThat(status.path("error_code").asInt()).isEqualTo(503);
        assertThat(status.path("details").path("errors").get(0).asText()).isEqualTo("File "
                + store.itemHash().value() + " used on vm " + program.itemHash().value());
        assertThat(getJson("/api/v0/messages/" + store.itemHash().value(), 200).path("status").asText())
                .isEqualTo("processed");

        publish(alice, FORGET, Contents.forget(alice.address(), T + 3, program.itemHash()));
        publish(alice, FORGET, Contents.forget(alice.address(), T + 4, store.itemHash()));
        assertThat(getJson("/api/v0/messages/" + store.itemHash().value(), 200).path("status").asText())
                .isEqualTo("forgotten");
    }

    /** Uploads {@code text}'s bytes without a message and answers their hash. */
    @Test
    void programsTriggeredByMessagesAreListedWithTheirSubscriptionsNewestFirst() throws Exception {
        String code = upload("def main(): pass");
        Message store = publishStore(alice, code, T);
        Message onPings = publish(alice, PROGRAM, program(store, T + 1,
                "[{\"channel\":\"PINGS\",\"content\":{\"type\":\"ping\"}}]"));
        publish(alice, PROGRAM, program(store, T + 2, null));
        Message onAlice = publish(alice, PROGRAM, program(store, T + 3, "[{\"sender\":\"" + alice.address()
                + "\"}]"));

        JsonNode newestFirst = getJson("/api/v0/programs/on/message", 200);
        assertThat(newestFirst).extracting(item -> item.path("item_hash").asText())
                .containsExactly(onAlice.itemHash().value(), onPings.itemHash().value());
        assertThat(newestFirst.get(1).path("content")).isEqualTo(Envelopes.JSON.readTree(
                "{\"on\":{\"message\":[{\"channel\":\"PINGS\",\"content\":{\"type\":\"ping\"}}]}}"));
        assertThat(getJson("/api/v0/programs/on/message?sort_order=1", 200))
                .extracting(item -> item.path("item_hash").asText())
                .containsExactly(onPings.itemHash().value(), onAlice.itemHash().value());
        assertThat(getJson("/api/v0/programs/on/message?page=2", 400).path("error").asText())
                .contains("page");
        assertThat(getJson("/api/v0/programs/on/message?sort_order=0", 400).path("error").asText())
                .contains("sort_order");
    }

    @Test
    void aProgramThatBreaksItsSchemaIsRefusedAtTheDoorNamingTheField() throws Exception {
        String code = upload("def main(): pass");
        Message store = publishStore(alice, code, T);
        String broken = program(store, T + 1, null).replace("\"memory\":128", "\"memory\":0");
        Message program = alice.sign(alice.unsigned(alice.address(), PROGRAM, "TEST", T + 1, broken));

        HttpResponse<String> answer = node.embedded().postJson("/api/v0/messages", Envelopes.publish(program, true));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("resources.memory");
        assertThat(http().get("/api/v0/messages/" + program.itemHash().value()).statusCode()).isEqualTo(404);
    }

    /** A PROGRAM as the official SDK builds it, running the file of {@code store}; triggered by messages or not. */
    private String program(Message store, double time, String subscriptions) {
        return "{\"address\":\"" + alice.address() + "\",\"time\":" + time + ",\"type\":\"vm-function\","
                + "\"allow_amend\":false,\"on\":{\"http\":true,\"persistent\":false"
                + (subscriptions == null ? "" : ",\"message\":" + subscriptions) + "},"
                + "\"environment\":{\"reproducible\":false,\"internet\":true,\"aleph_api\":true,"
                + "\"shared_cache\":false},\"resources\":{\"vcpus\":1,\"memory\":128,\"seconds\":30},"
                + "\"runtime\":{\"ref\":\"63f07193e6ee9d207b7d1fcf8286f9aee34e6f12f101d2ec77c1229f92964696\","
                + "\"use_latest\":true,\"comment\":\"Aleph Alpine Linux with Python 3.12\"},\"volumes\":[],"
                + "\"variables\":{},\"payment\":{\"chain\":\"ETH\",\"type\":\"hold\"},\"code\":{\"encoding\":"
                + "\"zip\",\"entrypoint\":\"main:app\",\"ref\":\"" + store.itemHash().value()
                + "\",\"use_latest\":true}}";
    }

    private String upload(String text) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        http().uri("/api/v0/storage/add_file")).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Envelopes.JSON.readTree(answer.body()).path("hash").asText();
    }

    private Message publishStore(Wallet wallet, String file, double time) throws IOException {
        return publish(wallet, STORE, Contents.store(wallet.address(), ItemHash.of(file), null, time));
    }

    private Message publish(Wallet wallet, io.aleph4j.api.message.MessageType type, String content)
            throws IOException {
        return publish(wallet, type, content, "TEST");
    }

    /** Signs and publishes a message synchronously; it must be processed. */
    private Message publish(Wallet wallet, io.aleph4j.api.message.MessageType type, String content, String channel)
            throws IOException {
        double time = Envelopes.JSON.readTree(content).path("time").asDouble();
        Message message = wallet.sign(wallet.unsigned(wallet.address(), type, channel, time, content));
        HttpResponse<String> answer = node.embedded().postJson("/api/v0/messages", Envelopes.publish(message, true));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(Envelopes.JSON.readTree(answer.body()).path("message_status").asText()).as(answer.body())
                .isEqualTo("processed");
        return message;
    }

    /** Waits (up to 10 s) until the node reports {@code status} for {@code message}: publishing is asynchronous. */
    private void awaitStatus(Message message, String status) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String path = "/api/v0/messages/" + message.itemHash().value() + "/status";
        while (true) {
            HttpResponse<String> answer = http().get(path);
            if (answer.statusCode() == 200 && status.equals(Envelopes.JSON.readTree(answer.body()).path("status")
                    .asText())) {
                return;
            }
            assertThat(System.nanoTime()).as(path + " never answered " + status + ": " + answer.body())
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private EmbeddedNode http() {
        return node.embedded();
    }

    private JsonNode getJson(String path, int expectedStatus) throws IOException {
        HttpResponse<String> answer = http().get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(expectedStatus);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return Envelopes.JSON.readTree(answer.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            texts.add(it.next().asText());
        }
        return texts;
    }

    private static List<String> keysAndOwners(JsonNode page) {
        List<String> items = new ArrayList<>();
        page.path("aggregates").forEach(item -> items.add(item.path("key").asText() + "@"
                + item.path("address").asText()));
        return items;
    }
}
