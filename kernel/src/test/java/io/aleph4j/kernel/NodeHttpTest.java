package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.http.StreamedResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class NodeHttpTest {

    @TempDir
    Path dataDirectory;

    private final HttpClient client = HttpClient.newHttpClient();
    private Node node;

    /** Contributes routes that echo a path parameter, refuse bad input and fail unexpectedly. */
    static final class EchoPlugin implements AlephPlugin {
        @Override
        public void register(Registrar registrar) {
            registrar.extension(HttpRoutes.class, router -> {
                router.get("/echo/{word}", request -> HttpResponse.json(200,
                        "{\"word\":\"" + request.pathParameter("word").orElseThrow() + "\"}"));
                router.post("/size", request -> HttpResponse.text(200, String.valueOf(request.body().length)));
                router.get("/refuse", request -> {
                    throw new HttpProblem(422, "field 'x' must be a number");
                });
                router.get("/things/{id}", request -> {
                    throw new HttpProblem(404, "no thing " + request.pathParameter("id").orElseThrow());
                });
                router.get("/vanished", request -> StreamedResponse.ok("application/octet-stream",
                        new StreamedResponse.Source() {
                            @Override
                            public long length() {
                                return 3;
                            }

                            @Override
                            public java.io.InputStream open(long offset) throws IOException {
                                throw new java.nio.file.NoSuchFileException("/blobs/gone");
                            }
                        }));
                router.get("/crash", request -> {
                    throw new IllegalStateException("secret internal detail");
                });
            });
        }
    }

    @BeforeEach
    void startNode() {
        node = Aleph4j.node().dataDirectory(dataDirectory)
                .set("node", "http.port", 0)
                .set("node", "http.max-request-bytes", 1000)
                .set("node", "name", "http-test")
                .plugin(InlinePlugin.of("echo", new EchoPlugin()))
                .start();
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private java.net.http.HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(node.httpAddress().resolve(path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private java.net.http.HttpResponse<String> head(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(node.httpAddress().resolve(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPluginRouteAnswersWithItsPathParameter() throws Exception {
        var response = get("/echo/aleph");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"word\":\"aleph\"}");
    }

    @Test
    void anHttpProblemBecomesItsStatusWithAJsonError() throws Exception {
        var response = get("/refuse");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).isEqualTo("{\"error\":\"field 'x' must be a number\"}");
    }

    @Test
    void anUnexpectedFailureIsA500ThatNamesNoInternals() throws Exception {
        var response = get("/crash");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"error\":\"internal error\"}").doesNotContain("secret");
    }

    @Test
    void contentThatVanishesBetweenTheRouteAndTheStreamIsA404NotA500() throws Exception {
        var response = get("/vanished");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"the content is no longer held by this node\"}");
    }

    @Test
    void aHandlersOwn404KeepsItsMessage() throws Exception {
        var response = get("/things/42");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"no thing 42\"}");
    }

    @Test
    void aPathJettyRefusesBeforeRoutingStillGetsAJsonError() throws Exception {
        var response = get("/echo/%00");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).startsWith("{\"error\":");
    }

    @Test
    void metricsAreServedInThePrometheusTextFormatAndCountRequestsByRoute() throws Exception {
        get("/echo/one");
        get("/echo/two");

        var response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("aleph4j_http_requests_seconds_count{method=\"GET\",route=\"/echo/{word}\",status=\"200\"} 2")
                .contains("jvm_memory_used_bytes")
                .contains("pyaleph_build_info{python_version=\"" + System.getProperty("java.version")
                        + "\",version=\"aleph4j-")
                .contains("pyaleph_status_peers_total 0")
                .doesNotContain("pyaleph_status_sync_messages_total");
    }

    @Test
    void theReferenceStatusIsServedAsJsonToo() throws Exception {
        var response = get("/metrics.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"pyaleph_status_peers_total\":0")
                .contains("\"pyaleph_status_sync_messages_total\":null")
                .endsWith("\"pyaleph_store_fetch_storage_duration_ms_sum\":0}");
    }

    @Test
    void theStatusPageAndItsAssetsAreServedByTheNodeItself() throws Exception {
        var page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'").contains("connect-src 'self'"));
        assertThat(page.body()).contains("data-key=\"pyaleph_status_sync_messages_total\"")
                .contains("data-key=\"aleph4j_messages_by_status.processed\"")
                .contains("/aleph4j/static/status.js").doesNotContain("http://").doesNotContain("//fonts.");
        for (String asset : java.util.List.of("status.js", "status.css", "logo.svg")) {
            var answer = get("/aleph4j/static/" + asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.body()).as(asset).doesNotContain("https://").doesNotContain("innerHTML");
        }
        assertThat(get("/aleph4j/static/status.js").body()).as("the build does not filter the script's templates")
                .contains("`${scheme}//${location.host}/api/ws0/status`");
        assertThat(get("/aleph4j/static/status.js").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        assertThat(get("/aleph4j/static/logo.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    }

    @Test
    void aPluginCannotTakeTheStatusPagesRoute() {
        AlephPlugin home = new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(HttpRoutes.class, router -> router.get("/",
                        request -> HttpResponse.text(200, "mine")));
            }
        };

        assertThatThrownBy(() -> Aleph4j.node().dataDirectory(dataDirectory.resolve("home"))
                .set("node", "http.port", 0)
                .plugin(InlinePlugin.of("home", home))
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("route GET / is added by both kernel and plugin 'home'");
    }

    @Test
    void aHeadRequestRunsTheGetRouteAndAnswersItsStatusWithoutABody() throws Exception {
        var refused = head("/refuse");
        var echoed = head("/echo/aleph");

        assertThat(refused.statusCode()).isEqualTo(get("/refuse").statusCode()).isNotEqualTo(200);
        assertThat(refused.body()).isEmpty();
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(echoed.body()).isEmpty();
    }

    @Test
    void aBrowserPageOfAnyOriginMayCallTheNodeAsOnTheReference() throws Exception {
        var simple = client.send(HttpRequest.newBuilder(node.httpAddress().resolve("/echo/aleph"))
                .header("Origin", "https://explorer.example").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var preflight = client.send(HttpRequest.newBuilder(node.httpAddress().resolve("/size"))
                .header("Origin", "https://explorer.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
    }

    @Test
    void corsHeadersAreLeftOutWhenTheOperatorAllowsNoOrigin() throws Exception {
        node.close();
        node = Aleph4j.node().dataDirectory(dataDirectory)
                .set("node", "http.port", 0)
                .set("node", "http.cors-origins", java.util.List.of())
                .plugin(InlinePlugin.of("echo", new EchoPlugin()))
                .start();

        var simple = client.send(HttpRequest.newBuilder(node.httpAddress().resolve("/echo/aleph"))
                .header("Origin", "https://explorer.example").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(simple.statusCode()).isEqualTo(200);
        assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anUnknownRouteIsAJson404() throws Exception {
        var response = get("/nowhere");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"error\"").contains("/nowhere");
    }

    @Test
    void anOversizeBodyIsRefusedWith413() throws Exception {
        var response = client.send(HttpRequest.newBuilder(node.httpAddress().resolve("/size"))
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\"");
    }

    @Test
    void theStatusRouteListsNodeAndPlugins() throws Exception {
        var response = get("/aleph4j/status");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"http-test\"").contains("\"state\":\"STARTED\"")
                .contains("\"id\":\"echo\"").contains("\"extensions\":[\"HttpRoutes\"]")
                .contains("\"contributions\":[{\"point\":\"HttpRoutes\",\"name\":\"NodeHttpTest$EchoPlugin");
    }

    @Test
    void twoPluginsAddingTheSameRouteFailTheStartNamingBoth() {
        AlephPlugin duplicate = new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(HttpRoutes.class, router -> router.get("/echo/{word}",
                        request -> HttpResponse.text(200, "")));
            }
        };

        assertThatThrownBy(() -> Aleph4j.node().dataDirectory(dataDirectory.resolve("second"))
                .set("node", "http.port", 0)
                .plugin(InlinePlugin.of("echo", new EchoPlugin()))
                .plugin(InlinePlugin.of("copycat", duplicate))
                .start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("route GET /echo/{word} is added by both")
                .hasMessageContaining("plugin 'echo'")
                .hasMessageContaining("plugin 'copycat'");
    }

    @Test
    void afterCloseTheServerNoLongerAnswers() {
        URI address = node.httpAddress();
        node.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(address.resolve("/aleph4j/status")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
