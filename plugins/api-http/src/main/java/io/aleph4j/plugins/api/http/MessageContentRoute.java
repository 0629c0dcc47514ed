package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import java.util.Locale;

/**
 * {@code GET /api/v0/messages/{item_hash}/content}: what a processed message says. A POST's user payload (its
 * {@code content.content}, null when it has none); for any other type the whole content object, the same value
 * {@code GET /api/v0/messages/{item_hash}} shows under {@code message.content}. As on the reference, only a processed
 * message has content here: any other status is a 422 naming it, a removed one a 410.
 */
final class MessageContentRoute {

    private final StateQueries state;

    MessageContentRoute(StateQueries state) {
        this.state = state;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/messages/{item_hash}/content", this::content);
    }

    private HttpResponse content(HttpRequest request) {
        ItemHash hash = PathHashes.of(request.pathParameter("item_hash").orElseThrow());
        MessageRecord record = state.message(hash)
                .orElseThrow(() -> new HttpProblem(404, "no message " + hash.value() + " on this node"));
        if (record.status() == MessageStatus.REMOVED) {
            throw new HttpProblem(410, "This message has been removed: " + hash.value());
        }
        if (record.status() != MessageStatus.PROCESSED) {
            // The reference formats its enum as Python does: MessageStatus.PENDING.
            throw new HttpProblem(422, "Message " + hash.value() + " is not processed (status: MessageStatus."
                    + record.status().name().toUpperCase(Locale.ROOT) + ")");
        }
        JsonNode content = Json.parse(record.content().json());
        if (record.type() == MessageType.POST) {
            JsonNode payload = content.get("content");
            return Json.response(200, payload == null ? Json.nullNode() : payload);
        }
        return Json.response(200, content);
    }
}
