package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClasspathPluginTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aClasspathPluginIsCreatedByItsChildInjectorWithItsOwnContext() throws Exception {
        try (Node node = Aleph4j.node().dataDirectory(dataDirectory).set("node", "http.port", 0)
                .set("node", "log.fsync", false).classpathPlugins("injected").start();
             HttpClient client = HttpClient.newHttpClient()) {
            assertThat(node.plugins()).singleElement().satisfies(plugin -> {
                assertThat(plugin.id()).isEqualTo("injected");
                assertThat(plugin.source()).startsWith("classpath");
            });
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(node.httpAddress().resolve("/injected"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("injected=injected same=true");
        }
    }
}
