package io.aleph4j.api.log;

import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageRefusedException;
import io.aleph4j.api.state.MessageRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * How messages from clients, peers and chains enter the node, and the only way into the inbox: the kernel checks
 * each one's structure (one parser for every way in) and, for inline content, its item hash and its content's
 * schema, then appends it to the inbox. Signatures, permissions and non-inline content are checked later by the
 * pipeline, which decides each message's status. Thread-safe.
 */
public interface MessageIntake {

    /** A message in the inbox, at {@code inboxIndex}. */
    record Accepted(Message message, long inboxIndex) {
    }

    /**
     * Parses a message as the protocol writes it (the envelope as a JSON object: chain, sender, type, channel,
     * time, item_type, item_content, item_hash, signature), checks it and appends it to the inbox. When this
     * returns the message is durable: acknowledge a client only then.
     *
     * @throws MalformedMessageException naming the problem; nothing was logged
     */
    Accepted submit(String envelopeJson, Origin origin) throws MalformedMessageException;

    /**
     * Checks a message already read into a {@link Message} (by a chain reader, say) as {@link #submit(String,
     * Origin)} checks a parsed one, and appends it to the inbox.
     *
     * @throws MalformedMessageException naming the problem; nothing was logged
     */
    Accepted submit(Message message, Origin origin) throws MalformedMessageException;

    /**
     * Checks a message as the pipeline would before its content or file is needed, and logs nothing: the checks of
     * {@link #submit(String, Origin)}, then the signature and whether the sender may act for the content's address
     * in the current state (an inline message's, that is; a non-inline message's content is not at hand). For a
     * route that must refuse a request before keeping what comes with it, such as an upload's bytes; it then
     * submits the answered message with {@link #submit(Message, Origin)}, where the pipeline checks it again.
     *
     * @return the parsed message
     * @throws MalformedMessageException naming the problem
     * @throws MessageRefusedException   with the reason the pipeline would reject the message for
     */
    Message check(String envelopeJson) throws MalformedMessageException, MessageRefusedException;

    /**
     * Waits until the pipeline has handled the message, then answers its record: processed, rejected (with the
     * reason), pending (waiting for content or another message), forgotten... Empty when the timeout passed
     * first, or when the node processes no messages (it has no state store). Woken when the message is handled,
     * not by polling.
     */
    Optional<MessageRecord> awaitOutcome(Accepted accepted, Duration timeout) throws InterruptedException;
}
