package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.StateQueries;

/**
 * {@code GET /api/v0/channels/list.json}: every channel of the messages the node holds (processed or being
 * removed), in code-point order (the reference sorts with its database's collation, linguistic by default).
 */
final class ChannelsRoute {

    /** What the reference's messages table holds: processed messages, and those being removed. */
    static final MessageStatus[] HELD = {MessageStatus.PROCESSED, MessageStatus.REMOVING};

    private final StateQueries state;

    ChannelsRoute(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/channels/list.json", this::channels);
    }

    private HttpResponse channels(HttpRequest request) {
        ObjectNode body = Json.object();
        body.set("channels", Json.strings(state.channels(MessageFilter.builder().statuses(HELD).build())));
        return Json.response(200, body);
    }
}
