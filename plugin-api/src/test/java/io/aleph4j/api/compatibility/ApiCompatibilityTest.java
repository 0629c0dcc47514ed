package io.aleph4j.api.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.Experimental;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility check itself, on small APIs compiled here, so that what makes the build fail is shown failing:
 * an abstract method added to an interface, a type removed; and what does not: a default method added, anything in
 * the incubating package or marked {@code @Experimental}.
 */
final class ApiCompatibilityTest {

    private static final String POINT = """
            package io.aleph4j.api.sample;
            public interface Point {
                String name();
            %s}
            """;

    @TempDir
    Path work;

    @Test
    void anAbstractMethodAddedToAStableInterfaceBreaksItsImplementations() throws Exception {
        Path older = jar("older", Map.of("io/aleph4j/api/sample/Point.java", POINT.formatted("")));
        Path newer = jar("newer", Map.of("io/aleph4j/api/sample/Point.java",
                POINT.formatted("    int size();\n")));

        List<ApiCompatibility.Change> changes = ApiCompatibility.changes(older, newer);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo("io.aleph4j.api.sample.Point");
            assertThat(change.isCompatible()).isFalse();
            assertThat(change.incompatibilities()).anyMatch(text -> text.contains("Point.size"));
        });
    }

    @Test
    void aRemovedTypeIsIncompatible() throws Exception {
        Path older = jar("older", Map.of("io/aleph4j/api/sample/Point.java", POINT.formatted(""),
                "io/aleph4j/api/sample/Gone.java", "package io.aleph4j.api.sample;\npublic record Gone(int a) {}\n"));
        Path newer = jar("newer", Map.of("io/aleph4j/api/sample/Point.java", POINT.formatted("")));

        assertThat(ApiCompatibility.changes(older, newer)).singleElement()
                .satisfies(change -> assertThat(change.isCompatible()).isFalse());
    }

    @Test
    void aDefaultMethodAddedIsAChangeButACompatibleOne() throws Exception {
        Path older = jar("older", Map.of("io/aleph4j/api/sample/Point.java", POINT.formatted("")));
        Path newer = jar("newer", Map.of("io/aleph4j/api/sample/Point.java",
                POINT.formatted("    default int size() {\n        return 0;\n    }\n")));

        assertThat(ApiCompatibility.changes(older, newer)).singleElement()
                .satisfies(change -> assertThat(change.isCompatible()).isTrue());
        assertThat(ApiCompatibility.changes(older, older)).as("a jar against itself").isEmpty();
    }

    @Test
    void theIncubatingPackageAndWhatIsMarkedExperimentalAreNotChecked() throws Exception {
        String incubating = "package io.aleph4j.api.incubating;\npublic interface Sketch {\n    void a();\n%s}\n";
        String experimental = "package io.aleph4j.api.sample;\n@io.aleph4j.api.Experimental\n"
                + "public interface Draft {\n    void a();\n%s}\n";
        String partly = "package io.aleph4j.api.sample;\npublic interface Partly {\n    void a();\n%s}\n";
        Path older = jar("older", Map.of("io/aleph4j/api/incubating/Sketch.java", incubating.formatted(""),
                "io/aleph4j/api/sample/Draft.java", experimental.formatted(""),
                "io/aleph4j/api/sample/Partly.java", partly.formatted("")));
        Path newer = jar("newer", Map.of("io/aleph4j/api/incubating/Sketch.java", incubating.formatted("void b();\n"),
                "io/aleph4j/api/sample/Draft.java", experimental.formatted("void b();\n"),
                "io/aleph4j/api/sample/Partly.java", partly.formatted("@io.aleph4j.api.Experimental void b();\n")));

        assertThat(ApiCompatibility.changes(older, newer)).as("changes outside the stable API")
                .allMatch(ApiCompatibility.Change::isCompatible);
    }

    @Test
    void onlyTheBreakingPartOfAVersionMayBreakTheApi() {
        assertThat(ApiCompatibility.mayBreak("0.4.0", "0.5.0")).isTrue();
        assertThat(ApiCompatibility.mayBreak("0.4.0", "0.4.1")).isFalse();
        assertThat(ApiCompatibility.mayBreak("1.9.3", "2.0.0")).isTrue();
        assertThat(ApiCompatibility.mayBreak("1.2.0", "1.3.0")).isFalse();
        assertThat(ApiCompatibility.mayBreak("0.9.0", "1.0.0")).isTrue();
        assertThat(ApiCompatibility.compare("0.10.0", "0.9.3")).isPositive();
    }

    /** Compiles the sources (against plugin-api, for {@link Experimental}) into a jar. */
    private Path jar(String name, Map<String, String> sources) throws IOException, URISyntaxException {
        Path sourceRoot = work.resolve(name + "-src");
        Path classes = work.resolve(name + "-classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceRoot.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        Files.createDirectories(classes);
        String pluginApi = Path.of(Experimental.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", "21", "-classpath", pluginApi, "-d",
                classes.toString()));
        arguments.addAll(files);
        assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();
        Path jar = work.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path file : compiled.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
