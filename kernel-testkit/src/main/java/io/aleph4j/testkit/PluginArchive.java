package io.aleph4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a plugin zip the way distributions ship them ({@code aleph4j-plugin.properties} at the root, jars in
 * {@code lib/}), so that tests can load plugins from a plugins directory, including broken ones:
 * <pre>{@code
 * Path zip = PluginArchive.builder("hello")
 *         .version("0.1.0").requires(">=99.0.0")
 *         .pluginClass(HelloPlugin.class)
 *         .classesOf(HelloPlugin.class)
 *         .writeTo(pluginsDirectory);
 * }</pre>
 */
public final class PluginArchive {

    private PluginArchive() {
    }

    public static Builder builder(String pluginId) {
        return new Builder(pluginId);
    }

    /**
     * The plugin zip the current module's build left in {@code target/} ({@code *-plugin.zip}); integration
     * tests run after {@code package}, from the module's directory.
     */
    public static Path builtInTarget() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-plugin.zip")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no *-plugin.zip in target/: run this test in the integration-test phase (mvn verify)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes the archive to write. */
    public static final class Builder {

        private final String pluginId;
        private String version = "0.1.0";
        private String requires = ">=0.0.0";
        private String pluginClass;
        private String dependencies = "";
        private final List<Path> classpathEntries = new ArrayList<>();

        private Builder(String pluginId) {
            this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** The plugin-api range ({@code plugin.requires}). */
        public Builder requires(String range) {
            this.requires = range;
            return this;
        }

        public Builder pluginClass(Class<?> entryClass) {
            return pluginClass(entryClass.getName());
        }

        public Builder pluginClass(String className) {
            this.pluginClass = className;
            return this;
        }

        /** PF4J dependency list, e.g. {@code store@>=0.1.0, chain?}. */
        public Builder dependencies(String dependencies) {
            this.dependencies = dependencies;
            return this;
        }

        /** Adds the jar or class directory a class was loaded from (a directory is packed as a jar). */
        public Builder classesOf(Class<?> type) {
            try {
                return classpathEntry(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("cannot locate the classes of " + type, e);
            }
        }

        /** Adds a jar, or a class directory (packed as a jar), to {@code lib/}. */
        public Builder classpathEntry(Path jarOrDirectory) {
            classpathEntries.add(jarOrDirectory);
            return this;
        }

        /** Writes {@code <id>-<version>.zip} into the directory and returns its path. */
        public Path writeTo(Path directory) {
            try {
                Files.createDirectories(directory);
                Path zip = directory.resolve(pluginId + "-" + version + ".zip");
                try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                    out.putNextEntry(new ZipEntry("aleph4j-plugin.properties"));
                    out.write(descriptor());
                    out.closeEntry();
                    int n = 0;
                    for (Path entry : classpathEntries) {
                        out.putNextEntry(new ZipEntry("lib/" + (n++) + "-" + jarName(entry)));
                        out.write(Files.isDirectory(entry) ? jarOf(entry) : Files.readAllBytes(entry));
                        out.closeEntry();
                    }
                }
                return zip;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write plugin archive for " + pluginId, e);
            }
        }

        private byte[] descriptor() throws IOException {
            Properties properties = new Properties();
            properties.setProperty("plugin.id", pluginId);
            properties.setProperty("plugin.version", version);
            properties.setProperty("plugin.requires", requires);
            properties.setProperty("plugin.dependencies", dependencies);
            if (pluginClass != null) {
                properties.setProperty("plugin.class", pluginClass);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            properties.store(bytes, "written by PluginArchive");
            return bytes.toByteArray();
        }

        private static String jarName(Path entry) {
            String name = entry.getFileName().toString();
            return name.endsWith(".jar") ? name : name + ".jar";
        }

        private static byte[] jarOf(Path directory) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new ZipEntry(directory.relativize(file).toString().replace('\\', '/')));
                    copy(file, jar);
                    jar.closeEntry();
                }
            }
            return bytes.toByteArray();
        }

        private static void copy(Path file, OutputStream out) throws IOException {
            Files.copy(file, out);
        }
    }

    /** The text of an archive's descriptor, for assertions. */
    static String descriptorText(Path zip) throws IOException {
        try (var fs = java.nio.file.FileSystems.newFileSystem(zip)) {
            return Files.readString(fs.getPath("aleph4j-plugin.properties"), StandardCharsets.ISO_8859_1);
        }
    }
}
