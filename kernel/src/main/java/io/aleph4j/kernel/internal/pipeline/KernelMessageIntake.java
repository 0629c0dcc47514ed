package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MalformedMessageException;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageRefusedException;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.kernel.internal.handlers.Scopes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The node's one way in for messages from outside: {@link MessageParser} (or, for a message read some other way, its
 * structural rules), and for inline content the item hash and {@link ContentParser}; then the inbox. The content is
 * parsed here once and handed to the pipeline ({@link IntakeParses}), which so parses it no more. It also checks a
 * message for a route without logging it ({@link #check}), with the chains' signatures and the state's
 * authorizations.
 */
@Singleton
public final class KernelMessageIntake implements MessageIntake {

    private final ChronicleMessageLog log;
    private final Clock clock;
    private final IntakeParses parses;
    private final AppliedIndex applied;
    private final StateAccess state;
    private volatile MessageVerifier verifier;

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
        return accept(parse(envelopeJson), origin);
    }

    @Override
    public Accepted submit(Message message, Origin origin) throws MalformedMessageException {
        Objects.requireNonNull(message, "message");
        return accept(structured(message), origin);
    }

    @Override
    public Message check(String envelopeJson) throws MalformedMessageException, MessageRefusedException {
        Message message = parse(envelopeJson);
        ParsedContent parsed = inlineContent(message);
        Optional<RejectionReason> refused = verify(message);
        if (refused.isPresent()) {
            throw new MessageRefusedException(refused.get());
        }
        if (parsed != null && state.store().isPresent()) {
            String owner = parsed.fields().address();
            if (!Authorizations.mayActFor(state, message.sender(), owner, Scopes.of(message, parsed.content()))) {
                throw new MessageRefusedException(RejectionReason.of(ErrorCode.PERMISSION_DENIED, "sender "
                        + message.sender() + " may not act for " + owner
                        + ": it is not that address and no security aggregate of it authorizes the sender"));
            }
        }
        return message;
    }

    /**
     * The message's signature (and hash) by its chain's bridge, without logging it; answered from the verifier's
     * cache when the message was verified a moment ago, so the pipeline's own check after it is free.
     */
    public Optional<RejectionReason> verify(Message message) {
        MessageVerifier chains = verifier;
        if (chains == null) {
            throw new IllegalStateException("messages can be checked from plugin start on, not during registration");
        }
        return chains.verify(message);
    }

    /** The chain bridges, once the node's extensions are built: {@link #check} needs them. */
    public void attach(MessageVerifier chains) {
        this.verifier = chains;
    }

    private static Message parse(String envelopeJson) throws MalformedMessageException {
        try {
            return MessageParser.parse(envelopeJson);
        } catch (MessageFormatException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    /**
     * What the reference refuses at its door too: a hash that is not the content's, content that is not the type's.
     * The parsed content of an inline message; null for another item type, whose content is fetched later.
     */
    private static ParsedContent inlineContent(Message message) throws MalformedMessageException {
        if (message.itemType() != ItemType.INLINE) {
            return null;
        }
        // The pipeline checks the hash again, on what it reads back from the log.
        if (!ItemHash.sha256Of(message.itemContent()).equals(message.itemHash())) {
            throw new MalformedMessageException("item_hash " + message.itemHash()
                    + " is not the sha256 of item_content");
        }
        try {
            return ContentParser.parse(message.type(), message.itemContent());
        } catch (MessageFormatException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private Accepted accept(Message message, Origin origin) throws MalformedMessageException {
        Objects.requireNonNull(origin, "origin");
        ParsedContent parsed = inlineContent(message);
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

    /** What became of one envelope of a batch: accepted in the inbox, or refused (and why). */
    public record BatchOutcome(Accepted accepted, MalformedMessageException refused) {
    }

    /**
     * Parses and checks each envelope as {@link #submit(String, Origin)} does, then appends those it accepts as one
     * batch, durable together (one fsync): for a peer's page of messages (catch-up), whose order it keeps.
     *
     * @return one outcome per envelope, in order
     */
    public List<BatchOutcome> submitAll(List<String> envelopes, Origin origin) {
        return appendAll(envelopes, KernelMessageIntake::parse, origin);
    }

    /**
     * As {@link #submitAll}, for messages already parsed (and checked, by {@link #check}): a batch of what peers
     * gossiped.
     */
    public List<BatchOutcome> submitAllParsed(List<Message> messages, Origin origin) {
        return appendAll(messages, KernelMessageIntake::structured, origin);
    }

    private static Message structured(Message message) throws MalformedMessageException {
        try {
            MessageParser.checkStructure(message);
        } catch (MessageFormatException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        return message;
    }

    /** How one item of a batch becomes a message, or why it cannot. */
    private interface ToMessage<T> {
        Message apply(T item) throws MalformedMessageException;
    }

    private <T> List<BatchOutcome> appendAll(List<T> items, ToMessage<T> toMessage, Origin origin) {
        Objects.requireNonNull(origin, "origin");
        BatchOutcome[] outcomes = new BatchOutcome[items.size()];
        List<Integer> positions = new ArrayList<>();
        List<InboxEntry> entries = new ArrayList<>();
        List<ItemHash> handedOver = new ArrayList<>();
        boolean running = applied.isRunning();
        for (int i = 0; i < outcomes.length; i++) {
            try {
                Message message = toMessage.apply(items.get(i));
                ParsedContent parsed = inlineContent(message);
                if (parsed != null && running) {
                    parses.offer(message.itemHash(), parsed);
                    handedOver.add(message.itemHash());
                }
                positions.add(i);
                entries.add(new InboxEntry(message, origin, clock.instant()));
            } catch (MalformedMessageException e) {
                outcomes[i] = new BatchOutcome(null, e);
            }
        }
        long[] indexes;
        try {
            indexes = log.appendInboxAll(entries);
        } catch (RuntimeException e) {
            handedOver.forEach(parses::take);
            throw e;
        }
        for (int j = 0; j < indexes.length; j++) {
            outcomes[positions.get(j)] = new BatchOutcome(new Accepted(entries.get(j).message(), indexes[j]), null);
        }
        return List.of(outcomes);
    }

    @Override
    public Optional<MessageRecord> awaitOutcome(Accepted accepted, Duration timeout) throws InterruptedException {
        if (!applied.isRunning() || !applied.await(accepted.inboxIndex(), timeout)) {
            return Optional.empty();
        }
        return state.message(accepted.message().itemHash());
    }
}
