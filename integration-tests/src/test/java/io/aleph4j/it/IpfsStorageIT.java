package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.FORGET;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.plugins.content.ipfs.IpfsTestNode;
import io.aleph4j.plugins.content.ipfs.TestCar;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose content store is a real IPFS node (the js-ipfs daemon on loopback, through content-ipfs): ipfs
 * uploads land on the IPFS node, pinned; a STORE of a CID the IPFS node holds is processed and pins it; once the
 * STORE is forgotten, the kernel's collector unpins it. CAR archives uploaded with their root's signed STORE
 * ({@code ipfs/add_car}) are imported there, and refused with the reference's answers.
 */
final class IpfsStorageIT {

    private static final double T = 1_795_485_266.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path ipfsRepository;
    private static IpfsTestNode ipfs;

    private final Wallet alice = Wallet.ethereum(51);
    private final HttpClient client = HttpClient.newHttpClient();
    private PipelineNode node;

    @BeforeAll
    static void startIpfs() throws Exception {
        ipfs = IpfsTestNode.start(ipfsRepository);
    }

    @AfterAll
    static void stopIpfs() throws Exception {
        if (ipfs != null) {
            ipfs.close();
        }
    }

    /** A node on the IPFS node; {@code gracePeriod} is how long its collector leaves unreferenced content. */
    private void startNode(String gracePeriod) {
        node = PipelineNode.startWith(builder -> builder.set("content-ipfs", "api", ipfs.api().toString())
                .set("node", "content.grace-period", gracePeriod).set("node", "content.collect-every", "PT0.2S"),
                "api-http", "content-ipfs");
    }

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anIpfsUploadLandsPinnedOnTheIpfsNodeAndIsServedBack() throws Exception {
        startNode("PT1H");
        String boundary = "b";
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\n\r\n"
                + "hello world\r\n--b--\r\n";
        HttpResponse<String> added = client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/ipfs/add_file"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(added.body());
        assertThat(answer.path("hash").asText()).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(answer.path("name").asText()).isEqualTo("note.txt");
        assertThat(answer.path("size").asLong()).isEqualTo(11);
        assertThat(pinnedOnIpfs("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD")).isTrue();
        assertThat(get("/api/v0/storage/raw/Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD").body())
                .isEqualTo("hello world");
    }

