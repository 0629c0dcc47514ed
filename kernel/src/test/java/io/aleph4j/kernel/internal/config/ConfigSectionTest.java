package io.aleph4j.kernel.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ConfigKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConfigSectionTest {

    private static final ConfigKey<String> GREETING = ConfigKey.string("greeting", "hello", "What to say.");
    private static final ConfigKey<Integer> PORT = ConfigKey.integer("http.port", 4024, "Port.");
    private static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", Duration.ofSeconds(5), "T.");
    private static final ConfigKey<List<String>> PEERS = ConfigKey.stringList("peers", List.of(), "Peers.");
    private static final ConfigKey<String> SECRET = ConfigKey.requiredString("secret", "A secret.");
    private static final List<ConfigKey<?>> KEYS = List.of(GREETING, PORT, TIMEOUT, PEERS);

    @Test
    void absentKeysTakeTheirDefaults() {
        ConfigSection section = ConfigSection.validate("hello", KEYS, Map.of());

        assertThat(section.get(GREETING)).isEqualTo("hello");
        assertThat(section.get(PORT)).isEqualTo(4024);
        assertThat(section.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(section.get(PEERS)).isEmpty();
    }

    @Test
    void valuesAreConvertedToTheDeclaredTypes() {
        ConfigSection section = ConfigSection.validate("hello", KEYS,
                Map.of("greeting", "hi", "http.port", "8080", "timeout", "250ms", "peers", "a, b"));

        assertThat(section.get(GREETING)).isEqualTo("hi");
        assertThat(section.get(PORT)).isEqualTo(8080);
        assertThat(section.get(TIMEOUT)).isEqualTo(Duration.ofMillis(250));
        assertThat(section.get(PEERS)).containsExactly("a", "b");
    }

    @Test
    void anUnknownKeyIsRefusedByItsFullNameWithTheKnownKeys() {
        assertThatThrownBy(() -> ConfigSection.validate("hello", KEYS, Map.of("greting", "hi")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown config key 'hello.greting'")
                .hasMessageContaining("greeting, http.port, peers, timeout");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingKeyAndExpectation() {
        assertThatThrownBy(() -> ConfigSection.validate("hello", KEYS, Map.of("http.port", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'hello.http.port'")
                .hasMessageContaining("expected a 32-bit integer but got 'eighty'");
    }

    @Test
    void aMissingRequiredKeyIsRefusedWithItsDescription() {
        assertThatThrownBy(() -> ConfigSection.validate("vault", List.of(SECRET), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'vault.secret' is required: A secret.");
    }

    @Test
    void readingAnUndeclaredKeyIsAProgrammingError() {
        ConfigSection section = ConfigSection.validate("hello", KEYS, Map.of());

        assertThatThrownBy(() -> section.get(SECRET)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'secret' is not declared for section 'hello'");
    }

    @Test
    void nestedYamlMapsReadAsDottedKeys() {
        ConfigDocument document = ConfigDocument.parse("""
                node:
                  http:
                    port: 0
                hello:
                  greeting: hi
                """, "test");

        assertThat(document.section("node")).containsEntry("http.port", 0);
        assertThat(document.section("hello")).containsEntry("greeting", "hi");
    }

    @Test
    void aSectionNoPluginReadsIsRefused() {
        ConfigDocument document = ConfigDocument.parse("helo:\n  greeting: hi\n", "test");

        assertThatThrownBy(() -> document.requireOnlySections(Set.of("node", "hello")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config section 'helo' matches no loaded plugin")
                .hasMessageContaining("hello, node");
    }

    @Test
    void invalidYamlIsRefusedWithItsOrigin() {
        assertThatThrownBy(() -> ConfigDocument.parse("node: [unclosed", "conf/aleph4j.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config conf/aleph4j.yaml is not valid YAML");
    }

    @Test
    void overridesReplaceFileValues() {
        ConfigDocument document = ConfigDocument.parse("node:\n  name: a\n", "file");
        ConfigDocument overrides = ConfigDocument.empty();
        overrides.set("node", "name", "b");

        document.overlay(overrides);

        assertThat(document.section("node")).containsEntry("name", "b");
    }

    @Test
    void commandLineAssignmentsSplitIntoSectionKeyAndValue() {
        assertThat(ConfigDocument.splitAssignment("node.http.port=4025")).containsExactly("node", "http.port", "4025");
        assertThatThrownBy(() -> ConfigDocument.splitAssignment("port=1")).isInstanceOf(ConfigException.class);
    }
}
