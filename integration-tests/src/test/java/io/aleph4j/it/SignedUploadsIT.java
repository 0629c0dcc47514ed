package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
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
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads with a signed STORE message, over real HTTP into the real content-fs store: the message is checked
 * (signature, sender, budget) before the file's bytes are kept, a refused upload leaves nothing on disk, the bytes
 * of an upload whose STORE the pipeline rejects go at once, and a flood of throw-away addresses is bounded by the
 * node's upload budget.
 */
final class SignedUploadsIT {

    private static final double T = 1_795_485_266.0;
    private static final long MIB = 1024 * 1024;

    private final Wallet alice = Wallet.ethereum(61);
    private final Wallet mallory = Wallet.ethereum(62);
    private final HttpClient client = HttpClient.newHttpClient();
    private PipelineNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void start(Consumer<io.aleph4j.testkit.EmbeddedNode.Builder> configure) {
        node = PipelineNode.startWith(configure, "api-http", "content-fs");
    }

    @Test
    void aForged100MegabyteUploadIsRefusedBeforeItsBytesAreKept() throws Exception {
        start(builder -> { });
        long size = 100 * MIB;
        String sha256 = TestContent.sha256Hex(TestContent.pattern(size));
        // Mallory signs a STORE in Alice's name: the signature is not Alice's.
        Message forged = Wallet.withSignature(alice.signed(STORE, Contents.store(alice.address(),
                ItemHash.of(sha256), null, T), T), mallory.signed(STORE, "{}", T).signature());

        HttpResponse<String> metadataFirst = uploadStreamed(forged, size, true);
        assertThat(metadataFirst.statusCode()).as(metadataFirst.body()).isEqualTo(403);
        assertThat(Envelopes.JSON.readTree(metadataFirst.body()).path("error").asText()).startsWith("Forbidden");

        HttpResponse<String> fileFirst = uploadStreamed(forged, size, false);
        assertThat(fileFirst.statusCode()).as(fileFirst.body()).isEqualTo(403);

        assertThat(filesOnDisk()).as("no copy of the file, no staging file, nothing of its size")
                .noneMatch(path -> path.getFileName().toString().equals(sha256))
                .noneMatch(path -> path.toString().contains("staging") && Files.isRegularFile(path))
                .noneMatch(path -> !path.toString().endsWith(".cq4") && sizeOf(path) >= size / 2);
        assertThat(node.embedded().get("/api/v0/messages/" + forged.itemHash().value()).statusCode())
                .as("nothing was logged").isEqualTo(404);
    }

    @Test
    void aStoreInAnotherAddressesNameIsRefusedAtTheDoor() throws Exception {
        start(builder -> { });
        byte[] file = "not mallory's to store".getBytes(StandardCharsets.UTF_8);
        Message store = mallory.signed(STORE, Contents.store(alice.address(),
                ItemHash.of(TestContent.sha256Hex(new ByteArrayInputStream(file))), null, T), T);

        HttpResponse<String> answer = uploadSmall(store, file);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(Envelopes.JSON.readTree(answer.body()).path("error").asText()).contains("may not act for");
        assertThat(rawStatus(TestContent.sha256Hex(new ByteArrayInputStream(file)))).isEqualTo(404);
    }

    @Test
    void theBytesOfAnUploadWhoseStoreThePipelineRejectsGoAtOnce() throws Exception {
        start(builder -> { });
        Wallet bob = Wallet.ethereum(63);
        byte[] bobs = "bob's original".getBytes(StandardCharsets.UTF_8);
        Message original = bob.signed(STORE, Contents.store(bob.address(), hashOf(bobs), null, T), T);
        assertThat(uploadSmall(original, bobs).statusCode()).isEqualTo(200);
        byte[] file = "alice's version of bob's file".getBytes(StandardCharsets.UTF_8);
        // Alice may store in her own name, but not a new version of a file Bob owns: the STORE handler rejects it.
        Message version = alice.signed(STORE, Contents.store(alice.address(), hashOf(file),
                original.itemHash().value(), T + 1), T + 1);

        HttpResponse<String> answer = uploadSmall(version, file);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(awaitRawStatusNot200(hashOf(file).value())).as("deleted at once, not after the grace period")
                .isEqualTo(404);
        assertThat(rawStatus(hashOf(bobs).value())).isEqualTo(200);
    }

