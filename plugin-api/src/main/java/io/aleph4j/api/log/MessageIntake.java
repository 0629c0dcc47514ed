package io.aleph4j.api.log;

import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.storage.MessageRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * How messages from clients, peers and chains enter the node: parsed and checked for structure by the kernel
 * (one parser for every way in), then appended to the inbox. Signatures, permissions and content are checked
 * later by the pipeline, which decides each message's status.
 */
public interface MessageIntake {

    /** A message in the inbox, at {@code inboxIndex}. */
    record Accepted(Message message, long inboxIndex) {
    }

    /**
     * Parses a message as the protocol writes it (the envelope as a JSON object: chain, sender, type, channel,
     * time, item_type, item_content, item_hash, signature) and appends it to the inbox. When this returns the
     * message is durable: acknowledge a client only then.
     *
     * @throws MalformedMessageException naming the problem; nothing was logged
     */
    Accepted submit(String envelopeJson, Origin origin) throws MalformedMessageException;

    /**
     * Waits until the pipeline has handled the message, then answers its record: processed, rejected (with the
     * reason), pending (waiting for content or another message), forgotten... Empty when the timeout passed
     * first, or when the node processes no messages (it has no state store).
     */
    Optional<MessageRecord> awaitOutcome(Accepted accepted, Duration timeout) throws InterruptedException;
}
