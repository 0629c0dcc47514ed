package io.aleph4j.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.PluginApi;
import org.junit.jupiter.api.Test;

final class ConfigKeyTest {

    @Test
    void keyNamesAreLowerCaseWordsJoinedByDashesAndDots() {
        assertThat(ConfigKey.integer("http.max-connections", 10, "d").name()).isEqualTo("http.max-connections");
        assertThatThrownBy(() -> ConfigKey.integer("httpPort", 10, "d")).hasMessageContaining("'httpPort'");
    }

    @Test
    void optionalKeysNeedADefaultAndRequiredOnesMustNotHaveOne() {
        assertThatThrownBy(() -> new ConfigKey<>("a", ValueType.STRING, null, false, "d"))
                .hasMessageContaining("default value exactly when it is optional");
        assertThatThrownBy(() -> new ConfigKey<>("a", ValueType.STRING, "x", true, "d"))
                .hasMessageContaining("default value exactly when it is optional");
    }

    @Test
    void aDefaultMustHaveTheKeysType() {
        assertThatThrownBy(() -> new ConfigKey<Object>("a", ValueType.INT, "ten", false, "d"))
                .hasMessageContaining("is not a INT");
    }

    @Test
    void thePluginApiVersionIsASemverWithoutQualifier() {
        assertThat(PluginApi.VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }
}
