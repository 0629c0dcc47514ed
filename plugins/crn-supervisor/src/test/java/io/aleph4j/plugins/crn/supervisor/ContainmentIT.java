package io.aleph4j.plugins.crn.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile programs are contained, and the supervisor keeps serving the others: each test runs a program that does
 * what it must not (read the host's files, connect out without {@code internet}, allocate past its memory, spin
 * past its time, fork without bound) and then asks a well-behaved program, which must answer. Limits come from
 * the host's cgroups (vm-process logs which); these tests expect them, as on the CI machine (root, cgroup v1).
 */
final class ContainmentIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    private static EmbeddedNode node;
    private static int crnPort;
    private static ProgramPublisher publisher;
    private static String wellBehaved;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startNode() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            crnPort = socket.getLocalPort();
        }
        node = EmbeddedNode.builder().dataDirectory(data)
                .classpathPlugins("chain-evm", "state-sqlite", "content-fs", "api-http", "vm-process", "crn-supervisor")
                .set("crn-supervisor", "port", crnPort).set("crn-supervisor", "reuse-timeout", "2s")
                .set("vm-process", "max-processes", 64).start();
        publisher = new ProgramPublisher(node);
        wellBehaved = publish(content -> content.with("environment").put("internet", false));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aProgramCannotReadTheHostsFilesOrTheNodesData() throws Exception {
        Path stateDatabase = data.resolve("plugins/state-sqlite/state.db");
        assertThat(stateDatabase).exists();

        assertThat(result(wellBehaved, "/read?path=" + stateDatabase.toAbsolutePath())).isEqualTo("FileNotFoundError");
        assertThat(result(wellBehaved, "/read?path=/etc/shadow")).isEqualTo("FileNotFoundError");
        assertThat(result(wellBehaved, "/read?path=/root/.bashrc")).isEqualTo("FileNotFoundError");
        assertThat(result(wellBehaved, "/read?path=/opt/code/main.py")).startsWith("read ");
    }

    @Test
    void aProgramWithoutInternetConnectsNowhereNeitherToTheNodeNorToTheHostsAddress() throws Exception {
        int nodePort = node.uri("/").getPort();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            assertThat(result(wellBehaved, "/connect?host=127.0.0.1&port=" + nodePort))
                    .isEqualTo("ConnectionRefusedError");
            String hostAddress = nonLoopbackAddress();
            if (hostAddress != null) {
                assertThat(result(wellBehaved, "/connect?host=" + hostAddress + "&port=" + listening.getLocalPort()))
                        .isNotEqualTo("connected");
            }
        }
    }

    @Test
    void aProgramWithInternetReachesTheHostsNetworkButNotTheHostsLoopback() throws Exception {
        String online = publish(content -> content.with("environment").put("internet", true));
        int nodePort = node.uri("/").getPort();
        String hostAddress = nonLoopbackAddress();
        assertThat(hostAddress).as("this test needs an interface other than loopback").isNotNull();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            assertThat(result(online, "/connect?host=" + hostAddress + "&port=" + listening.getLocalPort()))
                    .isEqualTo("connected");
            assertThat(result(online, "/connect?host=127.0.0.1&port=" + nodePort)).isEqualTo("ConnectionRefusedError");
            assertThat(result(online, "/connect?host=10.0.2.2&port=" + nodePort)).isNotEqualTo("connected");
        }
    }

    @Test
    void aProgramAllocatingPastItsMemoryIsKilledWith502AndStartsAgainOnTheNextRequest() throws Exception {
        String hog = publish(content -> content.with("resources").put("memory", 64));

        HttpResponse<String> hogging = get(hog, "/hog");

        assertThat(hogging.statusCode()).as(hogging.body()).isEqualTo(502);
        assertThat(JSON.readTree(hogging.body()).path("error").asText()).startsWith("VM did not respond")
                .contains("memory");
        assertThat(get(wellBehaved, "/").statusCode()).isEqualTo(200);
        assertThat(get(hog, "/again").statusCode()).isEqualTo(200);
    }

    @Test
    void aProgramSpinningPastItsSecondsGets504WhileOthersAreServed() throws Exception {
        String spinner = publish(content -> content.with("resources").put("seconds", 1));
        get(spinner, "/warm");

        CompletableFuture<HttpResponse<String>> spinning = http.sendAsync(
                HttpRequest.newBuilder(crn("/vm/" + spinner + "/spin")).build(), HttpResponse.BodyHandlers.ofString());
        long started = System.nanoTime();
        HttpResponse<String> other = get(wellBehaved, "/meanwhile");

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(spinning.get().statusCode()).isEqualTo(504);
    }

    @Test
    void aForkBombIsRefusedItsProcessesPastTheLimitAndOthersAreServed() throws Exception {
        String bomber = publish(content -> { });

        JsonNode answer = JSON.readTree(get(bomber, "/forkbomb").body());

        assertThat(answer.path("refused").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("forked").asInt()).isLessThan(64);
        assertThat(get(wellBehaved, "/after-the-bomb").statusCode()).isEqualTo(200);
    }

    private static String publish(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> adjust)
            throws Exception {
        return publisher.publish(ProgramPublisher.asgiTestProgram(), "main:app", adjust);
    }

    private String result(String program, String path) throws Exception {
        HttpResponse<String> response = get(program, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("result").asText();
    }

    private HttpResponse<String> get(String program, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(crn("/vm/" + program + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI crn(String path) {
        return URI.create("http://127.0.0.1:" + crnPort + path);
    }

    private static String nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        return null;
    }
}
