package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.message.ItemHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A request's query parameters, read the way the reference reads them (a pydantic model over the query): a
 * parameter the route does not know is ignored, the first value of a repeated parameter counts, lists are
 * comma-separated, and where the reference's model populates by name a parameter's field name (snake_case) is
 * taken as well as its alias. A value of the wrong kind is a 422 naming the parameter.
 */
final class Query {

    private static final int MAX_LIST_ITEMS = 1_000;
    private static final int MAX_VALUE_LENGTH = 256;
    /** Every chain's addresses are letters and digits (hex, base58, bech32, tz1...). */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+(\\.0*)?");
    private final Map<String, List<String>> parameters;
    private final Map<String, String> fieldNames;

    private Query(Map<String, List<String>> parameters, Map<String, String> fieldNames) {
        this.parameters = parameters;
        this.fieldNames = fieldNames;
    }

    /** The request's parameters, each read by its name only. */
    static Query of(HttpRequest request) {
        return of(request.queryParameters(), Map.of());
    }

    /**
     * Parameters read by name or, when the name is absent, by its field name in {@code fieldNames} (alias to
     * field name, e.g. {@code sortBy} to {@code sort_by}): pydantic's {@code populate_by_name}, where the alias
     * wins when both are given.
     */
    static Query of(Map<String, List<String>> parameters, Map<String, String> fieldNames) {
        return new Query(parameters, fieldNames);
    }

    /**
     * The name under which a parameter was given, of its spellings (the reference's alias, then its field name);
     * the first spelling when none was.
     */
    String name(String... spellings) {
        for (String spelling : spellings) {
            if (parameters.containsKey(spelling)) {
                return spelling;
            }
        }
        return spellings[0];
    }

    /** The first value of the first of {@code spellings} that was given; null when none was. */
    String first(String... spellings) {
        return string(name(spellings));
    }

    /** A boolean as pydantic reads one; {@code defaultValue} when absent. */
    boolean bool(String name, boolean defaultValue) {
        return string(name) == null ? defaultValue : bool(name);
    }

    /** The parameter's first value, or null when absent. */
    String string(String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            String fieldName = fieldNames.get(name);
            values = fieldName == null ? null : parameters.get(fieldName);
        }
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The name the client gave a parameter by (its alias or its field name), for errors. */
    String label(String name) {
        String fieldName = fieldNames.get(name);
        return parameters.containsKey(name) || fieldName == null || !parameters.containsKey(fieldName) ? name
                : fieldName;
    }

    /** Whether the parameter (or its field name) is given, even empty. */
    boolean has(String name) {
        return string(name) != null;
    }

    /** A comma-separated list; empty when absent. Empty items are skipped. */
    List<String> list(String name) {
        String value = string(name);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        for (String item : value.split(",", -1)) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.length() > MAX_VALUE_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
                throw new HttpProblem(422, label(name) + ": a value is longer than " + MAX_VALUE_LENGTH
                        + " characters or holds control characters");
            }
            items.add(trimmed);
        }
        if (items.size() > MAX_LIST_ITEMS) {
            throw new HttpProblem(422, label(name) + " lists " + items.size() + " values; at most "
                    + MAX_LIST_ITEMS);
        }
        return items;
    }

    <T> List<T> list(String name, String kind, Function<String, T> parse) {
        List<T> parsed = new ArrayList<>();
        for (String item : list(name)) {
            try {
                parsed.add(parse.apply(item));
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(422, label(name) + ": '" + shorten(item) + "' is not " + kind);
            }
        }
        return parsed;
    }

    static boolean isAddress(String value) {
        return ADDRESS.matcher(value).matches();
    }

    /** Every value of a repeated parameter ({@code addresses[]=a&addresses[]=b}), each an address. */
    List<String> repeatedAddresses(String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > MAX_LIST_ITEMS) {
            throw new HttpProblem(422, label(name) + " is given " + values.size() + " times; at most "
                    + MAX_LIST_ITEMS);
        }
        for (String value : values) {
            if (!isAddress(value)) {
                throw new HttpProblem(422, label(name) + ": '" + shorten(value) + "' is not an address");
            }
        }
        return values;
    }

    /** A list of chain addresses: letters and digits only, so that no other text reaches a query. */
    List<String> addresses(String name) {
        List<String> addresses = list(name);
        for (String address : addresses) {
            if (!ADDRESS.matcher(address).matches()) {
                throw new HttpProblem(422, label(name) + ": '" + shorten(address) + "' is not an address");
            }
        }
        return addresses;
    }

    List<ItemHash> hashes(String name) {
        return list(name, "an item hash", ItemHash::of);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = string(name);
        if (value == null) {
            return defaultValue;
        }
        // As pydantic reads an int from text: blanks around it, a sign, and a zero fraction ("2.0") are allowed.
        String text = value.strip();
        if (!INTEGER.matcher(text).matches()) {
            throw new HttpProblem(422, label(name) + ": '" + shorten(value) + "' is not an integer");
        }
        int dot = text.indexOf('.');
        long parsed;
        try {
            parsed = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
        } catch (NumberFormatException e) {
            parsed = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw new HttpProblem(422, label(name) + " must be between " + min + " and " + max + ", not "
                    + shorten(text));
        }
        return (int) parsed;
    }

    /** Seconds since the epoch, at least 0; 0 when absent. */
    double seconds(String name) {
        String value = string(name);
        if (value == null) {
            return 0;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new HttpProblem(422, label(name) + ": '" + shorten(value) + "' is not a number of seconds");
        }
        if (!Double.isFinite(parsed) || parsed < 0) {
            throw new HttpProblem(422, label(name) + " must be a number of seconds of at least 0, not "
                    + shorten(value));
        }
        return parsed;
    }

    boolean bool(String name) {
        String value = string(name);
        if (value == null) {
            return false;
        }
        Boolean parsed = booleanWord(value.strip());
        if (parsed == null) {
            throw new HttpProblem(422, label(name) + ": '" + shorten(value) + "' is not a boolean");
        }
        return parsed;
    }

    /**
     * A boolean as pydantic reads one from text (true/false, 1/0, yes/no, on/off, t/f, y/n, any case); null
     * otherwise.
     */
    static Boolean booleanWord(String word) {
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> null;
        };
    }

    /** What a client sent, cut short so that an error never echoes a huge or hostile value whole. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
