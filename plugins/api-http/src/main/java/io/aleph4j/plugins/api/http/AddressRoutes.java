package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AddressStats;
import io.aleph4j.api.state.AddressStatsCursor;
import io.aleph4j.api.state.AddressStatsQuery;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code /api/v0/addresses/stats.json} and {@code /api/v1/addresses/stats.json}: processed messages per sender. */
final class AddressRoutes {

    private static final int MAX_CONTAINS = 66;

    private final StateQueries state;
    private final ApiSettings settings;

    AddressRoutes(StateQueries state, ApiSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/addresses/stats.json", this::v0);
        router.get("/api/v1/addresses/stats.json", this::v1);
    }

    /** The reference takes repeated {@code addresses[]}; a comma list in {@code addresses} is taken too. */
    private HttpResponse v0(HttpRequest request) {
        Query query = Query.of(request);
        Set<String> addresses = new HashSet<>(query.repeatedAddresses("addresses[]"));
        addresses.addAll(query.addresses("addresses"));
        Page<AddressStats> found = state.addressStats(new AddressStatsQuery(addresses, null, null),
                new PageRequest(1, settings.maxPageSize(), SortOrder.DESCENDING));
        ObjectNode body = Json.object();
        body.set("data", data(found.items()));
        return Json.response(200, body);
    }

    private HttpResponse v1(HttpRequest request) {
        Query query = Query.of(request);
        String contains = query.string("addressContains");
        if (contains != null && contains.length() > MAX_CONTAINS) {
            throw new HttpProblem(422, "addressContains is longer than " + MAX_CONTAINS + " characters");
        }
        AddressStatsQuery.SortBy sortBy = sortBy(query.string("sortBy"));
        PageRequest page = Pages.request(query, null, 20, settings.maxPageSize());
        String cursor = query.string("cursor");
        if (cursor != null) {
            int size = Cursors.pageSize(query, page);
            AddressStatsQuery statsQuery = new AddressStatsQuery(Set.of(), contains, sortBy);
            Cursors.Slice<AddressStats> found = Cursors.slice(state.addressStatsAfter(statsQuery,
                    Cursors.afterAddress(cursor), size + 1, page.order()), size);
            ObjectNode body = Json.object();
            body.set("data", data(found.shown()));
            Cursors.describeEncoded(body, size, found.last().map(last -> Cursors.encode(
                    new AddressStatsCursor(last.count(sortBy), last.address()))));
            return Json.response(200, body);
        }
        Page<AddressStats> found = state.addressStats(new AddressStatsQuery(Set.of(), contains, sortBy),
                page);
        ObjectNode body = Json.object();
        body.set("data", data(found.items()));
        body.put("pagination_per_page", page.perPage());
        body.put("pagination_page", page.page());
        body.put("pagination_total", found.total());
        body.put("pagination_item", "addresses");
        return Json.response(200, body);
    }

    private static AddressStatsQuery.SortBy sortBy(String value) {
        if (value == null) {
            return AddressStatsQuery.SortBy.TOTAL;
        }
        try {
            return AddressStatsQuery.SortBy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, "sortBy: '" + Query.shorten(value)
                    + "' is not one of total, post, aggregate, store, forget, program, instance");
        }
    }

    private static final List<MessageType> TYPES_BY_NAME = java.util.Arrays.stream(MessageType.values())
            .sorted(java.util.Comparator.comparing(MessageType::name)).toList();

    private static ObjectNode data(List<AddressStats> found) {
        ObjectNode data = Json.object();
        for (AddressStats stats : found) {
            ObjectNode counts = Json.object();
            counts.put("messages", stats.total());
            // The reference's keys: every type in lower case, in alphabetical order.
            for (MessageType type : TYPES_BY_NAME) {
                counts.put(type.name().toLowerCase(Locale.ROOT), stats.count(type));
            }
            data.set(stats.address(), counts);
        }
        return data;
    }
}
