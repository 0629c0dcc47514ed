package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.state.StateAccess;
import io.aleph4j.kernel.protocol.ContentParser;
import io.aleph4j.kernel.protocol.MessageFormatException;
import io.aleph4j.kernel.protocol.MessageParser;
import io.aleph4j.kernel.protocol.ParsedContent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's one way in for messages from outside: {@link MessageParser} (or, for a message read some other way, its
 * structural rules), and for inline content the item hash and {@link ContentParser}; then the inbox. The content is
 * parsed here once and handed to the pipeline ({@link IntakeParses}), which so parses it no more.
 */
@Singleton
public final class KernelMessageIntake implements MessageIntake {

    private final ChronicleMessageLog log;
    private final Clock clock;
    private final IntakeParses parses;
    private final AppliedIndex applied;
    private final StateAccess state;

    @Inject
    public KernelMessageIntake(ChronicleMessageLog log, Clock clock, IntakeParses parses, AppliedIndex applied,
                               StateAccess state) {
        this.log = log;
        this.clock = clock;
        this.parses = parses;
        this.applied = applied;
        this.state = state;
    }

    @Override
    public Accepted submit(String envelopeJson, Origin origin) throws MalformedMessageException {
        Message message;
        try {
            message = MessageParser.parse(envelopeJson);
        } catch (MessageFormatException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        return accept(message, origin);
    }

    @Override
    public Accepted submit(Message message, Origin origin) throws MalformedMessageException {
        Objects.requireNonNull(message, "message");
        try {
            MessageParser.checkStructure(message);
        } catch (MessageFormatException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        return accept(message, origin);
    }

    private Accepted accept(Message message, Origin origin) throws MalformedMessageException {
        Objects.requireNonNull(origin, "origin");
        ParsedContent parsed = null;
        if (message.itemType() == ItemType.INLINE) {
            // What the reference refuses at its door too: a hash that is not the content's, content that is not the
            // type's. The pipeline checks the hash again, on what it reads back from the log.
            if (!ItemHash.sha256Of(message.itemContent()).equals(message.itemHash())) {
                throw new MalformedMessageException("item_hash " + message.itemHash()
                        + " is not the sha256 of item_content");
            }
            try {
                parsed = ContentParser.parse(message.type(), message.itemContent());
            } catch (MessageFormatException e) {
                throw new MalformedMessageException(e.getMessage());
            }
        }
        boolean handedOver = parsed != null && applied.isRunning();
        if (handedOver) {
            parses.offer(message.itemHash(), parsed);
        }
        long index;
        try {
            index = log.appendInbox(new InboxEntry(message, origin, clock.instant()));
        } catch (RuntimeException e) {
            if (handedOver) {
                parses.take(message.itemHash());
            }
            throw e;
        }
        return new Accepted(message, index);
    }

    @Override
    public Optional<MessageRecord> awaitOutcome(Accepted accepted, Duration timeout) throws InterruptedException {
        if (!applied.isRunning() || !applied.await(accepted.inboxIndex(), timeout)) {
            return Optional.empty();
        }
        return state.message(accepted.message().itemHash());
    }
}
