package io.aleph4j.kernel.internal.config;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ValueType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Converts raw config values (YAML scalars, lists, or override strings) to a key's declared type. */
final class ConfigValues {

    private static final Pattern DURATION_WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigValues() {
    }

    static Object convert(String where, ValueType type, Object raw) {
        try {
            return switch (type) {
                case STRING -> scalarText(raw);
                case INT -> Math.toIntExact(integer(raw));
                case LONG -> integer(raw);
                case BOOLEAN -> bool(raw);
                case DURATION -> duration(scalarText(raw));
                case STRING_LIST -> stringList(raw);
            };
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw new ConfigException(where + ": expected " + describe(type) + " but got '" + raw + "'");
        }
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case STRING -> "a string";
            case INT -> "a 32-bit integer";
            case LONG -> "an integer";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration such as 250ms, 10s, 5m or PT10S";
            case STRING_LIST -> "a list of strings";
        };
    }

    private static String scalarText(Object raw) {
        if (raw instanceof List<?> || raw instanceof java.util.Map<?, ?>) {
            throw new IllegalArgumentException("not a scalar");
        }
        return String.valueOf(raw);
    }

    private static long integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String text) {
            return Long.parseLong(text.strip().replace("_", ""));
        }
        throw new IllegalArgumentException("not an integer");
    }

    private static boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String text = scalarText(raw).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Duration duration(String text) {
        String value = text.strip();
        Matcher matcher = DURATION_WITH_UNIT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(value);
    }

    private static List<String> stringList(Object raw) {
        if (raw instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(scalarText(item));
            }
            return List.copyOf(items);
        }
        String text = scalarText(raw).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).toList();
    }
}
