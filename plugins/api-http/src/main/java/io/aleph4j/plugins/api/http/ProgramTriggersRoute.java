package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;

/**
 * {@code GET /api/v0/programs/on/message}: the programs that messages trigger, as the reference lists them for
 * CRNs: {@code [{"item_hash", "content": {"on": {"message": [subscriptions]}}}]} for every PROGRAM the node holds
 * whose {@code on.message} is set, newest first unless {@code sort_order=1}. As on the reference, this route takes
 * no other parameter (400). Unlike it, a program whose {@code on.message} is an explicit null is left out: it has
 * no subscription to list.
 */
final class ProgramTriggersRoute {

    private final StateQueries state;

    ProgramTriggersRoute(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/programs/on/message", this::programs);
    }

    private HttpResponse programs(HttpRequest request) {
        SortOrder order = sortOrder(request);
        MessageFilter programs = MessageFilter.builder().types(MessageType.PROGRAM).statuses(ChannelsRoute.HELD)
                .build();
        ArrayNode listed = Json.array();
        for (MessageRecord program : state.messages(programs, PageRequest.first(0, order)).items()) {
            JsonNode subscriptions = program.content() == null || program.content().json() == null ? null
                    : Json.parse(program.content().json()).path("on").get("message");
            if (subscriptions == null || subscriptions.isNull()) {
                continue;
            }
            ObjectNode item = listed.addObject();
            item.put("item_hash", program.itemHash().value());
            item.putObject("content").putObject("on").set("message", subscriptions);
        }
        return Json.response(200, listed);
    }

    /** {@code sort_order}: -1 (the default) newest first, 1 oldest first; any other parameter is refused. */
    private static SortOrder sortOrder(HttpRequest request) {
        for (String name : request.queryParameters().keySet()) {
            if (!name.equals("sort_order")) {
                throw new HttpProblem(400, "unknown query parameter '" + Query.shorten(name)
                        + "': this route takes only sort_order");
            }
        }
        return Pages.sortOrder(Query.of(request), "sort_order", 400);
    }
}
