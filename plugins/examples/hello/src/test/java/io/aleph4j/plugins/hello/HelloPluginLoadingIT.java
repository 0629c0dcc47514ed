package io.aleph4j.plugins.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.PluginApi;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.kernel.PluginInfo;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PluginArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HelloPluginLoadingIT {

    @TempDir
    Path plugins;

    @Test
    void fromTheClassPathItAnswersItsConfiguredGreeting() {
        try (EmbeddedNode node = EmbeddedNode.builder().classpathPlugins("hello")
                .set("hello", "greeting", "hi \"there\"").set("node", "name", "cp").start()) {
            var response = node.get("/hello");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(
                    "{\"greeting\":\"hi \\\"there\\\"\",\"node\":\"cp\",\"inboxEntriesSeen\":0}");
        }
    }

    @Test
    void fromADirectoryItRunsInItsOwnClassLoaderAndFollowsTheInbox() throws Exception {
        Files.copy(PluginArchive.builtInTarget(), plugins.resolve("hello.zip"));

        try (EmbeddedNode node = EmbeddedNode.builder().pluginsDirectory(plugins).start()) {
            assertThat(node.node().plugins()).singleElement().satisfies(plugin -> {
                assertThat(plugin.id()).isEqualTo("hello");
                assertThat(plugin.source()).startsWith("directory");
            });
            for (int i = 0; i < 3; i++) {
                node.node().messageIntake().submit(message(i), Origin.LOCAL);
            }
            awaitBodyContains(node, "\"inboxEntriesSeen\":3");
        }
        try (var left = Files.list(plugins)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("the installed plugins directory is left as it was (unpacking happens in the data directory)")
                    .containsExactly("hello.zip");
        }
    }

    @Test
    void aPluginBuiltForTheLastPluginApiIsRefusedByName() {
        PluginArchive.builder("hello").requires(">=0.3.0 & <0.4.0").pluginClass(HelloPlugin.class)
                .classesOf(HelloPlugin.class).writeTo(plugins);

        assertStartFailsWith("plugin 'hello'", "requires plugin-api >=0.3.0 & <0.4.0 but this node provides "
                + "plugin-api " + PluginApi.VERSION);
    }

    @Test
    void aPluginRequiringAnotherPluginApiIsRefusedByName() {
        PluginArchive.builder("hello").requires(">=99.0.0").pluginClass(HelloPlugin.class)
                .classesOf(HelloPlugin.class).writeTo(plugins);

        assertStartFailsWith("plugin 'hello'", "requires plugin-api >=99.0.0 but this node provides plugin-api");
    }

    @Test
    void aPluginWithoutAnApiRangeIsRefusedWithAHint() {
        PluginArchive.builder("hello").requires("*").pluginClass(HelloPlugin.class)
                .classesOf(HelloPlugin.class).writeTo(plugins);

        assertStartFailsWith("plugin 'hello'", "declares no plugin-api range");
    }

    @Test
    void aPluginWhoseStartThrowsFailsTheNodeNamingItAndItsCause() {
        PluginArchive.builder("hello-failing").requires(">=0.1.0").pluginClass(FailingStartPlugin.class)
                .classesOf(FailingStartPlugin.class).writeTo(plugins);

        assertThatThrownBy(() -> EmbeddedNode.builder().pluginsDirectory(plugins).classpathPlugins("hello").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'hello-failing'")
                .hasMessageContaining("failed to start: cannot reach the chain RPC at 127.0.0.1:1");
    }

    @Test
    void twoPluginsWithTheSameIdAreRefusedNamingBothSources() throws IOException {
        Files.copy(PluginArchive.builtInTarget(), plugins.resolve("hello.zip"));

        assertThatThrownBy(() -> EmbeddedNode.builder().pluginsDirectory(plugins).classpathPlugins("hello").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("two plugins have the id 'hello'")
                .hasMessageContaining("classpath")
                .hasMessageContaining("directory");
    }

    @Test
    void anArchiveThatBundlesPluginApiIsRefusedWithTheFix() {
        PluginArchive.builder("hello").requires(">=0.1.0").pluginClass(HelloPlugin.class)
                .classesOf(HelloPlugin.class).classesOf(AlephPlugin.class).writeTo(plugins);

        assertStartFailsWith("plugin 'hello'", "bundles its own copy of plugin-api", "scope provided");
    }

    @Test
    void anArchiveNamingAMissingEntryClassIsRefusedByName() {
        PluginArchive.builder("hello").requires(">=0.1.0").pluginClass("io.aleph4j.plugins.hello.Nope")
                .classesOf(HelloPlugin.class).writeTo(plugins);

        assertStartFailsWith("plugin 'hello'", "io.aleph4j.plugins.hello.Nope cannot be loaded");
    }

    @Test
    void theRunningPluginIsReportedWithItsVersion() {
        try (EmbeddedNode node = EmbeddedNode.builder().classpathPlugins("hello").start()) {
            assertThat(node.node().plugins()).extracting(PluginInfo::id, PluginInfo::version)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", "0.1.0-SNAPSHOT"));
        }
    }

    /** Starting a node on the plugins directory fails with a message containing every fragment. */
    private void assertStartFailsWith(String... fragments) {
        assertThatThrownBy(() -> EmbeddedNode.builder().pluginsDirectory(plugins).start())
                .isInstanceOf(NodeStartException.class)
                .satisfies(failure -> assertThat(failure.getMessage()).contains(fragments));
    }

    /** A POST with a valid content (the intake checks it); its signature is never checked, no pipeline runs. */
    private static Message message(int n) {
        String content = "{\"address\":\"0xabc\",\"time\":1,\"type\":\"test\",\"content\":{\"n\":" + n + "}}";
        return new Message(Chain.ETH, "0xabc", MessageType.POST, null, 1.0, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "0x00");
    }

    private static void awaitBodyContains(EmbeddedNode node, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String body = "";
        while (System.nanoTime() < deadline) {
            body = node.get("/hello").body();
            if (body.contains(expected)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("GET /hello never contained " + expected + "; last: " + body);
    }
}
