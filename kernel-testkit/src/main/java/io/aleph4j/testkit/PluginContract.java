package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.PluginApi;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.kernel.Node;
import io.aleph4j.kernel.NodeState;
import io.aleph4j.kernel.PluginInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultVersionManager;

/**
 * The contract every plugin passes: extend it in the plugin's module as {@code XxxPluginContractIT} (it needs
 * the packaged archive, so it runs in the integration-test phase) and answer the abstract methods.
 * It checks the descriptor, that the entry point is found, that the plugin uses no kernel internals and does
 * not bundle plugin-api, and that it starts and stops both from the class path and from its archive in a
 * plugins directory, as a distribution loads it.
 */
public abstract class PluginContract {

    @TempDir
    protected Path temporaryDirectory;

    /** The plugin's id. */
    protected abstract String pluginId();

    /** The plugin's entry class. */
    protected abstract Class<? extends AlephPlugin> pluginClass();

    /** The archive the build produced: {@code target/<artifact>-<version>-plugin.zip} unless overridden. */
    protected Path builtArchive() {
        return PluginArchive.builtInTarget();
    }

    /** Config values the plugin needs to start, as {@code key → value} of its own section. */
    protected Map<String, Object> startConfig() {
        return Map.of();
    }

    /** The extension points the plugin contributes to; checked on the running node, from either source. */
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of();
    }

    /** Checks made on the running node after a start, from either source. */
    protected void checkRunning(EmbeddedNode node) {
    }

    @Test
    void theDescriptorOnTheClassPathNamesTheEntryClassAndARangeIncludingThisPluginApi() throws IOException {
        Properties descriptor = classpathDescriptor();

        assertThat(descriptor.getProperty("plugin.id")).isEqualTo(pluginId());
        assertThat(descriptor.getProperty("plugin.class")).isEqualTo(pluginClass().getName());
        assertThat(descriptor.getProperty("plugin.version")).isNotBlank();
        assertThat(new DefaultVersionManager().checkVersionConstraint(PluginApi.VERSION,
                descriptor.getProperty("plugin.requires")))
                .as("plugin.requires %s includes plugin-api %s", descriptor.getProperty("plugin.requires"),
                        PluginApi.VERSION)
                .isTrue();
    }

    @Test
    void thePluginsClassesReferenceNoKernelCode() throws IOException, URISyntaxException {
        List<String> offenders = new ArrayList<>();
        Path classes = Path.of(pluginClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (constantPool.contains("io/aleph4j/kernel/")) {
                    offenders.add(classes.relativize(file).toString());
                }
            }
        }
        assertThat(offenders).as("plugin classes that use kernel types (plugins see plugin-api only)").isEmpty();
    }

    @Test
    void theBuiltArchiveHasTheDescriptorAndDoesNotBundlePluginApi() throws IOException {
        assertThat(builtArchive()).as("the plugin archive the build makes").isRegularFile();
        try (FileSystem zip = FileSystems.newFileSystem(builtArchive())) {
            assertThat(zip.getPath("aleph4j-plugin.properties")).isRegularFile();
            try (Stream<Path> libs = Files.list(zip.getPath("lib"))) {
                assertThat(libs.map(p -> p.getFileName().toString()))
                        .isNotEmpty()
                        // aleph4j-plugin-api-<version>.jar, not a plugin named api-something
                        .noneMatch(name -> name.matches("aleph4j-plugin-api-\\d.*\\.jar"))
                        .noneMatch(name -> name.startsWith("aleph4j-kernel"));
            }
        }
    }

    @Test
    void itStartsAndStopsFromTheClassPath() {
        EmbeddedNode.Builder builder = EmbeddedNode.builder().classpathPlugins(pluginId());
        startConfig().forEach((key, value) -> builder.set(pluginId(), key, value));
        assertStartsAndStops(builder);
    }

    @Test
    void itStartsAndStopsFromItsArchiveInAPluginsDirectory() throws IOException {
        EmbeddedNode.Builder builder = EmbeddedNode.builder().pluginsDirectory(pluginsDirectoryWithTheArchive());
        startConfig().forEach((key, value) -> builder.set(pluginId(), key, value));
        assertStartsAndStops(builder);
    }

    /**
     * Starts two nodes in this JVM, each loading the plugin from its archive (so each through a class loader of its
     * own), and asserts that each one's {@code /aleph4j/status} contains {@code statusFragment}. For a plugin that
     * loads a native library: each class loader must load its own copy, as a JVM refuses one library in two.
     */
    protected void assertTwoNodesLoadingTheArchiveShow(String statusFragment) throws IOException {
        Path plugins = pluginsDirectoryWithTheArchive();
        try (EmbeddedNode first = EmbeddedNode.builder().pluginsDirectory(plugins).start();
             EmbeddedNode second = EmbeddedNode.builder().pluginsDirectory(plugins).start()) {
            for (EmbeddedNode node : List.of(first, second)) {
                assertThat(node.get("/aleph4j/status").body()).contains(statusFragment);
            }
        }
    }

    /** A {@code plugins} directory in the test's temporary directory holding the built archive. */
    private Path pluginsDirectoryWithTheArchive() throws IOException {
        Path plugins = Files.createDirectories(temporaryDirectory.resolve("plugins"));
        Path archive = plugins.resolve(builtArchive().getFileName());
        if (!Files.exists(archive)) {
            Files.copy(builtArchive(), archive);
        }
        return plugins;
    }

    /**
     * Plugins the node needs beside this one, e.g. a state store for a plugin that requires one; added as inline
     * plugins to both start tests.
     */
    protected List<InlinePlugin> companions() {
        return List.of();
    }

    private void assertStartsAndStops(EmbeddedNode.Builder builder) {
        companions().forEach(builder::plugin);
        Node node;
        try (EmbeddedNode embedded = builder.start()) {
            node = embedded.node();
            assertThat(node.state()).isEqualTo(NodeState.STARTED);
            assertThat(node.plugins()).extracting(PluginInfo::id).contains(pluginId());
            assertThat(contributionsOnStatus(embedded)).as("extensions of %s on /aleph4j/status", pluginId())
                    .containsAll(contributedExtensions().stream().map(Class::getSimpleName).toList());
            checkRunning(embedded);
        }
        assertThat(node.state()).isEqualTo(NodeState.STOPPED);
    }

    private List<String> contributionsOnStatus(EmbeddedNode node) {
        try {
            JsonNode status = new ObjectMapper().readTree(node.get("/aleph4j/status").body());
            List<String> names = new ArrayList<>();
            for (JsonNode plugin : status.path("plugins")) {
                if (pluginId().equals(plugin.path("id").asText())) {
                    plugin.path("extensions").forEach(name -> names.add(name.asText()));
                }
            }
            return names;
        } catch (IOException e) {
            throw new AssertionError("/aleph4j/status is not JSON", e);
        }
    }

    private Properties classpathDescriptor() throws IOException {
        ClassLoader loader = pluginClass().getClassLoader();
        for (var url : java.util.Collections.list(loader.getResources("aleph4j-plugin.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            if (pluginId().equals(properties.getProperty("plugin.id"))) {
                return properties;
            }
        }
        throw new AssertionError("no aleph4j-plugin.properties with plugin.id=" + pluginId() + " on the class path");
    }
}
