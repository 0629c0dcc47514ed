package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerContext;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageRecord;
import java.util.List;

/**
 * For types whose state belongs to work not done yet (PROGRAM, INSTANCE): the message is checked for
 * permission and recorded as processed, so it is stored and readable like on the reference node, and nothing
 * else changes. A plugin contributing a {@link ContentHandler} for the type replaces this one.
 */
public final class RecordOnlyHandler implements ContentHandler {

    private final MessageType type;

    public RecordOnlyHandler(MessageType type) {
        this.type = type;
    }

    @Override
    public String extensionName() {
        return "kernel-" + type.name().toLowerCase(java.util.Locale.ROOT) + "-record";
    }

    @Override
    public MessageType messageType() {
        return type;
    }

    @Override
    public HandlerOutcome apply(IncomingMessage message, HandlerContext context) {
        String sender = message.message().sender();
        String owner = message.content().address();
        if (!context.mayActFor(sender, owner, Scopes.of(message))) {
            return Rejections.notAuthorized(sender, owner);
        }
        return HandlerOutcome.applied();
    }

    @Override
    public List<ItemHash> forget(MessageRecord target, HandlerContext context) {
        return List.of();
    }
}
