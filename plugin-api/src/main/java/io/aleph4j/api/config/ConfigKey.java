package io.aleph4j.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One documented key of a config section. {@code defaultValue} is null only for required keys.
 *
 * @param name         the key within its section, lower-case words joined by {@code -} and {@code .}
 *                     ({@code http.port}); nested YAML maps are read as dotted names
 * @param type         what values it accepts
 * @param defaultValue the value when the key is absent; null when {@code required}
 * @param required     whether the section must set it
 * @param description  what it does, for the operator guide and error messages
 * @param <T>          the Java type of its values
 */
public record ConfigKey<T>(String name, ValueType type, T defaultValue, boolean required, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*");

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config key name '" + name
                    + "' must be lower-case words joined by '-' or '.'");
        }
        if (required == (defaultValue != null)) {
            throw new IllegalArgumentException("config key '" + name
                    + "' must have a default value exactly when it is optional");
        }
        if (defaultValue != null && !type.javaType().isInstance(defaultValue)) {
            throw new IllegalArgumentException("default of config key '" + name + "' is not a " + type);
        }
    }

    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.STRING, defaultValue, false, description);
    }

    public static ConfigKey<String> requiredString(String name, String description) {
        return new ConfigKey<>(name, ValueType.STRING, null, true, description);
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.INT, defaultValue, false, description);
    }

    public static ConfigKey<Long> longInteger(String name, long defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.LONG, defaultValue, false, description);
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.BOOLEAN, defaultValue, false, description);
    }

    public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.DURATION, defaultValue, false, description);
    }

    public static ConfigKey<List<String>> stringList(String name, List<String> defaultValue, String description) {
        return new ConfigKey<>(name, ValueType.STRING_LIST, List.copyOf(defaultValue), false, description);
    }
}