    @Test
    void aFloodOfThrowAwayAddressesIsBoundedByTheNodesUploadBudget() throws Exception {
        start(builder -> builder.set("api-http", "uploads.node-bytes-per-window", 3 * MIB + MIB / 2)
                .set("api-http", "uploads.address-bytes-per-window", 2 * MIB));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            Wallet throwAway = Wallet.ethereum(1_000 + i);
            byte[] file = TestContent.pattern(MIB).readAllBytes();
            file[0] = (byte) i;
            Message store = throwAway.signed(STORE, Contents.store(throwAway.address(), hashOf(file), null, T), T);
            int status = uploadSmall(store, file).statusCode();
            if (status == 200) {
                accepted++;
            } else {
                assertThat(status).isEqualTo(429);
                refused++;
            }
        }

        assertThat(accepted).isEqualTo(3);
        assertThat(refused).isEqualTo(5);
        try (Stream<Path> files = Files.walk(node.embedded().node().dataDirectory())) {
            assertThat(files.filter(Files::isRegularFile).filter(path -> !path.toString().endsWith(".cq4"))
                    .mapToLong(SignedUploadsIT::sizeOf).filter(bytes -> bytes >= MIB).count())
                    .as("files of a MiB kept on disk").isEqualTo(3);
        }
    }

    @Test
    void oneAddressIsBoundedByItsOwnBudget() throws Exception {
        start(builder -> builder.set("api-http", "uploads.address-bytes-per-window", 2 * MIB + 1));
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] file = TestContent.pattern(MIB).readAllBytes();
            file[0] = (byte) i;
            Message store = alice.signed(STORE, Contents.store(alice.address(), hashOf(file), null, T + i), T + i);
            statuses.add(uploadSmall(store, file).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        byte[] other = "another address still uploads".getBytes(StandardCharsets.UTF_8);
        assertThat(uploadSmall(mallory.signed(STORE, Contents.store(mallory.address(), hashOf(other), null, T), T),
                other).statusCode()).isEqualTo(200);
    }

    /** A multipart upload streamed from a generated file of {@code size} bytes, metadata before or after it. */
    private HttpResponse<String> uploadStreamed(Message store, long size, boolean metadataFirst) throws Exception {
        String boundary = "aleph4j-forged-upload";
        String metadataPart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                + metadata(store) + "\r\n";
        String filePart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        byte[] head = ((metadataFirst ? metadataPart : "") + filePart).getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n" + (metadataFirst ? "" : metadataPart) + "--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            return client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/storage/add_file"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new SequenceInputStream(Collections.enumeration(List.<InputStream>of(
                                    new ByteArrayInputStream(head), TestContent.pattern(size),
                                    new ByteArrayInputStream(tail))))), head.length + size + tail.length))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the node must answer a refused upload, not drop the connection", e);
        }
    }

    private HttpResponse<String> uploadSmall(Message store, byte[] file) throws Exception {
        String boundary = "aleph4j-upload";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                + metadata(store) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/storage/add_file"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String metadata(Message store) {
        return "{\"message\":" + Envelopes.of(store) + ",\"sync\":true}";
    }

    private int rawStatus(String hash) throws Exception {
        return client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/storage/raw/" + hash)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The raw download's status, polled for up to 10 s until it is no longer 200. */
    private int awaitRawStatusNot200(String hash) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = rawStatus(hash);
        while (status == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = rawStatus(hash);
        }
        return status;
    }

    private List<Path> filesOnDisk() throws IOException {
        try (Stream<Path> files = Files.walk(node.embedded().node().dataDirectory())) {
            return files.toList();
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static ItemHash hashOf(byte[] bytes) throws IOException {
        return ItemHash.of(TestContent.sha256Hex(new ByteArrayInputStream(bytes)));
    }
}
