package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageRefusedException;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.network.MessagePublisher;
import io.aleph4j.api.state.MessageRecord;
import java.io.IOException;
import java.io.InputStream;

/**
 * The signed STORE message that comes with an upload ({@code storage/add_file}, {@code ipfs/add_file},
 * {@code ipfs/add_car}): read from the {@code metadata} part, checked before any byte of the file is kept, and
 * published once the file is.
 */
final class SignedUploads {

    private static final int MAX_METADATA_BYTES = 1024 * 1024;

    /** An upload's STORE message, checked: its owner ({@code content.address}) and the file it announces. */
    record StoreUpload(Message message, String owner, ItemHash fileHash, boolean sync) {
    }

    private final MessageIntake intake;
    private final MessagePublisher publisher;
    private final UploadBudget budget;
    private final ApiSettings settings;

    SignedUploads(MessageIntake intake, MessagePublisher publisher, UploadBudget budget, ApiSettings settings) {
        this.intake = intake;
        this.publisher = publisher;
        this.budget = budget;
        this.settings = settings;
    }

    static JsonNode metadata(InputStream part) throws IOException {
        byte[] bytes = part.readNBytes(MAX_METADATA_BYTES + 1);
        if (bytes.length > MAX_METADATA_BYTES) {
            throw new HttpProblem(413, "the metadata part is larger than " + MAX_METADATA_BYTES + " bytes");
        }
        JsonNode metadata;
        try {
            metadata = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new HttpProblem(422, "Could not decode metadata: " + e.getOriginalMessage());
        }
        if (metadata == null || !metadata.isObject() || !metadata.path("message").isObject()) {
            throw new HttpProblem(422, "Could not decode metadata: expected {\"message\": {...}, \"sync\": bool}");
        }
        return metadata;
    }

    /**
     * The checks the reference makes of an upload's STORE message that do not need the file, in its order: the
     * message's shape (422), its signature (403), its content (422); then the sender's right to act for the
     * content's address (403, which the reference leaves to its pipeline) and the address's upload budget (429).
     * The balance check (402) comes with the chain-bridge work.
     */
    StoreUpload check(JsonNode metadata, ItemType addressing) {
        JsonNode envelope = metadata.get("message");
        if (!"STORE".equals(envelope.path("type").asText())) {
            throw new HttpProblem(422, "Could not decode metadata: the message must be of type STORE");
        }
        if (!"inline".equals(envelope.path("item_type").asText("inline"))) {
            throw new HttpProblem(422, "Could not decode metadata: the STORE message must be inline");
        }
        boolean sync = Bodies.bool(metadata.get("sync"), "sync");
        if (envelope.path("item_content").asText("").isEmpty()) {
            throw new HttpProblem(422, "Store message content needed");
        }
        Message message;
        try {
            message = intake.check(Json.MAPPER.writeValueAsString(envelope));
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "Could not decode metadata: " + e.getMessage());
        } catch (MessageRefusedException e) {
            ErrorCode code = e.reason().code();
            if (code == ErrorCode.INVALID_SIGNATURE || code == ErrorCode.PERMISSION_DENIED) {
                throw new HttpProblem(403, "Forbidden: " + e.reason().detail());
            }
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.reason().detail());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree did not serialize", e);
        }
        JsonNode content;
        try {
            content = Json.MAPPER.readTree(message.itemContent());
        } catch (JsonProcessingException e) {
            throw new HttpProblem(422, "Invalid store message content: " + e.getOriginalMessage());
        }
        ItemHash declared;
        try {
            declared = ItemHash.of(content.path("item_hash").asText(""));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, "Invalid store message content: item_hash: " + e.getMessage());
        }
        if (addressing == ItemType.IPFS && !"ipfs".equals(content.path("item_type").asText())) {
            throw new HttpProblem(422, "Expected item_type=ipfs in STORE message, got "
                    + content.path("item_type").asText());
        }
        String owner = content.path("address").asText();
        budget.checkOpen(owner);
        return new StoreUpload(message, owner, declared, sync);
    }

    /**
     * Submits the upload's STORE message as POST /messages does (logged, then published to the network: its file is
     * here for other nodes to fetch), and waits for its outcome when asked to.
     */
    MessageStatus publish(StoreUpload store) throws InterruptedException {
        MessageIntake.Accepted accepted;
        try {
            accepted = intake.submit(store.message(), Origin.API);
        } catch (MalformedMessageException e) {
            throw new HttpProblem(422, "InvalidMessageFormat: " + e.getMessage());
        }
        publisher.publish(store.message());
        if (!store.sync()) {
            return MessageStatus.PENDING;
        }
        return intake.awaitOutcome(accepted, settings.syncTimeout()).map(MessageRecord::status)
                .orElse(MessageStatus.PENDING);
    }
}
