package io.aleph4j.api.storage;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as the state store keeps it: the envelope's fields, its status and what its content says.
 * The envelope is kept field by field because a forgotten message loses its {@code item_content} and so is no
 * longer a complete {@link Message}.
 *
 * @param itemContent the inline content; null for non-inline items and for forgotten messages
 * @param rejection   present exactly when {@code status} is rejected
 * @param content     the parsed content's fields; null while the content is unknown (pending fetch, or
 *                    rejected before it could be read)
 * @param forgottenBy the FORGET messages that forgot this one, oldest first
 * @param receivedAt  when the node first accepted it
 * @param size        the content's size in bytes (the inline content's length for inline items)
 */
public record MessageRecord(
        ItemHash itemHash,
        Chain chain,
        String sender,
        MessageType type,
        String channel,
        double time,
        ItemType itemType,
        String itemContent,
        String signature,
        MessageStatus status,
        Optional<RejectionReason> rejection,
        ContentFields content,
        List<ItemHash> forgottenBy,
        Instant receivedAt,
        long size) {

    public MessageRecord {
        Objects.requireNonNull(itemHash, "itemHash");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(receivedAt, "receivedAt");
        forgottenBy = List.copyOf(forgottenBy);
        if (rejection.isPresent() != (status == MessageStatus.REJECTED)) {
            throw new IllegalArgumentException("a rejection reason goes with status rejected, and only with it");
        }
    }

    /** A record of a message as received, before (or without) reading its content. */
    public static MessageRecord of(Message message, MessageStatus status, Optional<RejectionReason> rejection,
                                   ContentFields content, Instant receivedAt) {
        long size = message.itemContent() == null ? 0 : message.itemContent().length();
        return new MessageRecord(message.itemHash(), message.chain(), message.sender(), message.type(),
                message.channel(), message.time(), message.itemType(), message.itemContent(), message.signature(),
                status, rejection, content, List.of(), receivedAt, size);
    }

    /** The signed envelope, when this record still holds all of it (not for forgotten inline messages). */
    public Optional<Message> message() {
        if (itemType == ItemType.INLINE && itemContent == null) {
            return Optional.empty();
        }
        return Optional.of(new Message(chain, sender, type, channel, time, itemType, itemContent, itemHash,
                signature));
    }

    /** The content's owner, or the sender when the content is unknown. */
    public String owner() {
        return content == null ? sender : content.address();
    }

    public MessageRecord withStatus(MessageStatus newStatus, Optional<RejectionReason> newRejection) {
        return new MessageRecord(itemHash, chain, sender, type, channel, time, itemType, itemContent, signature,
                newStatus, newRejection, content, forgottenBy, receivedAt, size);
    }

    public MessageRecord withContent(ContentFields newContent, long newSize) {
        return new MessageRecord(itemHash, chain, sender, type, channel, time, itemType, itemContent, signature,
                status, rejection, newContent, forgottenBy, receivedAt, newSize);
    }
}
