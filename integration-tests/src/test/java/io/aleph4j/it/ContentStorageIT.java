package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.FORGET;
import static io.aleph4j.api.message.MessageType.POST;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.testkit.ManualClock;
import io.aleph4j.testkit.TestContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Content storage over real HTTP on loopback, with the real content-fs store on disk: uploads with and without a
 * signed STORE message, downloads whole and by range, the STORE lifecycle (pinned while referenced, collected once
 * forgotten), non-inline content arriving after its message, and corrupt content never served.
 */
final class ContentStorageIT {

    private static final double T = 1_795_485_266.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);
    private static final String HELLO_SHA256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    private final Wallet alice = Wallet.ethereum(41);
    private final HttpClient client = HttpClient.newHttpClient();
    private PipelineNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void start() {
        node = PipelineNode.startWith("api-http", "content-fs");
    }

    @Test
    void jsonIsStoredByTheHashOfItsSortedCompactFormAndServedRawAndAsBase64() throws Exception {
        start();
        JsonNode added = json(post("/api/v0/storage/add_json", "application/json", "{\"b\": 1, \"a\": [true]}"), 200);
        String expected = sha256Hex("{\"a\":[true],\"b\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(added.path("status").asText()).isEqualTo("success");
        assertThat(added.path("hash").asText()).isEqualTo(expected);

        assertThat(getBytes("/api/v0/storage/raw/" + expected).body())
                .isEqualTo("{\"a\":[true],\"b\":1}".getBytes(StandardCharsets.UTF_8));
        JsonNode base64 = json(get("/api/v0/storage/" + expected), 200);
        assertThat(base64.path("engine").asText()).isEqualTo("storage");
        assertThat(base64.path("content").asText()).isEqualTo("eyJhIjpbdHJ1ZV0sImIiOjF9\n");

        JsonNode ipfs = json(post("/api/v0/ipfs/add_json", "application/json", "\"hello\""), 200);
        assertThat(ipfs.path("hash").asText()).startsWith("Qm");
        assertThat(getBytes("/api/v0/storage/raw/" + ipfs.path("hash").asText()).body())
                .isEqualTo("\"hello\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileUploadedWithASignedStoreMessageIsProcessedPinnedAndServedByRange() throws Exception {
        start();
        Message store = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(HELLO_SHA256), null, T), T);

        HttpResponse<String> uploaded = postMultipart("/api/v0/storage/add_file",
                List.of(Part.field("metadata", metadata(store, true)), Part.file("file", "hello.txt", HELLO)));

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(uploaded.body()).path("hash").asText()).isEqualTo(HELLO_SHA256);
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(get("/api/v0/storage/count/" + HELLO_SHA256).body()).isEqualTo("1");
        assertThat(json(get("/api/v0/messages.json?contentHashes=" + HELLO_SHA256), 200).path("messages").get(0)
                .path("item_hash").asText()).isEqualTo(store.itemHash().value());

        HttpResponse<byte[]> whole = getBytes("/api/v0/storage/raw/" + HELLO_SHA256);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + HELLO_SHA256 + "\"");
        assertThat(whole.body()).isEqualTo(HELLO);

        HttpResponse<byte[]> range = send(request("/api/v0/storage/raw/" + HELLO_SHA256).header("Range", "bytes=6-")
                .build());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 6-10/11");
        assertThat(new String(range.body(), StandardCharsets.US_ASCII)).isEqualTo("world");
        HttpResponse<byte[]> suffix = send(request("/api/v0/storage/raw/" + HELLO_SHA256)
                .header("Range", "bytes=-3").build());
        assertThat(new String(suffix.body(), StandardCharsets.US_ASCII)).isEqualTo("rld");
        HttpResponse<byte[]> outside = send(request("/api/v0/storage/raw/" + HELLO_SHA256)
                .header("Range", "bytes=11-20").build());
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */11");
    }

    @Test
    void aFileAnnouncedUnderACidv1IsCheckedAgainstItAndItsStoreProcessed() throws Exception {
        start();
        // "hello world" as `ipfs add --cid-version=1` addresses it (raw leaf, base32).
        ItemHash cidv1 = ItemHash.of("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
        Message store = alice.signed(STORE, Contents.ipfsStore(alice.address(), cidv1, T), T);

        HttpResponse<String> wrong = postMultipart("/api/v0/ipfs/add_file", List.of(
                Part.field("metadata", metadata(store, true)), Part.file("file", "hello.txt", "hello world\n".getBytes(
                        StandardCharsets.US_ASCII))));
        assertThat(wrong.statusCode()).as("other bytes under that CID: %s", wrong.body()).isEqualTo(422);

        HttpResponse<String> uploaded = postMultipart("/api/v0/ipfs/add_file", List.of(
                Part.field("metadata", metadata(store, true)), Part.file("file", "hello.txt", HELLO)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(getBytes("/api/v0/storage/raw/" + cidv1.value()).body()).isEqualTo(HELLO);
    }

    @Test
    void filesAreDescribedByHashByStoreMessageAndByRefTheLatestVersionWinning() throws Exception {
        start();
        byte[] second = "hello again".getBytes(StandardCharsets.US_ASCII);
        String secondHash = sha256Hex(second);
        Message original = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(HELLO_SHA256), null, T), T);
        Message version = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(secondHash),
                original.itemHash().value(), T + 1), T + 1);
        Message named = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(HELLO_SHA256), "avatar",
                T + 2), T + 2);
        postMultipart("/api/v0/storage/add_file", List.of(Part.field("metadata", metadata(original, true)),
                Part.file("file", "f", HELLO)));
        postMultipart("/api/v0/storage/add_file", List.of(Part.field("metadata", metadata(version, true)),
                Part.file("file", "f", second)));
        postMultipart("/api/v0/storage/add_file", List.of(Part.field("metadata", metadata(named, true)),
                Part.file("file", "f", HELLO)));

        JsonNode metadata = json(get("/api/v0/storage/metadata/" + HELLO_SHA256), 200);
        assertThat(metadata.path("size").asLong()).isEqualTo(11);
        assertThat(metadata.path("download_url").asText()).isEqualTo("/api/v0/storage/raw/" + HELLO_SHA256);
        assertThat(json(get("/api/v0/storage/by-message-hash/" + original.itemHash()), 200).path("file_hash")
                .asText()).isEqualTo(HELLO_SHA256);
        JsonNode latest = json(get("/api/v0/storage/by-ref/" + original.itemHash()), 200);
        assertThat(latest.path("file_hash").asText()).as("the newer version").isEqualTo(secondHash);
        assertThat(latest.path("owner").asText()).isEqualTo(alice.address());
        assertThat(latest.path("size").asLong()).isEqualTo(second.length);
        assertThat(json(get("/api/v0/storage/by-ref/" + alice.address() + "/avatar"), 200).path("file_hash")
                .asText()).isEqualTo(HELLO_SHA256);
        assertThat(json(get("/api/v0/storage/by-ref/avatar"), 400).path("error").asText())
                .contains("address is required");
        assertThat(json(get("/api/v0/storage/by-ref/" + alice.address() + "/nothing"), 404).path("error").asText())
                .contains("No file found for tag");
        assertThat(json(get("/api/v0/storage/limits.json"), 200).path("storage").path("max_file_size").asLong())
                .isEqualTo(104_857_600L);

        HttpResponse<byte[]> head = send(request("/api/v0/storage/raw/" + HELLO_SHA256)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(11);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void uploadsThatDisagreeWithTheirMessageOrTheLimitsAreRefusedWithJsonErrors() throws Exception {
        start();
        Message otherFile = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of("a".repeat(64)), null, T),
                T);
        HttpResponse<String> mismatch = postMultipart("/api/v0/storage/add_file",
                List.of(Part.field("metadata", metadata(otherFile, true)), Part.file("file", "f", HELLO)));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(mismatch.body()).path("error").asText()).contains("File hash does not match");
        assertThat(node.state().message(otherFile.itemHash())).isEmpty();
        assertThat(getBytes("/api/v0/storage/raw/" + HELLO_SHA256).statusCode())
                .as("a file refused for its message is not kept").isEqualTo(404);

        HttpResponse<String> broken = post("/api/v0/storage/add_file", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno closing boundary");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(broken.body()).path("error").asText()).contains("multipart");

        HttpResponse<String> noFile = postMultipart("/api/v0/storage/add_file", List.of(Part.field("x", "y")));
        assertThat(noFile.statusCode()).isEqualTo(400);

        HttpResponse<String> badJson = post("/api/v0/storage/add_json", "application/json", "{nope");
        assertThat(badJson.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(badJson.body()).path("error").asText()).contains("not valid JSON");

        assertThat(json(get("/api/v0/storage/raw/not-a-hash"), 400).path("error").asText()).contains("Invalid hash");
        assertThat(json(get("/api/v0/storage/raw/" + "c".repeat(64)), 404).path("error").asText())
                .isEqualTo("Not found");
    }

    @Test
    void anUploadWithoutAMessageOverTheUnauthenticatedLimitIsRefused() throws Exception {
        node = PipelineNode.startWith(builder -> builder.set("api-http", "storage.max-unauthenticated-upload-bytes",
                100), "api-http", "content-fs");

        HttpResponse<String> tooBig = postMultipart("/api/v0/storage/add_file",
                List.of(Part.file("file", "f", new byte[101])));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooBig.body()).path("error").asText()).contains("100 bytes");

        HttpResponse<String> raw = post("/api/v0/storage/add_file", "application/octet-stream", "x".repeat(101));
        assertThat(raw.statusCode()).isEqualTo(413);
        assertThat(json(post("/api/v0/storage/add_file", "application/octet-stream", "small"), 200)
                .path("hash").asText()).isEqualTo(sha256Hex("small".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aNonInlineMessageWaitsPendingUntilItsContentIsUploaded() throws Exception {
        start();
        String content = Contents.post(alice.address(), "note", "{\"stored\":\"later\"}", T);
        ItemHash hash = ItemHash.sha256Of(content);
        Message message = alice.sign(new Message(Chain.ETH, alice.address(), POST, "TEST", T, ItemType.STORAGE, null,
                hash, ""));

        HttpResponse<String> published = post("/api/v0/messages", "application/json",
                Envelopes.publish(message, true));
        assertThat(JSON.readTree(published.body()).path("message_status").asText()).isEqualTo("pending");

        assertThat(json(post("/api/v0/storage/add_file", "application/octet-stream", content), 200)
                .path("hash").asText()).isEqualTo(hash.value());

        assertThat(node.awaitStatus(hash, MessageStatus.PROCESSED)).isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.state().post(hash).orElseThrow().json()).contains("later");
        assertThat(get("/api/v0/storage/count/" + hash.value()).body()).isEqualTo("1");
    }

    @Test
    void aStoreWhoseFileIsNotHereYetWaitsPendingUntilItIsUploaded() throws Exception {
        start();
        byte[] file = "arrives after its STORE".getBytes(StandardCharsets.US_ASCII);
        Message store = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(sha256Hex(file)), null, T), T);

        HttpResponse<String> published = post("/api/v0/messages", "application/json", Envelopes.publish(store, true));
        assertThat(JSON.readTree(published.body()).path("message_status").asText()).isEqualTo("pending");
        assertThat(node.state().fileReferences(ItemHash.of(sha256Hex(file)))).isEmpty();

        post("/api/v0/storage/add_file", "application/octet-stream", new String(file, StandardCharsets.US_ASCII));

        assertThat(node.awaitStatus(store.itemHash(), MessageStatus.PROCESSED)).isEqualTo(MessageStatus.PROCESSED);
        assertThat(get("/api/v0/storage/count/" + sha256Hex(file)).body()).isEqualTo("1");
    }

    @Test
    void aMessageWhoseContentOnlyAPeerHoldsIsFetchedFromItAndProcessed() throws Exception {
        String content = Contents.post(alice.address(), "note", "{\"from\":\"a peer\"}", T);
        ItemHash hash = ItemHash.sha256Of(content);
        try (PipelineNode peer = PipelineNode.startWith("api-http", "content-fs")) {
            HttpResponse<String> held = client.send(HttpRequest.newBuilder(peer.embedded().uri(
                    "/api/v0/storage/add_file")).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(content)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(held.statusCode()).isEqualTo(200);
            node = PipelineNode.startWith(builder -> builder.set("content-peers", "peers",
                    List.of(peer.embedded().uri("/").toString())), "api-http", "content-fs", "content-peers");
            Message message = alice.sign(new Message(Chain.ETH, alice.address(), POST, "TEST", T, ItemType.STORAGE,
                    null, hash, ""));

            HttpResponse<String> published = post("/api/v0/messages", "application/json",
                    Envelopes.publish(message, true));

            assertThat(JSON.readTree(published.body()).path("message_status").asText()).isEqualTo("processed");
            assertThat(node.state().post(hash).orElseThrow().json()).contains("a peer");
            assertThat(getBytes("/api/v0/storage/raw/" + hash).body())
                    .isEqualTo(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void forgettingTheLastStoreUnpinsTheFileAndTheCollectorDeletesIt() throws Exception {
        ManualClock clock = ManualClock.startingNow();
        startCollecting("PT0S", clock);
        Message store = uploadHelloWithItsStore();
        clock.advance(Duration.ofHours(1));
        awaitCollectorPasses(2);
        assertThat(getBytes("/api/v0/storage/raw/" + HELLO_SHA256).statusCode())
                .as("pinned by a processed STORE: kept by the collector").isEqualTo(200);

        forget(store);
        assertThat(get("/api/v0/storage/count/" + HELLO_SHA256).body()).isEqualTo("0");
        awaitBlobWrittenAt(HELLO_SHA256, clock.instant());
        clock.advance(Duration.ofSeconds(1));

        assertThat(rawStatusOnceCollected(HELLO_SHA256)).as("unpinned and past the grace period: collected")
                .isEqualTo(404);
    }

    @Test
    void forgettingAFileOlderThanTheGracePeriodStartsItsGracePeriodAgain() throws Exception {
        ManualClock clock = ManualClock.startingNow();
        startCollecting("PT5S", clock);
        Message store = uploadHelloWithItsStore();
        clock.advance(Duration.ofSeconds(6));

        forget(store);
        // The forget is processed when its POST answers; the stores hear of it from the event log a moment later.
        awaitBlobWrittenAt(HELLO_SHA256, clock.instant());
        clock.advance(Duration.ofSeconds(1));
        awaitCollectorPasses(2);

        assertThat(getBytes("/api/v0/storage/raw/" + HELLO_SHA256).statusCode())
                .as("uploaded 7 s ago, but forgotten 1 s ago: still in its grace period").isEqualTo(200);
        clock.advance(Duration.ofSeconds(5));
        assertThat(rawStatusOnceCollected(HELLO_SHA256)).as("collected once the grace period after the forget passed")
                .isEqualTo(404);
    }

    @Test
    void corruptContentIsReportedAndNeverServed() throws Exception {
        start();
        String hash = json(post("/api/v0/storage/add_file", "application/octet-stream", "precious"), 200)
                .path("hash").asText();
        Path blob;
        try (Stream<Path> files = Files.walk(node.embedded().node().dataDirectory())) {
            blob = files.filter(path -> path.getFileName().toString().equals(hash)).findFirst().orElseThrow();
        }
        Files.writeString(blob, "tampered");

        HttpResponse<String> answer = get("/api/v0/storage/raw/" + hash);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("tampered");
        assertThat(JSON.readTree(answer.body()).path("error").asText()).contains("corrupt");
        assertThat(get("/api/v0/storage/" + hash).statusCode()).isEqualTo(404);
    }

    /** 200 MiB up with a signed STORE message and down again, streamed both ways (the client generates it). */
    @Test
    void aFileOf200MegabytesRoundTripsWithItsStoreMessage() throws Exception {
        node = PipelineNode.startWith(builder -> builder.set("api-http", "storage.max-file-bytes", 300_000_000L),
                "api-http", "content-fs");
        long size = 200L * 1024 * 1024;
        String sha256 = TestContent.sha256Hex(TestContent.pattern(size));
        Message store = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(sha256), null, T), T);
        String boundary = "aleph4j-large-upload";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                + metadata(store, true) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> uploaded = client.send(request("/api/v0/storage/add_file")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(
                                new ByteArrayInputStream(head), TestContent.pattern(size),
                                new ByteArrayInputStream(tail))))), head.length + size + tail.length))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        HttpResponse<InputStream> download = client.send(request("/api/v0/storage/raw/" + sha256).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(size);
        try (InputStream body = download.body()) {
            assertThat(TestContent.sha256Hex(body)).isEqualTo(sha256);
        }
    }

    /** A node whose collector runs every 0.2 s and keeps unreferenced content for {@code gracePeriod}. */
    /** A node whose collector runs every 0.2 s on {@code clock}'s time. */
    private void startCollecting(String gracePeriod, ManualClock clock) {
        node = PipelineNode.startWith(builder -> builder.set("node", "content.grace-period", gracePeriod)
                .set("node", "content.collect-every", "PT0.2S").clock(clock), "api-http", "content-fs");
    }

    /** Waits until the collector has made {@code passes} more passes than now: it has seen the state as it is. */
    private void awaitCollectorPasses(int passes) throws Exception {
        long target = collectorPasses() + passes;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (collectorPasses() < target && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(collectorPasses()).as("collector passes").isGreaterThanOrEqualTo(target);
    }

    private long collectorPasses() throws Exception {
        return get("/metrics").body().lines().filter(line -> line.startsWith("aleph4j_content_collector_passes"))
                .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElse(0L);
    }

    /** Uploads "hello world" with a signed STORE message of it (sync), and returns that message. */
    private Message uploadHelloWithItsStore() throws Exception {
        Message store = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(HELLO_SHA256), null, T), T);
        postMultipart("/api/v0/storage/add_file",
                List.of(Part.field("metadata", metadata(store, true)), Part.file("file", "f", HELLO)));
        return store;
    }

    private void forget(Message target) throws Exception {
        Message forget = alice.signed(FORGET, Contents.forget(alice.address(), T + 1, target.itemHash()), T + 1);
        post("/api/v0/messages", "application/json", Envelopes.publish(forget, true));
    }

    /** Waits until the stored file's last write time (what the grace period counts from) is {@code at}. */
    private void awaitBlobWrittenAt(String hash, Instant at) throws Exception {
        Path blob;
        try (Stream<Path> files = Files.walk(node.embedded().node().dataDirectory())) {
            blob = files.filter(path -> path.getFileName().toString().equals(hash)).findFirst().orElseThrow();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Files.getLastModifiedTime(blob).toInstant().isBefore(at) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.getLastModifiedTime(blob).toInstant()).as("the file's grace period restarted by the forget")
                .isAfterOrEqualTo(at);
    }

    /** The status of raw downloads of {@code hash}, polled for up to 30 s until it is no longer 200. */
    private int rawStatusOnceCollected(String hash) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = getBytes("/api/v0/storage/raw/" + hash).statusCode();
        }
        return status;
    }

    private static String metadata(Message store, boolean sync) {
        return "{\"message\":" + Envelopes.of(store) + ",\"sync\":" + sync + "}";
    }

    private record Part(String name, String fileName, byte[] bytes) {

        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String name, String fileName, byte[] bytes) {
            return new Part(name, fileName, bytes);
        }
    }

    private HttpResponse<String> postMultipart(String path, List<Part> parts) throws Exception {
        String boundary = "----aleph4j-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                    + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"\r\n"
                    + "Content-Type: application/octet-stream") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return client.send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return send(request(path).build());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(node.embedded().uri(path));
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private static String sha256Hex(byte[] bytes) throws IOException {
        return TestContent.sha256Hex(new ByteArrayInputStream(bytes));
    }
}
