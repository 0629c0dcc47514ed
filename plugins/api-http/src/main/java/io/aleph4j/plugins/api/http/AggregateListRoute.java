package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.state.AggregateCursor;
import io.aleph4j.api.state.AggregateFilter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.AggregateSort;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v0/aggregates} and {@code /api/v0/aggregates.json}: aggregates of every owner, filtered by key and
 * owner, sorted by last modification or creation (ties by key, then owner), by page or by cursor.
 */
final class AggregateListRoute {

    private static final int MAX_PAGINATION = 500;

    private final StateQueries state;

    AggregateListRoute(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/aggregates", this::list);
        router.get("/api/v0/aggregates.json", this::list);
    }

    private HttpResponse list(HttpRequest request) {
        Query query = Query.of(request);
        AggregateFilter filter = AggregateFilter.builder().keys(query.list("keys"))
                .owners(query.list("addresses")).sort(sort(query.string("sortBy"))).build();
        SortOrder order = Pages.sortOrder(query, "sortOrder");
        int pagination = query.integer("pagination", 20, 1, MAX_PAGINATION);
        int page = query.integer("page", 1, 1, Integer.MAX_VALUE);
        String cursor = query.string("cursor");
        if (cursor != null) {
            return cursorPage(filter, order, Math.min(pagination, Cursors.MAX_PAGE), cursor);
        }
        Page<AggregateRecord> found = state.aggregates(filter, new PageRequest(page, pagination, order));
        ObjectNode body = Json.object();
        body.set("aggregates", items(found.items()));
        body.put("pagination_per_page", pagination);
        body.put("pagination_page", page);
        body.put("pagination_total", found.total());
        body.put("pagination_item", "aggregates");
        return Json.response(200, body);
    }

    private HttpResponse cursorPage(AggregateFilter filter, SortOrder order, int size, String cursor) {
        Optional<AggregateCursor> after = Cursors.afterAggregate(cursor);
        Cursors.Slice<AggregateRecord> slice = Cursors.slice(state.aggregatesAfter(filter, after, size + 1, order),
                size);
        ObjectNode body = Json.object();
        body.set("aggregates", items(slice.shown()));
        Cursors.describeEncoded(body, size, slice.last()
                .map(last -> Cursors.encode(AggregateCursor.of(last, filter.sort()))));
        return Json.response(200, body);
    }

    private static ArrayNode items(List<AggregateRecord> aggregates) {
        ArrayNode items = Json.array();
        for (AggregateRecord aggregate : aggregates) {
            ObjectNode item = items.addObject();
            item.put("address", aggregate.owner());
            item.put("key", aggregate.key());
            item.set("content", Json.parse(aggregate.json()));
            item.put("created", Json.isoOffset(aggregate.creationTime()));
            item.put("last_updated", Json.isoOffset(aggregate.lastRevisionTime()));
        }
        return items;
    }

    private static AggregateSort sort(String value) {
        if (value == null) {
            return AggregateSort.LAST_MODIFIED;
        }
        return switch (value.strip()) {
            case "last_modified" -> AggregateSort.LAST_MODIFIED;
            case "creation_time" -> AggregateSort.CREATION_TIME;
            default -> throw new HttpProblem(422, "sortBy: '" + Query.shorten(value)
                    + "' is not 'creation_time' or 'last_modified'");
        };
    }
}
