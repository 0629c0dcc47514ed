package io.aleph4j.api.config;

import java.time.Duration;
import java.util.List;

/** The value types a config key can have. Values are converted from the config file's text or YAML types. */
public enum ValueType {
    STRING(String.class),
    INT(Integer.class),
    LONG(Long.class),
    BOOLEAN(Boolean.class),
    /** ISO-8601 ({@code PT10S}) or a number with a unit: {@code 250ms}, {@code 10s}, {@code 5m}, {@code 2h}. */
    DURATION(Duration.class),
    /** A YAML list, or one string of comma-separated items. */
    STRING_LIST(List.class);

    private final Class<?> javaType;

    ValueType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type values of this kind have after conversion. */
    public Class<?> javaType() {
        return javaType;
    }
}
