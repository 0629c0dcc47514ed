package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.StateQueries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delegations of the {@code security} aggregates: {@code /api/v0/authorizations/granted/{address}.json} (whom
 * an address authorizes, grouped by grantee) and {@code .../received/{address}.json} (who authorizes an address,
 * grouped by owner). Each entry is shown as the aggregate holds it, without its {@code address}; the filters keep an
 * entry whose field is absent or empty (it then allows everything) or shares a value with the filter. Pages are
 * counted in addresses; an address with nothing gives an empty answer, never a 404.
 */
final class AuthorizationRoutes {

    private static final String SECURITY = "security";
    private static final int MAX_PAGINATION = 500;

    private final StateQueries state;

    AuthorizationRoutes(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/authorizations/granted/{address}.json", this::granted);
        router.get("/api/v0/authorizations/received/{address}.json", this::received);
    }

    /** One filter list per entry field, each applied when given. */
    private record EntryFilters(List<String> channels, List<String> types, List<String> postTypes,
                                List<String> chains, List<String> aggregateKeys) {

        static EntryFilters of(Query query) {
            return new EntryFilters(query.list("channels"), query.list("types"),
                    query.list(query.name("postTypes", "post_types")), query.list("chains"),
                    query.list(query.name("aggregateKeys", "aggregate_keys")));
        }

        boolean keeps(JsonNode entry) {
            return allows(entry.path("channels"), channels) && allows(entry.path("types"), types)
                    && allows(entry.path("post_types"), postTypes) && allows(entry.path("chain"), chains)
                    && allows(entry.path("aggregate_keys"), aggregateKeys);
        }

        private static boolean allows(JsonNode field, List<String> filter) {
            if (filter.isEmpty() || field.isMissingNode() || field.isNull()) {
                return true;
            }
            if (field.isTextual()) {
                return field.textValue().isEmpty() || filter.contains(field.textValue());
            }
            if (!field.isArray() || field.isEmpty()) {
                return true;
            }
            for (JsonNode value : field) {
                if (value.isTextual() && filter.contains(value.textValue())) {
                    return true;
                }
            }
            return false;
        }
    }

    private HttpResponse granted(HttpRequest request) {
        String owner = request.pathParameter("address").orElseThrow();
        Query query = Query.of(request);
        Map<String, List<JsonNode>> byGrantee = new LinkedHashMap<>();
        Optional<AggregateRecord> security = state.aggregate(owner, SECURITY);
        if (security.isPresent()) {
            for (JsonNode entry : entries(security.get())) {
                String grantee = entry.path("address").asText("");
                if (entry.path("address").isTextual() && !grantee.isEmpty()) {
                    byGrantee.computeIfAbsent(grantee, g -> new ArrayList<>()).add(entry);
                }
            }
        }
        String grantee = query.string("grantee");
        if (grantee != null && !grantee.isEmpty()) {
            byGrantee.keySet().retainAll(List.of(grantee));
        }
        return answer(owner, query, byGrantee);
    }

    private HttpResponse received(HttpRequest request) {
        String grantee = request.pathParameter("address").orElseThrow();
        Query query = Query.of(request);
        Map<String, List<JsonNode>> byOwner = new LinkedHashMap<>();
        for (AggregateRecord security : state.securityAggregatesNaming(grantee)) {
            for (JsonNode entry : entries(security)) {
                if (grantee.equals(entry.path("address").asText(null))) {
                    byOwner.computeIfAbsent(security.owner(), o -> new ArrayList<>()).add(entry);
                }
            }
        }
        String granter = query.string("granter");
        if (granter != null && !granter.isEmpty()) {
            byOwner.keySet().retainAll(List.of(granter));
        }
        return answer(grantee, query, byOwner);
    }

    private HttpResponse answer(String address, Query query, Map<String, List<JsonNode>> grouped) {
        EntryFilters filters = EntryFilters.of(query);
        int pagination = query.integer("pagination", 20, 1, MAX_PAGINATION);
        int page = query.integer("page", 1, 1, Integer.MAX_VALUE);
        Map<String, ArrayNode> kept = new LinkedHashMap<>();
        grouped.forEach((other, entries) -> {
            ArrayNode shown = Json.array();
            for (JsonNode entry : entries) {
                if (filters.keeps(entry)) {
                    ObjectNode copy = ((ObjectNode) entry).deepCopy();
                    copy.remove("address");
                    shown.add(copy);
                }
            }
            if (!shown.isEmpty()) {
                kept.put(other, shown);
            }
        });
        ObjectNode authorizations = Json.object();
        kept.entrySet().stream().skip((long) (page - 1) * pagination).limit(pagination)
                .forEach(group -> authorizations.set(group.getKey(), group.getValue()));
        ObjectNode body = Json.object();
        body.set("authorizations", authorizations);
        body.put("pagination_page", page);
        body.put("pagination_per_page", pagination);
        body.put("pagination_total", kept.size());
        body.put("pagination_item", "authorizations");
        body.put("address", address);
        return Json.response(200, body);
    }

    /** The object entries of a security aggregate's {@code authorizations}; anything else there is skipped. */
    private static List<JsonNode> entries(AggregateRecord security) {
        JsonNode list = Json.parse(security.json()).path("authorizations");
        List<JsonNode> entries = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(entry -> {
                if (entry.isObject()) {
                    entries.add(entry);
                }
            });
        }
        return entries;
    }
}
