package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.http.WebSocketHandler;
import io.aleph4j.api.http.WebSocketSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NodeWebSocketTest {

    @TempDir
    Path dataDirectory;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Node node;
    private final HttpClient client = HttpClient.newHttpClient();

    /** A websocket that greets with its path and query parameters and echoes, and one that refuses everyone. */
    static final class RoomsPlugin implements AlephPlugin {
        @Override
        public void register(Registrar registrar) {
            registrar.extension(HttpRoutes.class, router -> {
                router.websocket("/ws/rooms/{room}", new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocketSession session) {
                        session.send("welcome to " + session.pathParameter("room").orElseThrow() + " as "
                                + session.queryParameters().getOrDefault("name", List.of("?")).getFirst()
                                + " on " + session.path());
                    }

                    @Override
                    public void onText(WebSocketSession session, String text) {
                        session.send("echo " + text);
                    }
                });
                router.websocket("/ws/closed", session -> {
                    throw new HttpProblem(422, "this room is closed");
                });
            });
        }
    }

    /** Collects what the server sends and how it closes. */
    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            received.add(data.toString());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            received.add("closed " + statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String value = received.poll(10, TimeUnit.SECONDS);
            assertThat(value).as("a frame within 10 s").isNotNull();
            return value;
        }
    }

    @BeforeEach
    void startNode() {
        node = Aleph4j.node().dataDirectory(dataDirectory).set("node", "http.port", 0)
                .plugin(InlinePlugin.of("rooms", new RoomsPlugin())).start();
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private WebSocket connect(String path, Listener listener) {
        URI uri = URI.create("ws://127.0.0.1:" + node.httpAddress().getPort() + path);
        return client.newWebSocketBuilder().buildAsync(uri, listener).join();
    }

    @Test
    void aPluginWebSocketSeesItsPathAndQueryAndAnswersTextFrames() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = connect("/ws/rooms/lobby?name=ada", listener);

        assertThat(listener.next()).isEqualTo("welcome to lobby as ada on /ws/rooms/lobby");
        socket.sendText("hello", true).join();
        assertThat(listener.next()).isEqualTo("echo hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void aRefusedSessionGetsTheErrorAsJsonThenAPolicyViolationClose() throws Exception {
        Listener listener = new Listener();
        connect("/ws/closed", listener);

        assertThat(listener.next()).isEqualTo("{\"error\":\"this room is closed\"}");
        assertThat(listener.next()).isEqualTo("closed 1008");
    }

    @Test
    void theStatusSocketSendsTheReferenceFieldsFirstAndTellsEveryClientWhenAnotherJoins() throws Exception {
        Listener first = new Listener();
        WebSocket firstSocket = connect("/api/ws0/status", first);
        JsonNode status = JSON.readTree(first.next());

        List<String> names = new ArrayList<>();
        status.fieldNames().forEachRemaining(names::add);
        assertThat(names).hasSize(37);
        assertThat(names.getFirst()).isEqualTo("pyaleph_build_info");
        assertThat(names.get(32)).isEqualTo("pyaleph_store_fetch_storage_duration_ms_sum");
        assertThat(names.subList(33, 37)).containsExactly("aleph4j_messages_by_status", "aleph4j_messages_by_type",
                "aleph4j_log", "aleph4j_recent_messages");
        assertThat(status.path("pyaleph_ws_status_connections_active").asInt()).isEqualTo(1);
        assertThat(status.path("aleph4j_messages_by_status").isNull()).as("no state store").isTrue();
        assertThat(status.path("aleph4j_log").path("inbox_last_index").asLong()).isEqualTo(-1);

        Listener second = new Listener();
        WebSocket secondSocket = connect("/api/ws0/status", second);

        assertThat(JSON.readTree(second.next()).path("pyaleph_ws_status_connections_active").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(first.next()).path("pyaleph_ws_status_connections_active").asInt()).isEqualTo(2);
        firstSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        secondSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
