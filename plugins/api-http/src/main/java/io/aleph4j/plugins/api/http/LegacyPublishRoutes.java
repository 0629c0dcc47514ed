package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.network.MessagePublisher;

/**
 * The legacy publish routes, {@code POST /api/v0/ipfs/pubsub/pub} and {@code /api/v0/p2p/pubsub/pub}:
 * {@code {"topic": "ALEPH-TEST", "data": message}}. The reference takes {@code data} as the message's JSON text;
 * the TypeScript SDK's fallback sends it as an object, so both are taken. The message is logged for processing;
 * the answer does not wait for it.
 */
final class LegacyPublishRoutes {

    static final String TOPIC = "ALEPH-TEST";

    private final MessageIntake intake;
    private final MessagePublisher publisher;

    LegacyPublishRoutes(MessageIntake intake, MessagePublisher publisher) {
        this.intake = intake;
        this.publisher = publisher;
    }

    void addTo(HttpRouter router) {
        router.post("/api/v0/ipfs/pubsub/pub", this::publish);
        router.post("/api/v0/p2p/pubsub/pub", this::publish);
    }

    private HttpResponse publish(HttpRequest request) {
        JsonNode body = Bodies.jsonObject(request);
        String topic = body.path("topic").asText(null);
        if (!TOPIC.equals(topic)) {
            throw new HttpProblem(403, "Unauthorized P2P topic: " + (topic == null ? "None" : Query.shorten(topic))
                    + ". Use " + TOPIC + ".");
        }
        JsonNode data = body.get("data");
        String message;
        if (data != null && data.isTextual()) {
            message = data.textValue();
        } else if (data != null && data.isObject()) {
            message = write(data);
        } else {
            throw new HttpProblem(422, "'data': expected a serialized JSON string (or the message as an object)");
        }
        MessageIntake.Accepted accepted;
        try {
            accepted = intake.submit(message, Origin.API);
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.getMessage());
        }
        return Json.response(200, MessageRoutes.publicationJson(publisher.publish(accepted.message())));
    }

    private static String write(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not serialize", e);
        }
    }
}
