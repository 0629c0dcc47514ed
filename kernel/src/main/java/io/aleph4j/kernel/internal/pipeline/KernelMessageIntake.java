package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.storage.MessageRecord;
import io.aleph4j.api.storage.StateStore;
import io.aleph4j.kernel.protocol.ContentParser;
import io.aleph4j.kernel.protocol.MessageFormatException;
import io.aleph4j.kernel.protocol.MessageParser;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's one way in for messages from outside: {@link MessageParser} and, for inline content, the item hash
 * and {@link ContentParser}; then the inbox.
 */
public final class KernelMessageIntake implements MessageIntake {

    private final MessageLog log;
    private final Clock clock;
    /** Set once the pipeline runs (after the plugins started); null on a node that only logs. */
    private volatile Processing processing;

    private record Processing(MessagePipeline pipeline, StateStore store) {
    }

    public KernelMessageIntake(MessageLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Called when the pipeline starts, so that outcomes can be awaited. */
    public void processingBy(MessagePipeline pipeline, StateStore store) {
        this.processing = new Processing(pipeline, store);
    }

    @Override
    public Accepted submit(String envelopeJson, Origin origin) throws MalformedMessageException {
        Message message;
        try {
            message = MessageParser.parse(envelopeJson);
            if (message.itemType() == ItemType.INLINE) {
                // What the reference refuses at its door too: a hash that is not the content's, content that
                // is not the type's. The pipeline checks again (entries can reach the inbox other ways).
                if (!ItemHash.sha256Of(message.itemContent()).equals(message.itemHash())) {
                    throw new MalformedMessageException("item_hash " + message.itemHash()
                            + " is not the sha256 of item_content");
                }
                ContentParser.parse(message.type(), message.itemContent());
            }
        } catch (MessageFormatException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        long index = log.appendInbox(new InboxEntry(message, origin, clock.instant()));
        return new Accepted(message, index);
    }

    @Override
    public Optional<MessageRecord> awaitOutcome(Accepted accepted, Duration timeout) throws InterruptedException {
        Processing current = processing;
        if (current == null || !current.pipeline().awaitApplied(accepted.inboxIndex(), timeout)) {
            return Optional.empty();
        }
        return current.store().queries().message(accepted.message().itemHash());
    }
}
