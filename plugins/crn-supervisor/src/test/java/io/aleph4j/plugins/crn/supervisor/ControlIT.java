package io.aleph4j.plugins.crn.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.Wat;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The {@code /control} routes on a real node: allocations signed by a scheduler's wallet (web3j, EIP-191) as the
 * reference's scheduler signs them, and owner operations signed as the reference's clients do (a wallet signs an
 * ephemeral P-256 key, the key signs each operation with ES256, the JDK's ECDSA).
 */
class ControlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ECKeyPair SCHEDULER = ECKeyPair.create(new BigInteger("5c4ed01e4", 16));
    private static final ECKeyPair STRANGER = ECKeyPair.create(new BigInteger("0dd0ba11", 16));
    private static final ECKeyPair DELEGATE = ECKeyPair.create(new BigInteger("de1e6a7e", 16));
    private static final String DOMAIN = "crn.test";

    @TempDir
    static Path data;
    private static EmbeddedNode node;
    private static int crnPort;
    private static ProgramPublisher publisher;
    private static byte[] wasmZip;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNode() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            crnPort = socket.getLocalPort();
        }
        node = EmbeddedNode.builder().dataDirectory(data)
                .classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http", "vm-wasm", "crn-supervisor")
                .set("crn-supervisor", "port", crnPort).set("crn-supervisor", "domain", DOMAIN)
                .set("crn-supervisor", "allocation-signers", java.util.List.of(address(SCHEDULER)))
                .start();
        publisher = new ProgramPublisher(node);
        wasmZip = ProgramPublisher.zipBytes(Map.of("main.wasm",
                Wat.compileResource(ControlIT.class, "/programs/cgi_env.wat")));
        publisher.authorize(address(DELEGATE));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anAllocationSignedByTheSchedulerStartsAPersistentProgramBeforeAnyRequestAndADroppedOneIsStopped()
            throws Exception {
        String program = persistentProgram();
        String body = allocation(program);

        HttpResponse<String> allocated = allocate(body, allocationHeader(SCHEDULER, "POST", "/control/allocations",
                body, Instant.now().getEpochSecond()));

        assertThat(allocated.statusCode()).as("%s", allocated.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(allocated.body());
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("successful").toString()).contains(program);
        assertThat(running()).contains(program);

        String none = allocation();
        JsonNode dropped = JSON.readTree(allocate(none, allocationHeader(SCHEDULER, "POST", "/control/allocations",
                none, Instant.now().getEpochSecond())).body());
        assertThat(dropped.path("stopped").toString()).contains(program);
        assertThat(running()).doesNotContain(program);
    }

    @Test
    void aRestartedCrnRunsWhatWasAllocatedToItBeforeAnyNewAllocation(@TempDir Path elsewhere) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String program;
        try (EmbeddedNode first = crnNode(elsewhere, port)) {
            program = new ProgramPublisher(first).publish(wasmZip, "main.wasm",
                    content -> content.with("on").put("persistent", true));
            String body = allocation(program);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/control/allocations"))
                    .header("Authorization", allocationHeader(SCHEDULER, "POST", "/control/allocations", body,
                            Instant.now().getEpochSecond()))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        }

        try (EmbeddedNode restarted = crnNode(elsewhere, port)) {
            String running = "";
            for (int i = 0; i < 100 && !running.contains(program); i++) {
                Thread.sleep(100);
                running = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/about/executions/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(running).contains(program);
        }
    }

    private static EmbeddedNode crnNode(Path data, int port) throws Exception {
        return EmbeddedNode.builder().dataDirectory(data)
                .classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http", "vm-wasm", "crn-supervisor")
                .set("crn-supervisor", "port", port)
                .set("crn-supervisor", "allocation-signers", java.util.List.of(address(SCHEDULER)))
                .start();
    }

    @Test
    void aReplayedAllocationIsRefused() throws Exception {
        String body = allocation(persistentProgram());
        String header = allocationHeader(SCHEDULER, "POST", "/control/allocations", body,
                Instant.now().getEpochSecond());

        assertThat(allocate(body, header).statusCode()).isEqualTo(200);
        HttpResponse<String> replayed = allocate(body, header);

        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("Authentication token received is invalid").contains("replay");
    }

    @Test
    void anAllocationOutsideTheTimeWindowSignedBySomeoneElseOrForAnotherBodyIsRefusedAndStartsNothing()
            throws Exception {
        String program = persistentProgram();
        String body = allocation(program);
        long now = Instant.now().getEpochSecond();

        // Ten seconds past the 300 s window, not one: the node reads its own clock in whole seconds when the request
        // arrives, and a second that ticks between here and there put "now + 301" back inside the window.
        HttpResponse<String> stale = allocate(body, allocationHeader(SCHEDULER, "POST", "/control/allocations", body,
                now - 310));
        HttpResponse<String> early = allocate(body, allocationHeader(SCHEDULER, "POST", "/control/allocations", body,
                now + 310));
        HttpResponse<String> stranger = allocate(body, allocationHeader(STRANGER, "POST", "/control/allocations",
                body, now));
        HttpResponse<String> otherBody = allocate(body, allocationHeader(SCHEDULER, "POST", "/control/allocations",
                allocation(), now));
        HttpResponse<String> otherPath = allocate(body, allocationHeader(SCHEDULER, "POST", "/control/allocations/",
                body, now));
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(crn("/control/allocations"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("more than 300 s");
        assertThat(early.statusCode()).isEqualTo(401);
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.body()).contains("is not an allocation signer");
        assertThat(otherBody.statusCode()).isEqualTo(401);
        assertThat(otherBody.body()).contains("body_sha256");
        assertThat(otherPath.statusCode()).isEqualTo(401);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(running()).doesNotContain(program);
    }

    @Test
    void anOwnerOperationSignedBySomeoneElseIsRefusedAndTheOwnersOrADelegatesStopsTheProgram() throws Exception {
        String program = publisher.publish(wasmZip, "main.wasm", content -> { });
        assertThat(http.send(HttpRequest.newBuilder(crn("/vm/" + program + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String stop = "/control/machine/" + program + "/stop";

        HttpResponse<String> stranger = operate("POST", stop, STRANGER, DOMAIN, Instant.now().plusSeconds(600),
                stop);
        assertThat(stranger.statusCode()).as("%s", stranger.body()).isEqualTo(403);
        assertThat(stranger.body()).contains("Unauthorized sender");
        assertThat(running()).contains(program);

        HttpResponse<String> owner = operate("POST", stop, ProgramPublisher.ownerKey(), DOMAIN,
                Instant.now().plusSeconds(600), stop);
        assertThat(owner.statusCode()).as("%s", owner.body()).isEqualTo(200);
        assertThat(owner.body()).contains("Stopped VM with ref " + program);
        assertThat(running()).doesNotContain(program);

        HttpResponse<String> delegate = operate("POST", stop, DELEGATE, DOMAIN, Instant.now().plusSeconds(600),
                stop);
        assertThat(delegate.statusCode()).as("%s", delegate.body()).isEqualTo(200);
        assertThat(delegate.body()).contains("Already stopped");
    }

    @Test
    void anOwnerOperationWithAnExpiredKeyForAnotherPathOrDomainOrWithoutHeadersIsRefused() throws Exception {
        String program = publisher.publish(wasmZip, "main.wasm", content -> { });
        String stop = "/control/machine/" + program + "/stop";
        ECKeyPair owner = ProgramPublisher.ownerKey();

        HttpResponse<String> expired = operate("POST", stop, owner, DOMAIN, Instant.now().minusSeconds(1), stop);
        HttpResponse<String> otherPath = operate("POST", stop, owner, DOMAIN, Instant.now().plusSeconds(600),
                "/control/machine/" + program + "/erase");
        HttpResponse<String> otherDomain = operate("POST", stop, owner, "elsewhere.test",
                Instant.now().plusSeconds(600), stop);
        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(crn(stop))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("Token expired");
        assertThat(otherPath.statusCode()).isEqualTo(401);
        assertThat(otherPath.body()).contains("Invalid path");
        assertThat(otherDomain.statusCode()).isEqualTo(401);
        assertThat(bare.statusCode()).isEqualTo(400);
    }

    @Test
    void theOwnerReadsTheProgramsLogs() throws Exception {
        String program = publisher.publish(wasmZip, "main.wasm", content -> { });
        String logs = "/control/machine/" + program + "/logs";

        HttpResponse<String> answer = operate("GET", logs, ProgramPublisher.ownerKey(), DOMAIN,
                Instant.now().plusSeconds(600), logs);

        assertThat(answer.statusCode()).as("%s", answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).isArray()).isTrue();
    }

    private String persistentProgram() throws Exception {
        return publisher.publish(wasmZip, "main.wasm", content -> content.with("on").put("persistent", true));
    }

    private static String allocation(String... programs) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        var list = body.putArray("persistent_vms");
        Arrays.stream(programs).forEach(list::add);
        body.putArray("instances");
        return JSON.writeValueAsString(body);
    }

    private HttpResponse<String> allocate(String body, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(crn("/control/allocations")).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The reference scheduler's header: a sorted, compact JSON payload, hex-encoded, signed with personal_sign. */
    private static String allocationHeader(ECKeyPair signer, String method, String path, String body, long iat)
            throws Exception {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("method", method);
        payload.put("path", path);
        payload.put("body_sha256", HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8))));
        payload.put("iat", iat);
        byte[] bytes = JSON.writeValueAsBytes(payload);
        return "Aleph-EIP191-V1 sig=" + personalSign(bytes, signer) + ",payload=" + HexFormat.of().formatHex(bytes);
    }

    private HttpResponse<String> operate(String method, String path, ECKeyPair wallet, String domain,
                                         Instant expires, String signedPath) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ephemeral = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) ephemeral.getPublic();
        ObjectNode keyPayload = JSON.createObjectNode();
        keyPayload.putObject("pubkey").put("kty", "EC").put("crv", "P-256")
                .put("x", base64Url(publicKey.getW().getAffineX())).put("y", base64Url(publicKey.getW().getAffineY()));
        keyPayload.put("alg", "ECDSA").put("domain", domain).put("address", address(wallet)).put("chain", "ETH")
                .put("expires", expires.toString());
        byte[] keyBytes = JSON.writeValueAsBytes(keyPayload);
        ObjectNode signedKey = JSON.createObjectNode().put("payload", HexFormat.of().formatHex(keyBytes))
                .put("signature", personalSign(keyBytes, wallet));

        ObjectNode operation = JSON.createObjectNode().put("time", Instant.now().toString()).put("method", method)
                .put("path", signedPath).put("domain", domain);
        byte[] operationBytes = JSON.writeValueAsBytes(operation);
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initSign(ephemeral.getPrivate());
        es256.update(operationBytes);
        ObjectNode signedOperation = JSON.createObjectNode()
                .put("payload", HexFormat.of().formatHex(operationBytes))
                .put("signature", HexFormat.of().formatHex(es256.sign()));

        HttpRequest.Builder request = HttpRequest.newBuilder(crn(path))
                .header("X-SignedPubKey", JSON.writeValueAsString(signedKey))
                .header("X-SignedOperation", JSON.writeValueAsString(signedOperation));
        request = method.equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.noBody());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base64Url(BigInteger coordinate) {
        byte[] raw = coordinate.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static String personalSign(byte[] message, ECKeyPair key) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(message, key);
        HexFormat hex = HexFormat.of();
        return "0x" + hex.formatHex(signature.getR()) + hex.formatHex(signature.getS())
                + hex.formatHex(signature.getV());
    }

    private static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key);
    }

    private String running() throws Exception {
        return http.send(HttpRequest.newBuilder(crn("/about/executions/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI crn(String path) {
        return URI.create("http://127.0.0.1:" + crnPort + path);
    }
}
