package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.message.ItemHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A request's query parameters, read the way the reference reads them (lists are comma-separated, the first
 * value of a repeated parameter counts) and checked: a parameter the route does not know, or a value of the
 * wrong kind, is a 422 naming it.
 */
final class Query {

    private static final int MAX_LIST_ITEMS = 1_000;
    private static final int MAX_VALUE_LENGTH = 256;
    /** Every chain's addresses are letters and digits (hex, base58, bech32, tz1...). */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,128}");
    private final Map<String, List<String>> parameters;

    private Query(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** The request's parameters, refusing any not in {@code known}. */
    static Query of(HttpRequest request, Set<String> known) {
        return of(request.queryParameters(), known);
    }

    /** Parameters, refusing any not in {@code known}. */
    static Query of(Map<String, List<String>> parameters, Set<String> known) {
        for (String name : parameters.keySet()) {
            if (!known.contains(name)) {
                throw new HttpProblem(422, "unknown query parameter '" + name + "'; this route takes "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
        return new Query(parameters);
    }

    /** The request's parameters; those the route does not read are ignored, as the reference ignores them. */
    static Query of(HttpRequest request) {
        return new Query(request.queryParameters());
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

    String string(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
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
                throw new HttpProblem(422, name + ": a value is longer than " + MAX_VALUE_LENGTH
                        + " characters or holds control characters");
            }
            items.add(trimmed);
        }
        if (items.size() > MAX_LIST_ITEMS) {
            throw new HttpProblem(422, name + " lists " + items.size() + " values; at most " + MAX_LIST_ITEMS);
        }
        return items;
    }

    <T> List<T> list(String name, String kind, Function<String, T> parse) {
        List<T> parsed = new ArrayList<>();
        for (String item : list(name)) {
            try {
                parsed.add(parse.apply(item));
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(422, name + ": '" + shorten(item) + "' is not " + kind);
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
            throw new HttpProblem(422, name + " is given " + values.size() + " times; at most " + MAX_LIST_ITEMS);
        }
        for (String value : values) {
            if (!isAddress(value)) {
                throw new HttpProblem(422, name + ": '" + shorten(value) + "' is not an address");
            }
        }
        return values;
    }

    /** A list of chain addresses: letters and digits only, so that no other text reaches a query. */
    List<String> addresses(String name) {
        List<String> addresses = list(name);
        for (String address : addresses) {
            if (!ADDRESS.matcher(address).matches()) {
                throw new HttpProblem(422, name + ": '" + shorten(address) + "' is not an address");
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
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new HttpProblem(422, name + ": '" + shorten(value) + "' is not an integer");
        }
        if (parsed < min || parsed > max) {
            throw new HttpProblem(422, name + " must be between " + min + " and " + max + ", not " + parsed);
        }
        return parsed;
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
            throw new HttpProblem(422, name + ": '" + shorten(value) + "' is not a number of seconds");
        }
        if (!Double.isFinite(parsed) || parsed < 0) {
            throw new HttpProblem(422, name + " must be a number of seconds of at least 0, not " + shorten(value));
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
            throw new HttpProblem(422, name + ": '" + shorten(value) + "' is not a boolean");
        }
        return parsed;
    }

    /** A boolean as pydantic reads one from text (true/false, 1/0, yes/no, on/off, any case); null otherwise. */
    static Boolean booleanWord(String word) {
        return switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> null;
        };
    }

    /** What a client sent, cut short so that an error never echoes a huge or hostile value whole. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
