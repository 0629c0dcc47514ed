package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerContext;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.message.StoreContent;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateTransaction;
import java.util.List;
import java.util.Optional;

/**
 * STORE: records that the message references a file (its hash and addressing). A {@code ref} that is an item
 * hash makes the file a new version of the file that STORE message referenced: that message must be processed
 * first (200, pending until then), may not itself be a version (201) and must have the same owner (2, as the
 * reference's file tag permission check); any other {@code ref} is a free-form tag.
 * Whether the file's bytes are here is the content storage's concern.
 */
public final class StoreHandler implements ContentHandler {

    @Override
    public String extensionName() {
        return "kernel-store";
    }

    @Override
    public MessageType messageType() {
        return MessageType.STORE;
    }

    @Override
    public HandlerOutcome apply(IncomingMessage message, HandlerContext context) {
        StoreContent content = (StoreContent) message.content();
        StateTransaction state = context.state();
        Optional<ItemHash> refHash = asHash(content.ref());
        if (refHash.isPresent()) {
            Optional<FileReference> previous = state.fileReference(refHash.get());
            if (previous.isEmpty()) {
                return HandlerOutcome.waitingFor(refHash.get(), RejectionReason.of(ErrorCode.STORE_REF_NOT_FOUND,
                        "the STORE message " + refHash.get() + " named by 'ref' is not processed yet"));
            }
            if (previous.get().ref() != null) {
                return Rejections.reject(ErrorCode.STORE_UPDATE_UPDATE, "the STORE message " + refHash.get()
                        + " is itself a new version; refer to the original file's message instead");
            }
            if (!previous.get().owner().equals(content.address())) {
                return Rejections.reject(ErrorCode.PERMISSION_DENIED, "the STORE message " + refHash.get()
                        + " belongs to " + previous.get().owner() + "; only its owner may store new versions of it");
            }
        }
        String sender = message.message().sender();
        if (!context.mayActFor(sender, content.address(), Scopes.of(message))) {
            return Rejections.notAuthorized(sender, content.address());
        }
        state.putFileReference(new FileReference(message.message().itemHash(), content.address(),
                content.itemHash(), content.itemType(), content.ref(), content.time(),
                message.fileSize().orElse(0)));
        return HandlerOutcome.applied();
    }

    @Override
    public List<ItemHash> forget(MessageRecord target, HandlerContext context) {
        context.state().deleteFileReference(target.itemHash());
        return List.of();
    }

    private static Optional<ItemHash> asHash(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ItemHash.of(ref));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
