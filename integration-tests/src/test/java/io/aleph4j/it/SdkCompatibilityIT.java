package io.aleph4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official Aleph TypeScript SDK (npm {@code @aleph-sdk/*} 1.7.4, unchanged) against a node with the HTTP
 * API: with an Ethereum, a Solana and a Tezos account it posts, amends, writes aggregates and forgets, and reads
 * everything back through its own read calls ({@code src/test/js/sdk-compat/run.mjs} holds the assertions).
 * Where the SDK disagrees with the node, the node is wrong.
 */
final class SdkCompatibilityIT {

    private static final Path PROJECT = Path.of("src/test/js/sdk-compat");

    @Test
    void theOfficialTypeScriptSdkWritesAndReadsEverythingOnEveryChainFamily() throws Exception {
        assertThat(PROJECT.resolve("node_modules/@aleph-sdk/client")).as(
                "the SDK is installed: `npm ci` in integration-tests/src/test/js/sdk-compat (./run-tests does it)")
                .isDirectory();
        try (PipelineNode node = PipelineNode.startWith("api-http", "content-fs")) {
            String url = node.embedded().uri("/").toString().replaceAll("/$", "");
            Path output = Files.createTempFile("sdk-compat", ".log");
            Process sdk = new ProcessBuilder("node", "run.mjs", url)
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
                    .contains("all SDK checks passed");
        }
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
