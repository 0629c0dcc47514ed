package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerContext;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ForgetContent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateTransaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FORGET: removes the state of the messages it names ({@code hashes}) and of every element of the aggregates it
 * names ({@code aggregates}: keys of the FORGET's address). As on the reference node, the right to forget
 * follows the right to create: the sender must be allowed to act for each target's owner with the target's
 * attributes; and, as for every message, the sender must be the FORGET's address or act for it. Every target is
 * checked before anything is forgotten, so a refused FORGET changes nothing.
 * A target not processed yet keeps the FORGET pending (501); a FORGET target is refused (502), and so is a file a
 * processed PROGRAM or INSTANCE mounts (503); targets already forgotten or rejected are skipped.
 */
public final class ForgetHandler implements ContentHandler {

    @Override
    public String extensionName() {
        return "kernel-forget";
    }

    @Override
    public MessageType messageType() {
        return MessageType.FORGET;
    }

    @Override
    public HandlerOutcome apply(IncomingMessage message, HandlerContext context) {
        ForgettingContext forgetting = (ForgettingContext) context;
        ForgetContent content = (ForgetContent) message.content();
        StateTransaction state = context.state();
        String sender = message.message().sender();
        // As for every type: the FORGET's own address is the sender's, or one the sender may act for.
        if (!context.mayActFor(sender, content.address(), Scopes.of(message))) {
            return Rejections.notAuthorized(sender, content.address());
        }
        if (content.hashes().isEmpty() && content.aggregates().isEmpty()) {
            return Rejections.reject(ErrorCode.FORGET_NO_TARGET, "a FORGET must name hashes or aggregates");
        }
        Set<ItemHash> targets = new LinkedHashSet<>(content.hashes());
        for (String key : content.aggregates()) {
            List<AggregateElement> elements = state.aggregateElements(content.address(), key);
            if (elements.isEmpty()) {
                return HandlerOutcome.waitingFor(content.address(), key, RejectionReason.of(
                        ErrorCode.FORGET_TARGET_NOT_FOUND, "aggregate '" + key + "' of " + content.address()
                                + " has no processed element yet"));
            }
            elements.forEach(element -> targets.add(element.itemHash()));
        }

        List<MessageRecord> toForget = new ArrayList<>();
        for (ItemHash target : targets) {
            if (target.equals(message.message().itemHash())) {
                return Rejections.reject(ErrorCode.FORGET_FORGET, "a FORGET cannot forget itself");
            }
            Optional<MessageRecord> record = state.message(target);
            if (record.isEmpty() || record.get().status() == MessageStatus.PENDING) {
                return HandlerOutcome.waitingFor(target, RejectionReason.of(ErrorCode.FORGET_TARGET_NOT_FOUND,
                        "the target " + target + " is not processed yet"));
            }
            MessageRecord found = record.get();
            if (found.status() != MessageStatus.PROCESSED) {
                continue;
            }
            if (found.type() == MessageType.FORGET) {
                return Rejections.reject(ErrorCode.FORGET_FORGET, "the target " + target
                        + " is a FORGET message, which cannot be forgotten");
            }
            Optional<ItemHash> usedBy = workloadMounting(state, target);
            if (usedBy.isPresent()) {
                return Rejections.reject(ErrorCode.FORGET_NOT_ALLOWED, "File " + target + " used on vm "
                        + usedBy.get());
            }
            if (!context.mayActFor(sender, found.owner(), Scopes.of(found))) {
                return Rejections.reject(ErrorCode.PERMISSION_DENIED, "sender " + sender
                        + " may not forget " + target + " owned by " + found.owner()
                        + ": it could not have created that message under the owner's security aggregate");
            }
            toForget.add(found);
        }

        ItemHash by = message.message().itemHash();
        for (MessageRecord target : toForget) {
            List<ItemHash> alsoForgotten = forgetting.handlerFor(target.type()).forget(target, context);
            forgetting.markForgotten(target.itemHash(), by);
            alsoForgotten.forEach(hash -> forgetting.markForgotten(hash, by));
        }
        return HandlerOutcome.applied();
    }

    /**
     * A processed PROGRAM or INSTANCE (any owner's) that mounts {@code target}: as on the reference, a file in use
     * by a workload may not be forgotten (503); forgetting the workload first frees it.
     */
    private static Optional<ItemHash> workloadMounting(StateTransaction state, ItemHash target) {
        MessageFilter mounting = MessageFilter.builder().volumeRefs(target.value())
                .types(MessageType.PROGRAM, MessageType.INSTANCE).statuses(MessageStatus.PROCESSED).build();
        return state.messagesAfter(mounting, Optional.empty(), 1, SortOrder.ASCENDING).stream()
                .map(MessageRecord::itemHash).findFirst();
    }

    @Override
    public List<ItemHash> forget(MessageRecord target, HandlerContext context) {
        throw new IllegalStateException("FORGET messages cannot be forgotten; the FORGET handler refuses them first");
    }
}
