package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Publishes programs to a node as a user does: the code zip uploaded to {@code storage/add_file}, a STORE for it
 * and a PROGRAM with the official SDK's default content, both signed EIP-191 with web3j (a wallet's library) and
 * posted to {@code /api/v0/messages} with {@code sync}.
 */
public final class ProgramPublisher {

    static final String SDK_RUNTIME = "63f07193e6ee9d207b7d1fcf8286f9aee34e6f12f101d2ec77c1229f92964696";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ECKeyPair KEY = ECKeyPair.create(new BigInteger("5a1e0f00d1e0c0ffee", 16));
    private static final String ADDRESS = Keys.toChecksumAddress(Keys.getAddress(KEY));

    /** The programs' owner's wallet: it signs their owner operations in tests. */
    public static ECKeyPair ownerKey() {
        return KEY;
    }

    public static String ownerAddress() {
        return ADDRESS;
    }

    private final EmbeddedNode node;
    private final HttpClient http = HttpClient.newHttpClient();
    private double time;

    public ProgramPublisher(EmbeddedNode node) {
        this(node, 1_795_000_000.0);
    }

    /** @param startTime the first message's time, so that two publishers on one node publish distinct messages */
    public ProgramPublisher(EmbeddedNode node, double startTime) {
        this.node = node;
        this.time = startTime;
    }

    /** Posts a POST of the given post type and body on channel TEST; its item hash. */
    public String post(String postType, ObjectNode body) throws Exception {
        ObjectNode content = JSON.createObjectNode();
        content.put("address", ADDRESS).put("time", next()).put("type", postType);
        content.set("content", body);
        return post(MessageType.POST, content);
    }

    /** The test programs' ASGI app ({@code programs/asgi_app.py}) as {@code main.py} in a zip: entrypoint main:app. */
    public static byte[] asgiTestProgram() {
        try (java.io.InputStream app = ProgramPublisher.class.getResourceAsStream("/programs/asgi_app.py")) {
            return zip(Map.of("main.py", new String(app.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip of the given files (name → text). */
    static byte[] zip(Map<String, String> files) {
        Map<String, byte[]> binary = new java.util.LinkedHashMap<>();
        files.forEach((name, text) -> binary.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(binary);
    }

    /** A zip of the given files (name → bytes). */
    public static byte[] zipBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Uploads the code, stores it, and publishes a program whose content {@code adjust} may change. */
    public String publish(byte[] code, String entrypoint, java.util.function.Consumer<ObjectNode> adjust)
            throws Exception {
        String storeHash = store(code);

        ObjectNode program = JSON.createObjectNode();
        program.put("address", ADDRESS).put("time", next()).put("type", "vm-function").put("allow_amend", false);
        program.putObject("on").put("http", true).put("persistent", false);
        program.putObject("environment").put("reproducible", false).put("internet", true).put("aleph_api", true)
                .put("shared_cache", false);
        program.putObject("resources").put("vcpus", 1).put("memory", 128).put("seconds", 30);
        program.putObject("runtime").put("ref", SDK_RUNTIME).put("use_latest", true)
                .put("comment", "Aleph Alpine Linux with Python 3.12");
        program.putArray("volumes");
        program.putObject("variables");
        program.putObject("code").put("encoding", "zip").put("entrypoint", entrypoint).put("ref", storeHash)
                .put("use_latest", true);
        program.putObject("payment").put("chain", "ETH").put("type", "hold");
        adjust.accept(program);
        return post(MessageType.PROGRAM, program);
    }

    /** Posts the owner's {@code security} aggregate, authorizing {@code delegate} for every message type. */
    void authorize(String delegate) throws Exception {
        ObjectNode content = JSON.createObjectNode();
        content.put("address", ADDRESS).put("key", "security").put("time", next());
        content.putObject("content").putArray("authorizations").addObject().put("address", delegate);
        post(MessageType.AGGREGATE, content);
    }

    /** Uploads a file and STOREs it; the STORE's item hash. */
    public String store(byte[] file) throws Exception {
        JsonNode upload = JSON.readTree(send(HttpRequest.newBuilder(node.uri("/api/v0/storage/add_file"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build()));
        String fileHash = upload.path("hash").asText();
        ObjectNode store = JSON.createObjectNode();
        store.put("address", ADDRESS).put("item_type", "storage").put("item_hash", fileHash).put("time", next());
        return post(MessageType.STORE, store);
    }

    /** Posts an AGGREGATE of {@code owner}'s under {@code key}. */
    public void aggregate(ECKeyPair owner, String key, ObjectNode value) throws Exception {
        String address = Keys.toChecksumAddress(Keys.getAddress(owner));
        ObjectNode content = JSON.createObjectNode();
        content.put("address", address).put("key", key).put("time", next());
        content.set("content", value);
        post(MessageType.AGGREGATE, content, owner);
    }

    private String post(MessageType type, ObjectNode content) throws Exception {
        return post(type, content, KEY);
    }

    private String post(MessageType type, ObjectNode content, ECKeyPair key) throws Exception {
        String sender = Keys.toChecksumAddress(Keys.getAddress(key));
        String itemContent = JSON.writeValueAsString(content);
        ItemHash hash = ItemHash.sha256Of(itemContent);
        Message unsigned = new Message(Chain.ETH, sender, type, "TEST", content.path("time").asDouble(),
                ItemType.INLINE, itemContent, hash, "");
        Sign.SignatureData signature = Sign.signPrefixedMessage(unsigned.verificationBuffer(), key);
        HexFormat hex = HexFormat.of();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("chain", "ETH").put("sender", sender).put("type", type.name()).put("channel", "TEST")
                .put("time", unsigned.time()).put("item_type", "inline").put("item_content", itemContent)
                .put("item_hash", hash.value()).put("signature", "0x" + hex.formatHex(signature.getR())
                        + hex.formatHex(signature.getS()) + hex.formatHex(signature.getV()));
        ObjectNode body = JSON.createObjectNode();
        body.set("message", envelope);
        body.put("sync", true);
        String answer = send(HttpRequest.newBuilder(node.uri("/api/v0/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        if (!answer.contains("\"processed\"") && !answer.contains("success")) {
            throw new IllegalStateException(type + " was not processed: " + answer);
        }
        return hash.value();
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private double next() {
        time += 1;
        return time;
    }
}
