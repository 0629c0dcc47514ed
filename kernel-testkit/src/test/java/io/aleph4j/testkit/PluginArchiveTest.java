package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginArchiveTest {

    @TempDir
    Path directory;

    @Test
    void anArchiveHasTheDescriptorAtItsRootAndTheClassesAsAJarInLib() throws Exception {
        Path zip = PluginArchive.builder("sample").version("1.2.3").requires(">=0.1.0")
                .pluginClass("com.example.SamplePlugin").dependencies("store@>=0.1.0")
                .classesOf(PluginArchiveTest.class).writeTo(directory);

        assertThat(zip.getFileName().toString()).isEqualTo("sample-1.2.3.zip");
        assertThat(PluginArchive.descriptorText(zip)).contains("plugin.id=sample", "plugin.version=1.2.3",
                "plugin.class=com.example.SamplePlugin", "plugin.dependencies=store@>\\=0.1.0");
        try (FileSystem fs = FileSystems.newFileSystem(zip); var libs = Files.list(fs.getPath("lib"))) {
            Path jar = libs.findFirst().orElseThrow();
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                boolean found = false;
                for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    found |= entry.getName().equals("io/aleph4j/testkit/PluginArchiveTest.class");
                }
                assertThat(found).as("the test class inside the packed jar").isTrue();
            }
        }
    }

    @Test
    void anEmbeddedNodeDeletesItsTemporaryDataDirectoryOnClose() {
        Path data;
        try (EmbeddedNode node = EmbeddedNode.builder().start()) {
            data = node.node().dataDirectory();
            assertThat(data.resolve("log")).isDirectory();
            assertThat(node.get("/aleph4j/status").statusCode()).isEqualTo(200);
        }
        assertThat(data).doesNotExist();
    }
}
