package io.aleph4j.plugins.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.plugins.crn.supervisor.ProgramPublisher;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.Wat;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Seed steps 3–6 on one real node that is both a CCN (api-http, state, the scheduler) and its CRN (crn-supervisor on
 * vm-wasm): the registry (a {@code corechannel} aggregate) links the CRN to the CCN, a persistent program is posted,
 * and the scheduler's signed allocation has the CRN run it before anyone asks it anything.
 */
class SchedulerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ECKeyPair REGISTRY = ECKeyPair.create(new BigInteger("c0dec4a77e1", 16));
    private static final String SCHEDULER_KEY = "5c4ed01e4a11";
    private static final String CCN = "c".repeat(64);
    private static final String CRN = "d".repeat(64);

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPersistentProgramIsAllocatedToTheLinkedCrnAndAnswersWithoutAFirstRequest() throws Exception {
        int crnPort = freePort();
        Path keyFile = Files.writeString(data.resolve("scheduler.key"), SCHEDULER_KEY);
        String schedulerAddress = "0x" + Keys.getAddress(ECKeyPair.create(new BigInteger(SCHEDULER_KEY, 16)));
        try (EmbeddedNode node = EmbeddedNode.builder().dataDirectory(data.resolve("node"))
                .classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http", "vm-wasm", "crn-supervisor",
                        "scheduler")
                .set("crn-supervisor", "port", crnPort)
                .set("crn-supervisor", "allocation-signers", List.of(schedulerAddress))
                .set("scheduler", "registry-owner", "0x" + Keys.getAddress(REGISTRY))
                .set("scheduler", "node-hash", CCN).set("scheduler", "every", "300ms")
                .set("scheduler", "key-file", keyFile.toString())
                .start()) {
            ProgramPublisher publisher = new ProgramPublisher(node);
            publisher.aggregate(REGISTRY, "corechannel", registry("http://127.0.0.1:" + crnPort));
            byte[] code = ProgramPublisher.zipBytes(Map.of("main.wasm",
                    Wat.compileResource(SchedulerIT.class, "/programs/cgi_env.wat")));
            String persistent = publisher.publish(code, "main.wasm", content -> ((ObjectNode) content.get("on"))
                    .put("persistent", true));
            String onDemand = publisher.publish(code, "main.wasm", content -> { });

            String running = awaitRunning(crnPort, persistent, Duration.ofSeconds(30));

            assertThat(running).contains(persistent).doesNotContain(onDemand);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + crnPort
                    + "/vm/" + persistent + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("ALEPH_ITEM_HASH=" + persistent);
        }
    }

    /** A corechannel aggregate with this CCN and the CRN linked to it. */
    private static ObjectNode registry(String crnUrl) {
        ObjectNode registry = JSON.createObjectNode();
        registry.putArray("nodes").addObject().put("hash", CCN).put("owner", "0x" + Keys.getAddress(REGISTRY))
                .put("status", "active").putArray("resource_nodes").add(CRN);
        registry.putArray("resource_nodes").addObject().put("hash", CRN).put("address", crnUrl).put("parent", CCN)
                .put("status", "linked").put("type", "compute");
        return registry;
    }

    private String awaitRunning(int crnPort, String program, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String running = "";
        while (System.nanoTime() < deadline) {
            running = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + crnPort
                    + "/about/executions/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (running.contains(program)) {
                return running;
            }
            Thread.sleep(100);
        }
        return running;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
