package io.aleph4j.distribution.dev;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's state as its HTTP API answers it: message listings by status, and the query results a replay must reproduce. */
final class ApiState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;
    private static final Pattern LAG = Pattern.compile("(?m)^aleph4j_pipeline_lag(?:\\{[^}]*})? (\\S+)$");
    /** The statuses a message of this test can have (no FORGET is sent, so none is forgotten or removed). */
    static final List<String> STATUSES = List.of("processed", "pending", "rejected", "removing");

    private ApiState() {
    }

    /** Inbox entries the state store has not applied yet, from {@code /metrics}. */
    static long pipelineLag(NodeApi api) {
        HttpResponse<String> metrics = api.get("/metrics");
        Matcher matcher = LAG.matcher(metrics.body());
        if (metrics.statusCode() != 200 || !matcher.find()) {
            throw new AssertionError("no aleph4j_pipeline_lag in /metrics (HTTP " + metrics.statusCode() + ")");
        }
        return (long) Double.parseDouble(matcher.group(1));
    }

    /**
     * Every message of one status, paged through {@code messages.json} oldest first: the item JSON of each, in the
     * order listed (a hash listed twice appears twice).
     *
     * @param total what the listing says its total is, which must be the number of items listed
     */
    record Listing(String status, List<JsonNode> items, long total) {

        List<String> hashes() {
            return items.stream().map(item -> item.path("item_hash").asText()).toList();
        }
    }

    static Listing messages(NodeApi api, String status) {
        List<JsonNode> items = new ArrayList<>();
        long total = -1;
        for (int page = 1; ; page++) {
            JsonNode body = read(api, "/api/v0/messages.json?msgStatuses=" + status + "&sortOrder=1&pagination="
                    + PAGE + "&page=" + page);
            total = body.path("pagination_total").asLong();
            JsonNode listed = body.path("messages");
            listed.forEach(items::add);
            if (listed.size() < PAGE) {
                return new Listing(status, List.copyOf(items), total);
            }
        }
    }

    /**
     * What the API answers about the whole state, by query, each answer as sorted lines (one per listed item where
     * the answer is a list): the messages of each status with their content, posts (v0 and v1), the wallets'
     * aggregates, the senders' stats, the held hashes and the channels. Two nodes with equal states answer equal maps.
     */
    static SortedMap<String, List<String>> queryResults(NodeApi api, List<String> addresses) {
        SortedMap<String, List<String>> results = new TreeMap<>();
        for (String status : STATUSES) {
            results.put("messages.json " + status, sorted(messages(api, status).items()));
        }
        results.put("v0 posts.json", sorted(read(api, "/api/v0/posts.json?pagination=0").path("posts")));
        results.put("v1 posts.json", sorted(read(api, "/api/v1/posts.json?pagination=0").path("posts")));
        for (String address : addresses) {
            HttpResponse<String> answer = api.get("/api/v0/aggregates/" + address + ".json?with_info=true");
            results.put("aggregates of " + address, List.of(answer.statusCode() + " " + canonical(answer.body())));
        }
        results.put("v1 addresses/stats.json", List.of(canonical(
                api.get("/api/v1/addresses/stats.json?pagination=0").body())));
        results.put("messages/hashes", sorted(read(api, "/api/v0/messages/hashes?pagination=0&hash_only=false")
                .path("hashes")));
        results.put("channels/list.json", List.of(canonical(api.get("/api/v0/channels/list.json").body())));
        return results;
    }

    /** A SHA-256 of the query results, section by section. */
    static String digest(SortedMap<String, List<String>> results) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            results.forEach((query, lines) -> {
                digest.update(query.getBytes(StandardCharsets.UTF_8));
                lines.forEach(line -> digest.update(("\n" + line).getBytes(StandardCharsets.UTF_8)));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The queries whose answers differ, each with its first differing line on either side. */
    static Map<String, String> differences(SortedMap<String, List<String>> left,
                                           SortedMap<String, List<String>> right) {
        Map<String, String> differences = new LinkedHashMap<>();
        for (String query : left.keySet()) {
            List<String> a = left.get(query);
            List<String> b = right.getOrDefault(query, List.of());
            if (a.equals(b)) {
                continue;
            }
            int i = 0;
            while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
                i++;
            }
            differences.put(query, a.size() + " vs " + b.size() + " lines; first difference at line " + i + ":\n  "
                    + (i < a.size() ? a.get(i) : "(none)") + "\n  " + (i < b.size() ? b.get(i) : "(none)"));
        }
        return differences;
    }

    private static JsonNode read(NodeApi api, String pathAndQuery) {
        HttpResponse<String> answer = api.get(pathAndQuery);
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("GET " + pathAndQuery + ": not JSON: " + answer.body(), e);
        }
    }

    private static List<String> sorted(Iterable<JsonNode> items) {
        List<String> lines = new ArrayList<>();
        items.forEach(item -> lines.add(item.toString()));
        lines.sort(null);
        return lines;
    }

    private static String canonical(String body) {
        try {
            return JSON.readTree(body).toString();
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
