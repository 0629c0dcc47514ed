package io.aleph4j.api.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.PluginApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * plugin-api against the baselines kept in {@code plugin-api/api-baseline/} (the jars of its released versions, one
 * file per version): the API this build makes must be exactly its version's baseline, and each baseline must be
 * compatible with the one before it unless its version may break it. So an API change fails this test until the
 * version is bumped (a patch for a compatible change, a minor one below 1.0 for an incompatible one) and the
 * baseline renewed ({@code plugin-api/renew-api-baseline}); an incompatible change under a patch version fails it for
 * good. Runs after {@code package}: it reads the jar the build made.
 */
final class PluginApiCompatibilityIT {

    private static final Pattern BASELINE = Pattern.compile("aleph4j-plugin-api-(\\d+\\.\\d+\\.\\d+)\\.jar");

    @Test
    void theBuiltApiIsTheBaselineOfItsVersion() throws IOException {
        Map<String, Path> baselines = baselines();
        Path baseline = baselines.get(PluginApi.VERSION);

        assertThat(baseline).as("a baseline for plugin-api %s in %s (run plugin-api/renew-api-baseline once its "
                + "version is bumped)", PluginApi.VERSION, baselineDirectory()).isNotNull();
        assertThat(ApiCompatibility.changes(baseline, builtJar()))
                .as("changes to the stable plugin-api %s since its baseline: bump aleph4j.api.version in the parent "
                        + "POM (a patch for compatible changes, the minor below 1.0 for incompatible ones) and run "
                        + "plugin-api/renew-api-baseline", PluginApi.VERSION)
                .isEmpty();
    }

    @Test
    void eachBaselineKeepsTheApiOfTheOneBeforeItUnlessItsVersionMayBreakIt() throws IOException {
        List<Map.Entry<String, Path>> ordered = new ArrayList<>(baselines().entrySet());
        for (int i = 1; i < ordered.size(); i++) {
            String older = ordered.get(i - 1).getKey();
            String newer = ordered.get(i).getKey();
            if (ApiCompatibility.mayBreak(older, newer)) {
                continue;
            }
            assertThat(ApiCompatibility.changes(ordered.get(i - 1).getValue(), ordered.get(i).getValue()))
                    .as("plugin-api %s must keep %s's API (binary and source compatible)", newer, older)
                    .allMatch(ApiCompatibility.Change::isCompatible);
        }
    }

    /** The baselines by version, oldest first. */
    private static Map<String, Path> baselines() throws IOException {
        Map<String, Path> byVersion = new TreeMap<>(ApiCompatibility::compare);
        try (Stream<Path> files = Files.list(baselineDirectory())) {
            for (Path file : files.toList()) {
                Matcher name = BASELINE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    byVersion.put(name.group(1), file);
                }
            }
        }
        return byVersion;
    }

    private static Path baselineDirectory() {
        return Path.of(System.getProperty("aleph4j.api.baselines", "api-baseline"));
    }

    private static Path builtJar() {
        Path jar = Path.of(System.getProperty("aleph4j.api.jar", "missing"));
        assertThat(jar).as("the plugin-api jar this build made").isRegularFile();
        return jar;
    }
}
