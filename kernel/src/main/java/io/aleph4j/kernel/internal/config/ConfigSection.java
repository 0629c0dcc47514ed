package io.aleph4j.kernel.internal.config;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A config section validated against its declared keys: unknown keys, wrong types, missing required keys fail. */
public final class ConfigSection implements PluginConfig {

    private final String section;
    private final Map<String, ConfigKey<?>> declared;
    private final Map<String, Object> values;

    private ConfigSection(String section, Map<String, ConfigKey<?>> declared, Map<String, Object> values) {
        this.section = section;
        this.declared = declared;
        this.values = values;
    }

    /**
     * Validates the raw (flattened) values of a section.
     *
     * @throws ConfigException naming the section and key for every kind of mistake
     */
    public static ConfigSection validate(String section, List<ConfigKey<?>> keys, Map<String, Object> raw) {
        Map<String, ConfigKey<?>> declared = new HashMap<>();
        for (ConfigKey<?> key : keys) {
            if (declared.put(key.name(), key) != null) {
                throw new ConfigException("section '" + section + "' declares key '" + key.name() + "' twice");
            }
        }
        for (String name : new TreeSet<>(raw.keySet())) {
            if (!declared.containsKey(name)) {
                throw new ConfigException("unknown config key '" + section + "." + name + "'"
                        + knownKeys(declared));
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (ConfigKey<?> key : keys) {
            String where = "config key '" + section + "." + key.name() + "'";
            Object rawValue = raw.get(key.name());
            if (rawValue == null) {
                if (key.required()) {
                    throw new ConfigException(where + " is required: " + key.description());
                }
                values.put(key.name(), key.defaultValue());
            } else {
                values.put(key.name(), ConfigValues.convert(where, key.type(), rawValue));
            }
        }
        return new ConfigSection(section, Map.copyOf(declared), Map.copyOf(values));
    }

    private static String knownKeys(Map<String, ConfigKey<?>> declared) {
        if (declared.isEmpty()) {
            return " (this section takes no keys)";
        }
        return " (known keys: " + declared.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        ConfigKey<?> known = declared.get(key.name());
        if (known == null || !known.equals(key)) {
            throw new IllegalArgumentException("key '" + key.name() + "' is not declared for section '" + section + "'");
        }
        return (T) values.get(key.name());
    }
}
