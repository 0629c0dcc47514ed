package io.aleph4j.distribution.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.testkit.SdkVectors;
import io.aleph4j.testkit.SdkVectors.SdkRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three dev nodes as separate processes, as an operator composes a network from the distribution: the default
 * plugins plus the optional transport-libp2p, B and C bootstrapping from A. Messages signed by the official SDKs,
 * posted to A, are queryable on B and C; C stopped while more are posted finds them once restarted, from the API it
 * discovers on ALIVE.
 */
final class NetworkOfProcessesIT {

    private static final Path DISTRIBUTION = NodeProcess.DISTRIBUTION;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<NodeProcess> processes = new ArrayList<>();

    @TempDir
    Path work;

    private record Running(NodeProcess process, NodeApi api) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (NodeProcess process : processes) {
            process.close();
        }
        http.close();
    }

    @Test
    void messagesPostedToOneProcessReachTheOthersAndAStoppedOneCatchesUpOnceRestarted() throws Exception {
        Path plugins = pluginsWithNetwork();
        Running a = start("a", plugins, List.of());
        String aAddress = JSON.readTree(a.api().get("/api/v0/info/public.json").body())
                .path("node_multi_addresses").get(0).asText();
        Running b = start("b", plugins, List.of(aAddress));
        Running c = start("c", plugins, List.of(aAddress));
        List<SdkRequest> signed = SdkVectors.requests().stream().filter(request -> request.message() != null
                && request.file() == null && (request.message().type() == MessageType.POST
                || request.message().type() == MessageType.AGGREGATE)).toList();
        assertThat(signed).hasSizeGreaterThanOrEqualTo(4);

        // Gossip reaches a peer once the mesh has formed: the first message is posted again until it has.
        SdkRequest first = signed.getFirst();
        await("the first SDK message gossiped from A to B and C", () -> {
            post(a.api(), first);
            return known(b.api(), first) && known(c.api(), first);
        });

        c.process().interrupt();
        List<SdkRequest> whileDown = signed.subList(1, signed.size());
        for (SdkRequest request : whileDown) {
            post(a.api(), request);
        }
        Running restarted = start("c", plugins, List.of(aAddress));
        await("C, restarted, catches up with what A received while it was down", () -> whileDown.stream()
                .allMatch(request -> known(restarted.api(), request)));
        await("B received them by gossip", () -> whileDown.stream().allMatch(request -> known(b.api(), request)));
    }

    /** The dev distribution's plugins plus its optional transport-libp2p, as an operator would compose them. */
    private Path pluginsWithNetwork() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(DISTRIBUTION.resolve("plugins"), "*.zip")) {
            for (Path zip : zips) {
                Files.copy(zip, plugins.resolve(zip.getFileName()));
            }
        }
        Path libp2p = DISTRIBUTION.resolve("optional-plugins/aleph4j-plugin-transport-libp2p.zip");
        Files.copy(libp2p, plugins.resolve(libp2p.getFileName()));
        return plugins;
    }

    private Running start(String name, Path plugins, List<String> bootstrap) throws Exception {
        Path config = work.resolve(name + ".yaml");
        Files.writeString(config, Files.readString(DISTRIBUTION.resolve("conf/aleph4j.yaml"))
                + "\ntransport-libp2p:\n  listen: [\"/ip4/127.0.0.1/tcp/0\"]\n  bootstrap: ["
                + String.join(", ", bootstrap.stream().map(address -> "\"" + address + "\"").toList())
                + "]\n  redial-every: 1s\n");
        NodeProcess process = NodeProcess.launch(work.resolve("data-" + name),
                work.resolve(name + "-" + System.nanoTime() + ".log"), List.of("--config", config.toString(),
                        "--plugins-dir", plugins.toString(), "--set", "node.name=" + name,
                        "--set", "node.p2p.alive-every=1s", "--set", "node.p2p.upkeep-every=1s",
                        "--set", "node.p2p.catch-up-every=1s"));
        processes.add(process);
        return new Running(process, new NodeApi(http, process.awaitApi(Duration.ofSeconds(120))));
    }

    private static void post(NodeApi api, SdkRequest request) {
        try {
            HttpResponse<String> answer = api.postMessage(request.messageJson(), false);
            assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean known(NodeApi api, SdkRequest request) {
        return api.get("/api/v0/messages/" + request.message().itemHash().value()).statusCode() == 200;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, WAIT, Duration.ofSeconds(1), condition);
    }
}
