package io.aleph4j.plugins.crn.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.plugins.support.Base32;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.Wat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CCN and its CRN in one node, as the dev distribution runs them: programs published as a user publishes them
 * (code uploaded, STORE and PROGRAM signed by an ETH wallet) run on vm-process under bubblewrap and answer through
 * the supervisor's {@code /vm/{hash}/...}. Needs bubblewrap, socat, python3 and python3-uvicorn (.ci/run installs
 * them).
 */
final class CrnSupervisorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BINARY_SERVER = """
            #!/usr/bin/python3
            import http.server, json, sys

            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    data = json.dumps({"binary": True, "path": self.path, "args": sys.argv[1:]}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

                def log_message(self, *args):
                    pass

            http.server.HTTPServer(("127.0.0.1", 8080), Handler).serve_forever()
            """;

    @TempDir
    static Path data;
    private static EmbeddedNode node;
    private static int crnPort;
    private static ProgramPublisher publisher;
    private static String asgi;
    private static String binary;
    private static String wasm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNodeAndPublishPrograms() throws Exception {
        crnPort = freePort();
        node = EmbeddedNode.builder().dataDirectory(data)
                .classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http", "vm-process", "vm-wasm",
                        "crn-supervisor")
                .set("crn-supervisor", "port", crnPort).set("crn-supervisor", "reuse-timeout", "2s").start();
        publisher = new ProgramPublisher(node);
        int nodePort = node.uri("/").getPort();
        asgi = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app",
                program -> program.putObject("variables").put("GREETING", "hello from the message")
                        .put("NODE_PORT", String.valueOf(nodePort)));
        binary = publisher.publish(ProgramPublisher.zip(Map.of("bin/server", BINARY_SERVER)), "bin/server",
                program -> program.with("code").putArray("args").add("--flag").add("value"));
        wasm = publisher.publish(ProgramPublisher.zipBytes(Map.of("main.wasm",
                Wat.compileResource(CrnSupervisorIT.class, "/programs/cgi_env.wat"))), "main.wasm",
                program -> program.putObject("variables").put("GREETING", "hello from the message"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anAsgiProgramPublishedWithTheSdksDefaultsAnswersThroughVmPathWithTheRequestAndItsVariables()
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + asgi + "/echo/path?x=1&y=2"))
                .POST(HttpRequest.BodyPublishers.ofString("the body")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("method").asText()).isEqualTo("POST");
        assertThat(answer.path("path").asText()).isEqualTo("/echo/path");
        assertThat(answer.path("query").asText()).isEqualTo("x=1&y=2");
        assertThat(answer.path("body").asText()).isEqualTo("the body");
        assertThat(answer.path("greeting").asText()).isEqualTo("hello from the message");
        assertThat(answer.path("hostname").asText()).isEqualTo(Base32.encode(HexFormat.of().parseHex(asgi)));
        assertThat(response.headers().firstValue("x-program")).hasValue("asgi");
        assertThat(response.headers().firstValue("aleph-program-itemhash")).hasValue(asgi);
        assertThat(response.headers().firstValue("server").orElseThrow()).startsWith("aleph-vm/");
    }

    @Test
    void aRequestBodyReachesTheProgramWithItsContentLengthAndABodilessRequestWithNone() throws Exception {
        JsonNode posted = JSON.readTree(http.send(HttpRequest.newBuilder(crn("/vm/" + asgi + "/framing"))
                .POST(HttpRequest.BodyPublishers.ofString("twelve bytes")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode got = JSON.readTree(http.send(HttpRequest.newBuilder(crn("/vm/" + asgi + "/framing")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(posted.path("content_length").asText()).isEqualTo("12");
        assertThat(posted.path("transfer_encoding").isNull()).as("%s", posted).isTrue();
        assertThat(posted.path("body").asText()).isEqualTo("twelve bytes");
        assertThat(got.path("transfer_encoding").isNull()).as("%s", got).isTrue();
        assertThat(got.path("body").asText()).isEmpty();
    }

    @Test
    void theHeadersTheClientsConnectionNamesStayOnItsHopAndTheOthersReachTheProgram() throws Exception {
        // As the JDK's client offers h2c: Connection names HTTP2-Settings, which concerns the client's hop alone.
        String response = rawGet("127.0.0.1", "/vm/" + asgi + "/headers",
                "Connection: close, X-Hop, HTTP2-Settings\r\nX-Hop: for the supervisor\r\n"
                        + "HTTP2-Settings: AAMAAABkAAQBAAAAAAIAAAAA\r\nX-Kept: for the program\r\n");

        assertThat(response).startsWith("HTTP/1.1 200").contains("\"x-kept\"");
        assertThat(response).doesNotContain("\"x-hop\"").doesNotContain("\"http2-settings\"")
                .doesNotContain("\"connection\"");
    }

    @Test
    void aWasmProgramPublishedWithTheSdksDefaultRuntimeRunsInTheJvmAndAnswersThroughVmPath() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + wasm + "/from/wasm?q=1"))
                .header("X-Test", "yes").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-program")).hasValue("wasm");
        assertThat(response.body().lines()).contains("REQUEST_METHOD=GET", "PATH_INFO=/from/wasm", "QUERY_STRING=q=1",
                "HTTP_X_TEST=yes", "GREETING=hello from the message", "ALEPH_ITEM_HASH=" + wasm);
        JsonNode executions = JSON.readTree(http.send(HttpRequest.newBuilder(crn("/about/executions/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(executions.has(wasm)).as("%s", executions).isTrue();
    }

    @Test
    void theSystemUsageHasTheReferencesShapeWithTheHostsFigures() throws Exception {
        JsonNode usage = JSON.readTree(http.send(HttpRequest.newBuilder(crn("/about/usage/system")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        assertThat(usage.path("cpu").path("count").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(usage.path("cpu").path("load_average").has("load15")).isTrue();
        long total = usage.path("mem").path("total_kB").asLong();
        long available = usage.path("mem").path("available_kB").asLong();
        assertThat(available).isPositive().isLessThanOrEqualTo(total);
        assertThat(usage.path("disk").path("available_kB").asLong()).isPositive();
        assertThat(usage.path("period").path("duration_seconds").asInt()).isEqualTo(60);
        assertThat(usage.path("period").path("start_timestamp").asText()).endsWith(":00Z");
        assertThat(usage.path("properties").path("cpu").path("architecture").asText()).isNotEmpty();
        assertThat(usage.path("active").asBoolean()).isTrue();
    }

    @Test
    void aWebSocketIsCarriedIntoTheProgramAndItsEchoesBack() throws Exception {
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket socket = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + crnPort + "/vm/" + asgi + "/ws"), new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                                                                           CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, java.util.concurrent.TimeUnit.SECONDS);

        socket.sendText("hello", true).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("echo: hello");
        socket.sendText("x".repeat(100_000), true).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("echo: " + "x".repeat(100_000));
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void theConfigIsTheOperatorsAfterLoginWithTheStartsTokenAndTheLoginRefusesAnyOther() throws Exception {
        Path tokenFile = data.resolve("plugins/crn-supervisor/executions/login_token");
        String token = Files.readString(tokenFile);
        assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactly(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ);

        assertThat(exchange("/about/login").statusCode()).isEqualTo(401);
        assertThat(exchange("/about/login?token=wrong").statusCode()).isEqualTo(401);
        assertThat(exchange("/about/config").statusCode()).isEqualTo(401);
        HttpResponse<String> login = exchange("/about/login?token=" + token);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("location").orElseThrow()).endsWith("/about/config");
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(crn("/about/config")).header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(config.body()).path("vm_runtimes").toString()).contains("process", "wasm");
        JsonNode publicConfig = JSON.readTree(get("/status/config"));
        assertThat(publicConfig.path("DOMAIN_NAME").asText()).isEqualTo("localhost");
        assertThat(publicConfig.path("computing").path("ENABLE_QEMU_SUPPORT").asBoolean()).isFalse();
    }

    private HttpResponse<String> exchange(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(crn(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void volumesAndDataAreMountedTheImmutableReadOnlyThePersistentKeptAcrossExecutionsTheEphemeralFresh() throws Exception {
        String assets = publisher.store(ProgramPublisher.zip(Map.of("greeting.txt", "from a volume")));
        String seed = publisher.store(ProgramPublisher.zip(Map.of("seed.txt", "seeded")));
        String program = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app", content -> {
            content.putObject("data").put("encoding", "zip").put("ref", seed).put("use_latest", false)
                    .put("mount", "/data");
            var volumes = content.putArray("volumes");
            volumes.addObject().put("ref", assets).put("use_latest", false).put("mount", "/mnt/assets");
            volumes.addObject().put("name", "state").put("size_mib", 10).put("persistence", "host")
                    .put("mount", "/mnt/state");
            volumes.addObject().put("ephemeral", true).put("size_mib", 10).put("mount", "/mnt/scratch");
        });

        assertThat(programResult(program, "/cat?path=/mnt/assets/greeting.txt")).isEqualTo("from a volume");
        assertThat(programResult(program, "/write?path=/mnt/assets/greeting.txt&text=changed")).isNotEqualTo("written");
        assertThat(programResult(program, "/write?path=/mnt/state/counter&text=1")).isEqualTo("written");
        assertThat(programResult(program, "/write?path=/mnt/scratch/note&text=x")).isEqualTo("written");
        assertThat(programResult(program, "/cat?path=/data/seed.txt")).isEqualTo("seeded");
        assertThat(programResult(program, "/write?path=/data/out.txt&text=y")).isEqualTo("written");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (JSON.readTree(get("/about/executions/list")).has(program) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(JSON.readTree(get("/about/executions/list")).has(program)).as("stopped when idle").isFalse();

        assertThat(programResult(program, "/cat?path=/mnt/state/counter")).isEqualTo("1");
        assertThat(programResult(program, "/cat?path=/mnt/scratch/note")).isEqualTo("FileNotFoundError");
        assertThat(programResult(program, "/cat?path=/mnt/assets/greeting.txt")).isEqualTo("from a volume");
    }

    @Test
    void aVolumeOnTheSandboxesOwnPathsIsRefused() throws Exception {
        String program = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app", content -> content
                .putArray("volumes").addObject().put("name", "evil").put("size_mib", 1).put("mount", "/usr/lib"));

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(crn("/vm/" + program + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("/usr");
    }

    private String programResult(String program, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(crn("/vm/" + program + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s", answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("result").asText();
    }

    @Test
    void theProgramsStatusIsForwardedAsItAnswersIt() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + asgi + "/teapot")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(418);
    }

    @Test
    void aBinaryProgramRunsItsExecutableWithItsArgsAndIsReachedByItsHostnameToo() throws Exception {
        HttpResponse<String> byPath = http.send(HttpRequest.newBuilder(crn("/vm/" + binary + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        String label = Base32.encode(HexFormat.of().parseHex(binary));
        String byHost = rawGet(label + ".localhost", "/hello/by-host");

        assertThat(byPath.statusCode()).as("%s", byPath.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(byPath.body());
        assertThat(answer.path("binary").asBoolean()).isTrue();
        assertThat(answer.path("path").asText()).isEqualTo("/hello");
        assertThat(answer.path("args").toString()).isEqualTo("[\"--flag\",\"value\"]");
        assertThat(byHost).startsWith("HTTP/1.1 200").contains("\"path\": \"/hello/by-host\"");
    }

    @Test
    void aProgramHasNoNetworkToReachTheNodeAndCannotWriteItsCode() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + asgi + "/probe")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(response.body()).path("node_api").asText()).isEqualTo("unreachable");
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("read-only");
    }

    @Test
    void aRequestLongerThanTheProgramsSecondsGets504() throws Exception {
        String quick = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app",
                program -> program.with("resources").put("seconds", 1));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + quick + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(504);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .startsWith("Program did not respond within `resource.seconds`");
    }

    @Test
    void aProgramThatExitsBeforeListeningGets500WithItsOutput() throws Exception {
        String failing = publisher.publish(ProgramPublisher.zip(Map.of("start.sh",
                "#!/bin/sh\necho 'missing configuration file' >&2\nexit 3\n")), "start.sh", program -> { });

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + failing + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).path("error").asText())
                .startsWith("Error during runtime initialisation").contains("exited with status 3")
                .contains("missing configuration file");
    }

    @Test
    void aRuntimeThisCrnDoesNotProvideIsNamedInA400NotAHang() throws Exception {
        String unknownRuntime = "ab".repeat(32);
        String program = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app",
                content -> content.with("runtime").put("ref", unknownRuntime));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(crn("/vm/" + program + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("runtime " + unknownRuntime)
                .contains("is not one this CRN provides");
    }

    @Test
    void anUnknownProgramIs404AndAMalformedReference400() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(crn("/vm/" + "cd".repeat(32) + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> malformed = http.send(HttpRequest.newBuilder(crn("/vm/not-a-hash/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).as("%s", unknown.body()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("not found");
        assertThat(malformed.statusCode()).as("%s", malformed.body()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("error").asText()).isEqualTo("Invalid message reference");
    }

    @Test
    void anOnDemandProgramIsListedWhileItRunsAndStoppedAfterTheReuseTimeout() throws Exception {
        String program = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app",
                content -> content.putObject("variables").put("GREETING", "idle test"));
        http.send(HttpRequest.newBuilder(crn("/vm/" + program + "/")).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode listed = JSON.readTree(get("/about/executions/list"));
        assertThat(listed.path(program).path("vm_type").asText()).isEqualTo("microvm");
        assertThat(JSON.readTree(get("/v2/about/executions/list")).path(program).path("running").asBoolean())
                .isTrue();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (JSON.readTree(get("/about/executions/list")).has(program) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(JSON.readTree(get("/about/executions/list")).has(program)).isFalse();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(crn(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI crn(String path) {
        return URI.create("http://127.0.0.1:" + crnPort + path);
    }

    /** A GET with a Host header of our choosing, which the JDK's client does not send. */
    private static String rawGet(String host, String path) throws IOException {
        return rawGet(host, path, "Connection: close\r\n");
    }

    /** A GET with the given header lines (each ending in CRLF; a Connection one among them), as the JDK forbids. */
    private static String rawGet(String host, String path, String headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", crnPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headerLines + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
