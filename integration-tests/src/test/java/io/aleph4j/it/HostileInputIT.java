package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.POST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.Message;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Well over a hundred malformed and abusive requests: each gets a 4xx with a JSON body naming the problem
 * (or, for a message that parses but does not verify, the rejected answer), none a 5xx, and the node's state
 * is what it was before them. A query parameter a route does not know is no attack: it is ignored, as on the
 * reference.
 */
final class HostileInputIT {

    private static final double T = 1_795_485_266.0;
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private static final Wallet ALICE = Wallet.ethereum(41);
    private static PipelineNode node;
    private static Message stored;

    @BeforeAll
    static void startNodeWithSomeState() {
        node = PipelineNode.startWith(builder -> builder.set("node", "http.max-request-bytes", MAX_REQUEST_BYTES),
                "api-http");
        stored = ALICE.signed(POST, Contents.post(ALICE.address(), "note", "{\"body\":\"kept\"}", T), T);
        Message aggregate = ALICE.signed(AGGREGATE, Contents.aggregate(ALICE.address(), "profile", "{\"a\":1}", T), T);
        for (Message message : List.of(stored, aggregate)) {
            assertThat(node.embedded().postJson("/api/v0/messages", Envelopes.publish(message, true)).statusCode())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    /** One hostile request. */
    private record Attack(String what, String method, String path, String body) {

        static Attack get(String path) {
            return new Attack("GET " + path, "GET", path, null);
        }

        static Attack publish(String what, String body) {
            return new Attack(what, "POST", "/api/v0/messages", body);
        }
    }

    @Test
    void everyMalformedOrAbusiveRequestGetsA4xxWithAJsonErrorAndTheStateStaysAsItWas() throws Exception {
        String before = stateDigest();
        List<Attack> attacks = attacks();
        assertThat(attacks).extracting(Attack::what).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(100);

        List<String> failures = new ArrayList<>();
        for (Attack attack : attacks) {
            HttpResponse<String> answer = send(attack);
            String problem = problemWith(answer);
            if (problem != null) {
                failures.add(attack.what() + " -> " + answer.statusCode() + " " + shorten(answer.body()) + ": "
                        + problem);
            }
        }

        assertThat(failures).as("requests not refused with a 4xx and a JSON error").isEmpty();
        assertThat(node.embedded().get("/api/v0/version").statusCode()).as("the node still answers").isEqualTo(200);
        assertThat(stateDigest()).as("processed messages, posts and aggregates").isEqualTo(before);
    }

    private static String problemWith(HttpResponse<String> answer) {
        if (answer.statusCode() < 400 || answer.statusCode() > 499) {
            return "status is not 4xx";
        }
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON";
        }
        JsonNode body;
        try {
            body = Envelopes.JSON.readTree(answer.body());
        } catch (IOException e) {
            return "body does not parse";
        }
        boolean namesAnError = !body.path("error").asText().isBlank();
        boolean rejected = body.path("message_status").asText().equals("rejected");
        return namesAnError || rejected ? null : "no error in the body";
    }

    private List<Attack> attacks() {
        List<Attack> attacks = new ArrayList<>();
        ObjectNode valid = Envelopes.of(ALICE.signed(POST, Contents.post(ALICE.address(), "note", "{\"n\":1}", T + 1),
                T + 1));

        // Bodies that are not the request.
        for (String body : List.of("", " ", "{", "}", "[", "nul", "\"text\"", "42", "[]", "[{}]", "{}",
                "{\"sync\":true}", "{\"message\":null}", "{\"message\":\"text\"}", "{\"message\":[]}",
                "{\"message\":42}", "{\"message\":{}}", "{\"message\":" + valid + ",", "{'message':1}",
                "\u0000\u0001", "[".repeat(5_000) + "]".repeat(5_000), "{\"sync\":\"maybe\",\"message\":" + valid + "}",
                "{\"sync\":2,\"message\":" + valid + "}", "{\"sync\":[],\"message\":" + valid + "}")) {
            attacks.add(Attack.publish("body " + shorten(body), body));
        }
        // Each envelope field with a wrong type or value.
        Object[][] wrongFields = {
                {"chain", 1}, {"chain", null}, {"chain", ""}, {"chain", "eth chain"},
                {"sender", 1}, {"sender", null}, {"sender", ""}, {"sender", List.of()},
                {"type", 1}, {"type", "post"}, {"type", "TWEET"}, {"type", null},
                {"channel", 1}, {"channel", List.of("a")}, {"channel", "c".repeat(300)},
                {"time", "now"}, {"time", -1}, {"time", null}, {"time", List.of(1)}, {"time", "1e400"},
                {"item_type", "blob"}, {"item_type", 1}, {"item_type", "storage"},
                {"item_content", 1}, {"item_content", List.of()}, {"item_content", "not json"},
                {"item_content", "{\"address\":\"x\"}"},
                {"item_hash", "zz"}, {"item_hash", 1}, {"item_hash", "ab".repeat(31)}, {"item_hash", "AB".repeat(32)},
                {"item_hash", null}, {"item_hash", "0".repeat(64)},
                {"signature", 1}, {"signature", null}, {"signature", List.of()},
        };
        for (Object[] wrong : wrongFields) {
            ObjectNode envelope = valid.deepCopy();
            envelope.set((String) wrong[0], Envelopes.JSON.valueToTree(wrong[1]));
            attacks.add(Attack.publish("field " + wrong[0] + "=" + shorten(String.valueOf(wrong[1])),
                    "{\"sync\":true,\"message\":" + envelope + "}"));
        }
        for (String field : List.of("chain", "sender", "type", "item_hash", "signature", "time")) {
            ObjectNode envelope = valid.deepCopy();
            envelope.remove(field);
            attacks.add(Attack.publish("missing " + field, "{\"sync\":true,\"message\":" + envelope + "}"));
        }
        // Huge content and bodies.
        String bigContent = Contents.post(ALICE.address(), "note", "{\"pad\":\"" + "x".repeat(200_001) + "\"}", T);
        Message big = ALICE.signed(POST, bigContent, T);
        attacks.add(Attack.publish("inline content over 200,000 characters", Envelopes.publish(big, true)));
        attacks.add(Attack.publish("body over the request limit",
                "{\"message\":\"" + "x".repeat(MAX_REQUEST_BYTES + 10) + "\"}"));
        attacks.add(new Attack("posts.json with a body over the limit", "POST", "/api/v0/messages.json",
                "x".repeat(MAX_REQUEST_BYTES + 10)));
        // Signatures that do not verify: accepted for processing, answered rejected.
        Message signed = ALICE.signed(POST, Contents.post(ALICE.address(), "note", "{\"forged\":1}", T + 2), T + 2);
        for (String signature : List.of(Wallet.ethereum(99).sign(signed).signature(), "0x",
                signed.signature().substring(0, 40), "0x" + "00".repeat(65), "not a signature",
                signed.signature().replace('a', 'b'))) {
            attacks.add(Attack.publish("signature " + shorten(signature),
                    Envelopes.publish(Wallet.withSignature(signed, signature), true)));
        }
        Message otherSender = Wallet.withSignature(ALICE.sign(ALICE.unsigned(Wallet.ethereum(98).address(), POST,
                "TEST", T + 3, Contents.post(ALICE.address(), "note", "{}", T + 3))), signed.signature());
        attacks.add(Attack.publish("a signature of another message", Envelopes.publish(otherSender, true)));
        // Bad hashes in paths.
        for (String hash : List.of("zz", "ab".repeat(31) + "a", "ab".repeat(33), "AB".repeat(32), "Qm123",
                "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%00", "x".repeat(2_000), "'%20OR%20'1'='1", "%3Cscript%3E")) {
            attacks.add(Attack.get("/api/v0/messages/" + hash));
            attacks.add(Attack.get("/api/v0/messages/" + hash + "/status"));
        }
        attacks.add(Attack.get("/api/v0/messages/" + "cd".repeat(32)));
        // Unknown routes and methods (a trailing slash is ignored: "/api/v0/aggregates/" is the aggregates list).
        for (String path : List.of("/api/v0/nothing", "/api/v2/messages.json", "/api/v0/messages.jsonx",
                "/api/v0/aggregates/.json", "/api/v0/posts.json/extra", "/api/v0/messages/page/x.json",
                "/api/v0/messages/page/0.json", "/api/v0/posts/page/-1.json", "/.env", "/api/v0/../../etc/passwd")) {
            attacks.add(Attack.get(path));
        }
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            attacks.add(new Attack(method + " messages", method, "/api/v0/messages", "{}"));
        }
        attacks.add(new Attack("POST messages.json", "POST", "/api/v0/messages.json", "{}"));
        // Wrong values of known parameters (unknown parameters are ignored, as on the reference), by alias or by
        // field name.
        for (String query : List.of("pagination=-1", "pagination=99999999999", "pagination=abc",
                "pagination=1.5", "page=0", "page=abc", "sortOrder=0", "sortOrder=asc", "sortBy=size",
                "sort_by=size", "sort_order=2", "message_types=TWEET", "content_format=xml", "exclude_content=maybe",
                "start_date=-1", "start_block=-1", "startBlock=abc", "endBlock=1.5", "startBlock=5&endBlock=4",
                "msgStatuses=forgotten&startBlock=1", "msgStatuses=removed&end_block=2",
                "msgStatuses=forgotten&cursor=",
                "cursor=&pagination=0", "cursor=eyJ9&sortBy=tx-time",
                "msgTypes=post", "msgTypes=POST,TWEET", "msgType=", "msgStatuses=unknown",
                "msgStatuses=forgotten,processed", "chains=eth%20chain", "startDate=abc", "startDate=-5",
                "endDate=NaN", "startDate=Infinity", "startDate=10&endDate=5", "contentFormat=xml",
                "excludeContent=perhaps", "hashes=nothex", "hashes=" + "ab".repeat(31), "cursor=abc",
                "contentHashes=" + "ab".repeat(31), "paymentTypes=gold", "addresses=%27%20OR%20%271%27=%271",
                "owners=0x1%3BDROP%20TABLE%20messages", "addresses=" + "a".repeat(200),
                "channels=" + "c".repeat(300), "tags=%01control", "refs=" + "r".repeat(300),
                "addresses=" + "a,".repeat(1_001))) {
            attacks.add(Attack.get("/api/v0/messages.json?" + query));
        }
        for (String query : List.of("pagination=x", "sortOrder=2", "hashes=zz", "addresses=%3Cscript%3E",
                "startDate=-1", "cursor=abc", "cursor=&pagination=0", "sort_by=random", "start_date=x",
                "cursor=eyJ9&sort_by=tx-time")) {
            attacks.add(Attack.get("/api/v0/posts.json?" + query));
            attacks.add(Attack.get("/api/v1/posts.json?" + query));
        }
        for (String query : List.of("with_info=2", "value_only=maybe", "limit=abc", "limit=1.5",
                "keys=" + "k".repeat(300))) {
            attacks.add(Attack.get("/api/v0/aggregates/" + ALICE.address() + ".json?" + query));
        }
        attacks.add(Attack.get("/api/v0/aggregates/" + URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8)
                + ".json"));
        attacks.add(Attack.get("/api/v0/aggregates/0xNoSuchAddress.json"));
        for (String query : List.of("pagination=-1", "sortBy=size", "sortOrder=0", "cursor=&pagination=0",
                "addressContains=" + "a".repeat(67))) {
            attacks.add(Attack.get("/api/v1/addresses/stats.json?" + query));
        }
        attacks.add(Attack.get("/api/v0/addresses/stats.json?addresses[]=%3Cscript%3E"));
        return attacks;
    }

    @Test
    void unknownParametersAreIgnoredAsOnTheReference() {
        String hash = stored.itemHash().value();
        for (String path : List.of("/api/v0/messages.json?foo=1", "/api/v0/messages.json?admin=1&debug=true",
                "/api/v0/messages.json?%3Cscript%3E=1&msgtypes=TWEET&x=" + "y".repeat(2_000),
                "/api/v0/posts.json?bar=1", "/api/v1/posts.json?bar=1", "/api/v0/aggregates/" + ALICE.address()
                        + ".json?x=1", "/api/v0/aggregates/" + ALICE.address() + ".json?limit=-5",
                "/api/v0/version?debug=1", "/api/v0/info/public.json?x=1", "/api/v0/messages/" + hash + "?admin=1",
                "/api/v0/messages/" + hash + "/status?admin=1", "/api/v1/addresses/stats.json?x=1",
                "/api/v0/messages.json?pagination=1000000000")) {
            HttpResponse<String> answer = send(Attack.get(path));
            assertThat(answer.statusCode()).as(path + ": " + shorten(answer.body())).isEqualTo(200);
        }
    }

    private static HttpResponse<String> send(Attack attack) {
        HttpRequest.BodyPublisher body = attack.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(attack.body());
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.embedded().uri("/") + attack.path().substring(1)))
                .header("Content-Type", "application/json")
                .method(attack.method(), body)
                .build();
        return node.embedded().send(request);
    }

    /** What the node serves of its state: the processed messages, posts and the aggregate. */
    private static String stateDigest() {
        EmbeddedNode http = node.embedded();
        Set<String> parts = new LinkedHashSet<>();
        parts.add(http.get("/api/v0/messages.json?pagination=1000").body());
        parts.add(http.get("/api/v0/posts.json?pagination=1000").body());
        parts.add(http.get("/api/v0/aggregates/" + ALICE.address() + ".json").body());
        return String.join("\n", parts);
    }

    private static String shorten(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...(" + flat.length() + ")";
    }
}
