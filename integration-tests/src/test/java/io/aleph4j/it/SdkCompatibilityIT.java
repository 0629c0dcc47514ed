package io.aleph4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The official Aleph TypeScript SDK (npm {@code @aleph-sdk/*} 1.7.4, unchanged) against a node with the HTTP
 * API: with an Ethereum, a Solana and a Tezos account it posts, amends, writes aggregates and forgets, and reads
 * everything back through its own read calls ({@code src/test/js/sdk-compat/run.mjs} holds the assertions); the
 * node is also a CRN, and the ETH account publishes a zipped ASGI program with createProgram and calls it through
 * the CRN's {@code /vm/{hash}/}.
 * Where the SDK disagrees with the node, the node is wrong.
 */
final class SdkCompatibilityIT {

    private static final Path PROJECT = Path.of("src/test/js/sdk-compat");

    @Test
    void theOfficialTypeScriptSdkWritesAndReadsEverythingOnEveryChainFamily() throws Exception {
        assertThat(PROJECT.resolve("node_modules/@aleph-sdk/client")).as(
                "the SDK is installed: `npm ci` in integration-tests/src/test/js/sdk-compat (./run-tests does it)")
                .isDirectory();
        int crnPort = freePort();
        Path programZip = Files.createTempFile("sdk-program", ".zip");
        Files.write(programZip, asgiProgramZip());
        try (PipelineNode node = PipelineNode.startWith(builder -> builder.set("crn-supervisor", "port", crnPort),
                "api-http", "content-fs", "vm-process", "crn-supervisor")) {
            String url = node.embedded().uri("/").toString().replaceAll("/$", "");
            Path output = Files.createTempFile("sdk-compat", ".log");
            Process sdk = new ProcessBuilder("node", "run.mjs", url, "http://127.0.0.1:" + crnPort,
                    programZip.toAbsolutePath().toString())
                    .directory(PROJECT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = sdk.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                sdk.destroyForcibly();
            }
            String log = read(output);
            Files.deleteIfExists(output);
            assertThat(finished).as("the SDK run finished in time:\n%s", log).isTrue();
            assertThat(sdk.exitValue()).as("the SDK run's exit code:\n%s", log).isZero();
            assertThat(log).contains("ok ETH forget removes the post from every read")
                    .contains("ok SOL forget removes the post from every read")
                    .contains("ok TEZOS forget removes the post from every read")
                    .contains("ok ETH createStore uploads a file with its STORE message and downloadFile reads it back")
                    .contains("ok TEZOS createStore on the ipfs engine gets the file's CIDv0 and downloadFile reads it"
                            + " back")
                    .contains("ok SOL the messages websocket sends history, then new messages as they are processed")
                    .contains("ok ETH createProgram (code on the ipfs engine) is processed and listed as "
                            + "message-triggered")
                    .contains("ok SOL createInstance with the SDK's defaults is processed")
                    .contains("ok ETH a program published with createProgram answers through the CRN's /vm/{hash}/")
                    .contains("all SDK checks passed");
        }
    }

    /** A user's ASGI program: answers with what it was asked and the GREETING its message's variables set. */
    private static byte[] asgiProgramZip() throws IOException {
        String main = """
                import json, os

                async def app(scope, receive, send):
                    if scope["type"] != "http":
                        return
                    body = b""
                    while True:
                        message = await receive()
                        body += message.get("body", b"")
                        if not message.get("more_body"):
                            break
                    answer = {"path": scope["path"], "query": scope["query_string"].decode(),
                              "body": body.decode(), "greeting": os.environ.get("GREETING")}
                    await send({"type": "http.response.start", "status": 200,
                                "headers": [(b"content-type", b"application/json")]})
                    await send({"type": "http.response.body", "body": json.dumps(answer).encode()})
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("main.py"));
            zip.write(main.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
