package io.aleph4j.plugins.crn.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.Wat;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Message-triggered programs on a real node: an ASGI program whose {@code on.message} subscription matches a POST
 * is run with it as the reference's {@code aleph.message} event, whether it was posted before the CRN started (the
 * reference's CRN forgets those) or after; a POST that matches no subscription runs nothing. A wasm program gets
 * its messages too.
 */
class MessageTriggerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aMatchingPostRunsTheProgramsSubscribedToItIncludingOneRegisteredBeforeTheCrnStarted() throws Exception {
        String before;
        try (EmbeddedNode ccnOnly = node(false, 0)) {
            before = new ProgramPublisher(ccnOnly).publish(ProgramPublisher.asgiTestProgram(), "main:app",
                    program -> subscribe(program, "trigger-me"));
        }
        int crnPort = freePort();
        try (EmbeddedNode node = node(true, crnPort)) {
            ProgramPublisher publisher = new ProgramPublisher(node, 1_796_000_000.0);
            String after = publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app",
                    program -> subscribe(program, "trigger-me").put("allow_amend", true));
            String wasm = publisher.publish(ProgramPublisher.zipBytes(Map.of("main.wasm",
                    Wat.compileResource(MessageTriggerIT.class, "/programs/cgi_env.wat"))), "main.wasm",
                    program -> subscribe(program, "trigger-me"));

            String ignored = publisher.post("something-else", JSON.createObjectNode().put("n", 1));
            String matching = publisher.post("trigger-me", JSON.createObjectNode().put("n", 2));

            for (String program : List.of(before, after)) {
                List<String> received = awaitReceived(crnPort, program, matching, Duration.ofSeconds(30));
                assertThat(received).as("messages program %s ran on", program).contains(matching)
                        .doesNotContain(ignored);
            }
            JsonNode executions = JSON.readTree(http.send(HttpRequest.newBuilder(crn(crnPort,
                    "/about/executions/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(executions.has(wasm)).as("the wasm program was run on the message: %s", executions).isTrue();
        }
    }

    private static ObjectNode subscribe(ObjectNode program, String postType) {
        ArrayNode subscriptions = ((ObjectNode) program.get("on")).putArray("message");
        subscriptions.addObject().put("channel", "TEST").putObject("content").put("type", postType);
        return program;
    }

    private EmbeddedNode node(boolean withCrn, int crnPort) throws Exception {
        EmbeddedNode.Builder builder = EmbeddedNode.builder().dataDirectory(data);
        if (withCrn) {
            return builder.classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http", "vm-process",
                    "vm-wasm", "crn-supervisor").set("crn-supervisor", "port", crnPort).start();
        }
        return builder.classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http").start();
    }

    /** The item hashes of the messages the program was run on, once {@code expected} is among them. */
    private List<String> awaitReceived(int crnPort, String program, String expected, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> hashes = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(crn(crnPort, "/vm/" + program
                    + "/received")).build(), HttpResponse.BodyHandlers.ofString());
            hashes.clear();
            if (answer.statusCode() == 200) {
                JSON.readTree(answer.body()).path("received").forEach(m -> hashes.add(m.path("item_hash").asText()));
                if (hashes.contains(expected)) {
                    return hashes;
                }
            }
            Thread.sleep(200);
        }
        return hashes;
    }

    private static URI crn(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
