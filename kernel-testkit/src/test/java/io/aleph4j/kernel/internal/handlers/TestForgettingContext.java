package io.aleph4j.kernel.internal.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.kernel.internal.pipeline.Authorizations;
import io.aleph4j.testkit.MemoryStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel's handlers over a {@link MemoryStateStore}, with the context the pipeline's state applier gives them:
 * each message is applied in a transaction of its own and its status recorded as the applier records it
 * (processed, rejected, or pending while it waits). What the applier adds around that (duplicates, waking the
 * messages that wait) is left to the tests: a waiting message is simply applied again.
 */
final class TestForgettingContext implements ForgettingContext {

    private final MemoryStateStore store = new MemoryStateStore();
    private final Map<MessageType, ContentHandler> handlers = ContentHandlers.resolve(List.of());
    private StateTransaction transaction;
    private long inboxIndex;

    /** Applies {@code incoming} through its type's handler and commits what it did with the message's status. */
    HandlerOutcome apply(IncomingMessage incoming) {
        try (StateTransaction tx = store.begin()) {
            transaction = tx;
            HandlerOutcome outcome = handlers.get(incoming.message().type()).apply(incoming, this);
            MessageRecord.Builder record = MessageRecord.of(incoming.message(), incoming.receivedAt())
                    .content(incoming.fields()).size(incoming.contentJson().length());
            switch (outcome) {
                case HandlerOutcome.Applied applied -> record.status(MessageStatus.PROCESSED);
                case HandlerOutcome.Rejected rejected -> record.rejected(rejected.reason());
                case HandlerOutcome.Waiting waiting -> record.status(MessageStatus.PENDING);
            }
            tx.putMessage(record.build());
            tx.commit(inboxIndex++);
            return outcome;
        } finally {
            transaction = null;
        }
    }

    /** Applies {@code incoming}, which must be processed; returns it. */
    IncomingMessage applied(IncomingMessage incoming) {
        assertThat(apply(incoming)).as("applying %s", incoming.contentJson()).isEqualTo(HandlerOutcome.applied());
        return incoming;
    }

    /** Applies {@code incoming}, which must be rejected; returns the rejection's code. */
    ErrorCode rejected(IncomingMessage incoming) {
        HandlerOutcome outcome = apply(incoming);
        assertThat(outcome).as("applying %s", incoming.contentJson()).isInstanceOf(HandlerOutcome.Rejected.class);
        return ((HandlerOutcome.Rejected) outcome).reason().code();
    }

    /** The committed state. */
    StateQueries queries() {
        return store.queries();
    }

    MessageStatus status(ItemHash message) {
        return store.queries().message(message).orElseThrow().status();
    }

    @Override
    public StateTransaction state() {
        if (transaction == null) {
            throw new IllegalStateException("handlers read the state only while a message is applied");
        }
        return transaction;
    }

    @Override
    public boolean mayActFor(String sender, String owner, ActionScope scope) {
        return Authorizations.mayActFor(state(), sender, owner, scope);
    }

    @Override
    public ContentHandler handlerFor(MessageType type) {
        return handlers.get(type);
    }

    /** As the state applier marks a target: content dropped, the FORGET's hash added once. */
    @Override
    public void markForgotten(ItemHash target, ItemHash forgottenBy) {
        StateTransaction tx = state();
        tx.message(target).ifPresent(record -> {
            List<ItemHash> by = new ArrayList<>(record.forgottenBy());
            if (!by.contains(forgottenBy)) {
                by.add(forgottenBy);
            }
            tx.putMessage(record.toBuilder().itemContent(null).status(MessageStatus.FORGOTTEN)
                    .content(record.content() == null ? null : record.content().withoutJson()).forgottenBy(by)
                    .build());
        });
    }
}
