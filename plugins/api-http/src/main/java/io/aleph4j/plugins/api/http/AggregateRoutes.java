package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.StateQueries;
import java.util.Comparator;
import java.util.List;

/** {@code /api/v0/aggregates/{address}.json}: an address's aggregates, each the merge of its elements. */
final class AggregateRoutes {

    private final StateQueries state;

    AggregateRoutes(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/aggregates/{address}.json", this::ofAddress);
    }

    private HttpResponse ofAddress(HttpRequest request) {
        String address = request.pathParameter("address").orElseThrow();
        Query query = Query.of(request);
        if (!Query.isAddress(address)) {
            throw new HttpProblem(422, "'" + Query.shorten(address) + "' is not an address");
        }
        List<String> keys = query.list("keys");
        // An integer, as on the reference, which reads it and uses it nowhere.
        query.integer("limit", 1000, Integer.MIN_VALUE, Integer.MAX_VALUE);
        boolean withInfo = query.bool("with_info");
        boolean valueOnly = query.bool("value_only");
        // As the reference does: with_info lists every key of the address, whatever keys asks for.
        List<AggregateRecord> found = state.aggregates(address, withInfo ? List.of() : keys).stream()
                .sorted(Comparator.comparing(AggregateRecord::key)).toList();
        if (found.isEmpty()) {
            throw new HttpProblem(404, "No aggregate found for this address");
        }
        if (valueOnly && keys.size() == 1) {
            return Json.response(200, Json.parse(found.getFirst().json()));
        }
        ObjectNode data = Json.object();
        ObjectNode info = Json.object();
        for (AggregateRecord aggregate : found) {
            data.set(aggregate.key(), Json.parse(aggregate.json()));
            if (withInfo) {
                ObjectNode about = Json.object();
                about.put("created", Json.isoOffset(aggregate.creationTime()));
                about.put("last_updated", Json.isoOffset(aggregate.lastRevisionTime()));
                about.put("original_item_hash", aggregate.lastRevision().value());
                about.put("last_update_item_hash", aggregate.lastRevision().value());
                info.set(aggregate.key(), about);
            }
        }
        ObjectNode body = Json.object();
        body.put("address", address);
        body.set("data", data);
        body.set("info", info);
        return Json.response(200, body);
    }
}
