package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerContext;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateTransaction;
import java.util.List;
import java.util.Optional;

/**
 * AGGREGATE: each message is an element of the aggregate (owner, key); the aggregate is its elements' objects
 * merged key by key in content-time order. An element newer than the last revision is merged onto the stored
 * value; an older one (messages arrive out of order) makes the aggregate be recomputed from its elements, so the
 * result never depends on arrival order.
 *
 * <p>The {@code security} aggregate, which grants delegations, may only be written by its owner (the protocol
 * notes' rule; the reference node does not enforce it, which would let a delegate widen its own rights).
 */
public final class AggregateHandler implements ContentHandler {

    @Override
    public String extensionName() {
        return "kernel-aggregate";
    }

    @Override
    public MessageType messageType() {
        return MessageType.AGGREGATE;
    }

    @Override
    public HandlerOutcome apply(IncomingMessage message, HandlerContext context) {
        AggregateContent content = (AggregateContent) message.content();
        String sender = message.message().sender();
        String owner = content.address();
        if ("security".equals(content.key()) && !sender.equalsIgnoreCase(owner)) {
            return Rejections.reject(ErrorCode.PERMISSION_DENIED, "only " + owner
                    + " may write its security aggregate, not " + sender);
        }
        if (!context.mayActFor(sender, owner, Scopes.of(message))) {
            return Rejections.notAuthorized(sender, owner);
        }
        StateTransaction state = context.state();
        ItemHash hash = message.message().itemHash();
        AggregateElement element = new AggregateElement(hash, owner, content.key(), content.content().json(),
                content.time());
        state.putAggregateElement(element);
        Optional<AggregateRecord> current = state.aggregate(owner, content.key());
        if (current.isEmpty()) {
            state.putAggregate(new AggregateRecord(owner, content.key(), element.json(), element.time(), hash,
                    element.time()));
        } else if (current.get().lastRevisionTime() < element.time()) {
            AggregateRecord aggregate = current.get();
            state.putAggregate(new AggregateRecord(owner, content.key(),
                    ContentJson.merge(aggregate.json(), element.json()), aggregate.creationTime(), hash,
                    element.time()));
        } else {
            recompute(state, owner, content.key());
        }
        return HandlerOutcome.applied();
    }

    @Override
    public List<ItemHash> forget(MessageRecord target, HandlerContext context) {
        StateTransaction state = context.state();
        if (target.content() == null || target.content().key() == null) {
            return List.of();
        }
        state.deleteAggregateElement(target.itemHash());
        recompute(state, target.content().address(), target.content().key());
        return List.of();
    }

    private static void recompute(StateTransaction state, String owner, String key) {
        List<AggregateElement> elements = state.aggregateElements(owner, key);
        if (elements.isEmpty()) {
            state.deleteAggregate(owner, key);
            return;
        }
        AggregateElement first = elements.getFirst();
        AggregateElement last = elements.getLast();
        state.putAggregate(new AggregateRecord(owner, key, ContentJson.merge(elements), first.time(),
                last.itemHash(), last.time()));
    }
}