    @Test
    void aStoreOfACidOnTheIpfsNodePinsItAndForgettingItLetsTheCollectorUnpinIt() throws Exception {
        startNode("PT0S");
        String cid = addUnpinnedOnIpfs("stored through a STORE message");
        assertThat(cid).startsWith("Qm");
        assertThat(pinnedOnIpfs(cid)).isFalse();
        Message store = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(cid), null, T)
                .replace("\"item_type\":\"storage\"", "\"item_type\":\"ipfs\""), T);

        HttpResponse<String> published = post("/api/v0/messages", Envelopes.publish(store, true));
        assertThat(JSON.readTree(published.body()).path("message_status").asText()).isEqualTo("processed");
        assertThat(awaitPinned(cid, true)).as("pinned after the STORE was processed").isTrue();

        Message forget = alice.signed(FORGET, Contents.forget(alice.address(), T + 1, store.itemHash()), T + 1);
        post("/api/v0/messages", Envelopes.publish(forget, true));
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.FORGOTTEN);

        assertThat(awaitPinned(cid, false)).as("unpinned by the collector once nothing references it").isFalse();
    }

    @Test
    void aSignedCarArchiveIsImportedPinnedAndServedAndItsStoreProcessed() throws Exception {
        startNode("PT1H");
        byte[] block = "one raw block in a CAR archive".getBytes(StandardCharsets.US_ASCII);
        TestCar car = TestCar.ofRawBlock(block);
        assertThat(car.root()).startsWith("bafk");
        Message store = ipfsStore(car.root());

        HttpResponse<String> uploaded = postCar(metadata(store), car.bytes());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(uploaded.body())).isEqualTo(JSON.readTree("{\"status\": \"success\", \"hash\": \""
                + car.root() + "\", \"size\": " + block.length + "}"));
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(pinnedOnIpfs(car.root())).isTrue();
        HttpResponse<byte[]> raw = client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/storage/raw/"
                + car.root())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(block);
        assertThat(JSON.readTree(get("/api/v0/storage/limits.json").body()).path("ipfs").path("max_upload_car_size")
                .asLong()).isEqualTo(4_294_967_296L);
    }

    @Test
    void aDirectoryArchiveIsImportedWithItsCumulativeSizeAndItsStoreProcessed() throws Exception {
        startNode("PT1H");
        TestCar car = TestCar.ofDirectory("note.txt", "a file in a directory".getBytes(StandardCharsets.US_ASCII));
        Message store = ipfsStore(car.root());

        HttpResponse<String> uploaded = postCar(metadata(store), car.bytes());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(JSON.readTree(uploaded.body()).path("size").asLong()).isEqualTo(car.cumulativeSize());
        assertThat(node.record(store.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(pinnedOnIpfs(car.root())).isTrue();
    }

    @Test
    void carUploadsAreRefusedWithTheReferencesAnswersAndNothingIsPinned() throws Exception {
        startNode("PT1H");
        TestCar car = TestCar.ofRawBlock("refused archives".getBytes(StandardCharsets.US_ASCII));
        Message store = ipfsStore(car.root());

        Message forged = Wallet.withSignature(store, Wallet.ethereum(99).sign(store).signature());
        assertRefused(postCar(metadata(forged), car.bytes()), 403, "Forbidden");
        assertThat(node.state().message(forged.itemHash())).as("nothing published").isEmpty();

        String otherRoot = TestCar.ofRawBlock("another block".getBytes(StandardCharsets.US_ASCII)).root();
        assertRefused(postCar(metadata(ipfsStore(otherRoot)), car.bytes()), 422,
                "Root CID does not match (" + car.root() + " != " + otherRoot + ")");
        assertRefused(postCar(null, car.bytes()), 422, "metadata is required for CAR upload");
        assertRefused(postCar(metadata(store), null), 422, "Missing 'file' in multipart form.");
        assertRefused(postCar(metadata(store), "hello world".getBytes(StandardCharsets.US_ASCII)), 422,
                "Invalid CAR file: truncated header");
        assertRefused(postCar(metadata(store), new byte[] {(byte) 0x81, 0x40}), 422,
                "Invalid CAR file: header exceeds maximum size (8193 > 8192)");
        Message storage = alice.signed(STORE, Contents.store(alice.address(), ItemHash.of(car.root()), null, T), T);
        assertRefused(postCar(metadata(storage), car.bytes()), 422, "Expected item_type=ipfs in STORE message, got "
                + "storage");
        assertRefused(client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/ipfs/add_car"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(
                        car.bytes())).build(), HttpResponse.BodyHandlers.ofString()), 400,
                "Expected Content-Type: multipart/form-data");

        assertThat(pinnedOnIpfs(car.root())).isFalse();
        assertThat(node.state().message(store.itemHash())).isEmpty();
    }

    @Test
    void aNodeWithoutAStoreThatImportsCarsRefusesThem() throws Exception {
        node = PipelineNode.startWith("api-http", "content-fs");
        TestCar car = TestCar.ofRawBlock("no IPFS here".getBytes(StandardCharsets.US_ASCII));

        assertRefused(postCar(metadata(ipfsStore(car.root())), car.bytes()), 403, "IPFS is disabled on this node");
    }

    private Message ipfsStore(String cid) {
        return alice.signed(STORE, Contents.ipfsStore(alice.address(), ItemHash.of(cid), T), T);
    }

    private static String metadata(Message store) {
        return "{\"message\":" + Envelopes.of(store) + ",\"sync\":true}";
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").asText()).startsWith(error);
    }

    /** {@code ipfs/add_car} with a {@code metadata} part and a {@code file} part, each left out when null. */
    private HttpResponse<String> postCar(String metadata, byte[] car) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (metadata != null) {
            body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (car != null) {
            body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dag.car\"\r\n"
                    + "Content-Type: application/vnd.ipld.car\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(car);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return client.send(HttpRequest.newBuilder(node.embedded().uri("/api/v0/ipfs/add_car"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean awaitPinned(String cid, boolean wanted) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean pinned = pinnedOnIpfs(cid);
        while (pinned != wanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pinned = pinnedOnIpfs(cid);
        }
        return pinned;
    }

    private String addUnpinnedOnIpfs(String text) throws Exception {
        HttpResponse<String> added = client.send(HttpRequest.newBuilder(URI.create(ipfs.api()
                        + "/add?cid-version=0&pin=false"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"f\"\r\nContent-Type: application/octet-stream\r\n\r\n" + text
                        + "\r\n--x--\r\n", StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(added.body().strip()).path("Hash").asText();
    }

    /** Asked in base32 for a CIDv1, which js-ipfs otherwise writes in base58btc. */
    private boolean pinnedOnIpfs(String cid) throws Exception {
        HttpResponse<String> pins = client.send(HttpRequest.newBuilder(URI.create(ipfs.api()
                + "/pin/ls?type=recursive&arg=" + cid + (cid.startsWith("b") ? "&cid-base=base32" : "")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(pins.body()).path("Keys").has(cid);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(node.embedded().uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(node.embedded().uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
