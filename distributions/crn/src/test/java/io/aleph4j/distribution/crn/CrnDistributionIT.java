package io.aleph4j.distribution.crn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.plugins.crn.supervisor.ProgramPublisher;
import io.aleph4j.testkit.EmbeddedNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled CRN distribution as a process of its own, tied to a CCN (embedded in the test JVM): a program
 * published to the CCN, as a user publishes it, is answered by the CRN at {@code /vm/{hash}/}, the CRN asking its
 * CCN for the messages and their code, and checking them itself.
 */
final class CrnDistributionIT {

    private static final Path LAUNCHER = Path.of("target/aleph4j-crn/bin/aleph4j");
    private static final Pattern CRN_ADDRESS = Pattern.compile("CRN supervisor on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void aProgramPublishedToTheCcnIsAnsweredByTheCrnWhichFetchesItsMessagesAndCodeFromTheCcn() throws Exception {
        try (EmbeddedNode ccn = EmbeddedNode.builder().dataDirectory(work.resolve("ccn"))
                .classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http").start();
             HttpClient http = HttpClient.newHttpClient()) {
            String ccnUrl = ccn.uri("/").toString().replaceAll("/$", "");
            String program = new ProgramPublisher(ccn).publish(ProgramPublisher.asgiTestProgram(), "main:app",
                    content -> content.putObject("variables").put("GREETING", "from the CRN distribution"));

            Path output = work.resolve("crn.log");
            Process crn = new ProcessBuilder(LAUNCHER.toAbsolutePath().toString(),
                    "--data-dir", work.resolve("crn").toString(), "--set", "node.http.port=0",
                    "--set", "crn-supervisor.port=" + freePort(), "--set", "crn-supervisor.api-server=" + ccnUrl,
                    "--set", "content-peers.peers=" + ccnUrl)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                URI supervisor = awaitCrnAddress(output, crn);
                assertThat(Files.readString(output)).contains("node 'crn' started").contains("crn-supervisor")
                        .contains("VmRuntime x2").doesNotContain("api-http");

                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(supervisor.resolve("/vm/" + program
                        + "/hello")).timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as("%s\n%s", answer.body(), Files.readString(output)).isEqualTo(200);
                JsonNode echoed = JSON.readTree(answer.body());
                assertThat(echoed.path("path").asText()).isEqualTo("/hello");
                assertThat(echoed.path("greeting").asText()).isEqualTo("from the CRN distribution");
            } finally {
                crn.destroy();
                if (!crn.waitFor(30, TimeUnit.SECONDS)) {
                    crn.destroyForcibly();
                }
            }
        }
    }

    private static URI awaitCrnAddress(Path output, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String log = Files.exists(output) ? Files.readString(output) : "";
            Matcher matcher = CRN_ADDRESS.matcher(log);
            if (matcher.find() && log.contains("started: loaded")) {
                return URI.create(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the CRN exited:\n" + log);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the CRN did not start within 60 s:\n" + Files.readString(output));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
