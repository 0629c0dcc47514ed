package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Messages this CRN does not hold, asked of its CCN when a request needs them, as the reference's CRN asks its
 * {@code API_SERVER} ({@code GET /api/v0/messages.json?hashes=...}): the message is then submitted to this node's
 * own intake, so its signature and permissions are checked here as any peer's message is, and the request waits for
 * the pipeline's verdict. A CRN node (distributions/crn) thus needs no copy of the network's messages beforehand.
 */
final class CcnMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENVELOPE_FIELDS = List.of("chain", "sender", "type", "channel", "time",
            "item_type", "item_content", "item_hash", "signature");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Optional<URI> apiServer;
    private final MessageIntake intake;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CcnMessages(Optional<URI> apiServer, MessageIntake intake) {
        this.apiServer = apiServer;
        this.intake = intake;
    }

    static CcnMessages none() {
        return new CcnMessages(Optional.empty(), null);
    }

    /**
     * Fetches the message from the CCN and has this node process it; its record once handled, empty when there is
     * no CCN configured, or it does not have the message, or it does not answer.
     */
    Optional<MessageRecord> fetch(ItemHash hash) throws ProgramProblem {
        if (apiServer.isEmpty()) {
            return Optional.empty();
        }
        String base = apiServer.get().toString().replaceAll("/+$", "");
        JsonNode listed;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v0/messages.json?hashes=" + hash.value())).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.empty();
            }
            listed = JSON.readTree(answer.body()).path("messages");
        } catch (IOException e) {
            throw new ProgramProblem(503, "this CRN's CCN (" + base + ") did not answer for message "
                    + hash.value() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgramProblem(503, "interrupted while asking the CCN for " + hash.value(), e);
        }
        for (JsonNode message : listed) {
            if (hash.value().equals(message.path("item_hash").asText())) {
                return Optional.of(submit(message));
            }
        }
        return Optional.empty();
    }

    private MessageRecord submit(JsonNode listed) throws ProgramProblem {
        ObjectNode envelope = JSON.createObjectNode();
        for (String field : ENVELOPE_FIELDS) {
            JsonNode value = listed.get(field);
            if (value != null && !value.isNull()) {
                envelope.set(field, value);
            }
        }
        String hash = listed.path("item_hash").asText();
        try {
            MessageIntake.Accepted accepted = intake.submit(envelope.toString(), Origin.P2P);
            MessageRecord record = intake.awaitOutcome(accepted, TIMEOUT).orElseThrow(() -> new ProgramProblem(503,
                    "message " + hash + " from the CCN was not processed within " + TIMEOUT.toSeconds() + " s"));
            if (record.status() != MessageStatus.PROCESSED) {
                throw new ProgramProblem(400, "message " + hash + " from the CCN is " + record.status().wireName()
                        + record.rejection().map(reason -> ": " + reason).orElse(""));
            }
            return record;
        } catch (MalformedMessageException e) {
            throw new ProgramProblem(502, "the CCN listed message " + hash + " malformed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProgramProblem(503, "interrupted while message " + hash + " was processed", e);
        }
    }
}
