package io.aleph4j.distribution.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.kernel.Aleph4j;
import io.aleph4j.kernel.Node;
import io.aleph4j.testkit.SdkVectors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled dev distribution, started the way the README's first command starts it. */
final class DevDistributionIT {

    private static final Path LAUNCHER = NodeProcess.DISTRIBUTION.resolve("bin/aleph4j");

    @TempDir
    Path work;

    @Test
    void theLauncherStartsTheNodeWhichLogsItsSummaryServesAndStopsCleanlyOnInterrupt() throws Exception {
        Path output = work.resolve("node.log");
        NodeProcess process = NodeProcess.launch(work.resolve("data"), output, List.of());
        try {
            URI address = process.awaitApi(Duration.ofSeconds(60));
            assertThat(Files.readString(output)).contains("node 'dev' started: loaded 10 plugins")
                    .contains("chain-evm").contains("chain-solana").contains("chain-tezos").contains("state-sqlite")
                    .contains("hello").contains("api-http").contains("content-fs").contains("ContentStore x1").contains("ChainBridge x3").contains("StateStore x1")
                    .contains("message pipeline started on state-sqlite").contains("vm-process").contains("vm-wasm").contains("crn-supervisor")
                    .contains("VmRuntime x2");
            URI crn = LauncherOutput.awaitCrnAddress(output, Duration.ofSeconds(30));
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> hello = client.send(HttpRequest.newBuilder(address.resolve("/hello")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(hello.statusCode()).isEqualTo(200);
                assertThat(hello.body()).contains("\"greeting\":\"hello from the aleph4j dev node\"");
                HttpResponse<String> messages = client.send(HttpRequest.newBuilder(
                        address.resolve("/api/v0/messages.json")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(messages.statusCode()).isEqualTo(200);
                assertThat(messages.body()).contains("\"pagination_item\":\"messages\"");
                HttpResponse<String> version = client.send(HttpRequest.newBuilder(
                        address.resolve("/api/v0/version")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(version.body()).contains("\"version\":\"aleph4j-0.");
                HttpResponse<String> executions = client.send(HttpRequest.newBuilder(
                        crn.resolve("/about/executions/list")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(executions.statusCode()).isEqualTo(200);
                assertThat(executions.body()).isEqualTo("{}");
                assertThat(executions.headers().firstValue("server").orElseThrow()).startsWith("aleph-vm/");
            }

            process.interrupt();
            assertThat(Files.readString(output)).contains("node 'dev' stopping").contains("node 'dev' stopped")
                    .doesNotContain("Exception");
            assertThat(work.resolve("data/log/inbox")).isDirectory();
        } finally {
            process.close();
        }
    }

    @Test
    void theLauncherRefusesAnUnknownConfigKeyByNameWithoutAStackTrace() throws Exception {
        Process process = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(),
                "--data-dir", work.resolve("data").toString(), "--set", "hello.greting=hi")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out).contains("aleph4j: plugin 'hello'").contains("unknown config key 'hello.greting'")
                .doesNotContain("\tat ");
    }

    @Test
    void theReplayCommandRebuildsTheStateFromTheLogAndExits() throws Exception {
        Path data = work.resolve("data");
        long last = -1;
        // Messages signed by the official SDK, logged by a node that processes nothing (it has no state store).
        try (Node logOnly = Aleph4j.node().dataDirectory(data).set("node", "http.port", 0).start()) {
            for (Message message : SdkVectors.messages(Chain.ETH)) {
                last = logOnly.messageIntake().submit(message, Origin.API).inboxIndex();
            }
        }

        // A replay starts the node's plugins as serving does (its HTTP on a free port): the CRN's port is freed too.
        Path output = work.resolve("replay.log");
        int exit = NodeProcess.launch(data, output, List.of("replay")).awaitExit(Duration.ofSeconds(60));
        String out = Files.readString(output);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("replay: state-sqlite rebuilt through inbox index " + last)
                .contains("aleph4j replay: the state of node 'dev' was rebuilt from its log")
                .contains("node 'dev' stopped").doesNotContain("Exception");
        assertThat(data.resolve("plugins/state-sqlite/state.db")).isRegularFile();
    }
}
