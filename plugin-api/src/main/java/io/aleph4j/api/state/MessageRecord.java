package io.aleph4j.api.state;

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
 * A message as the state store keeps it: the envelope's fields, its status and what its content says. The envelope
 * is kept field by field because a forgotten message loses its {@code item_content} and so is no longer a complete
 * {@link Message}. Built with {@link #of(Message, Instant)} or {@link #builder()}, changed with {@link #toBuilder()}:
 * a class rather than a record so that it can gain fields without breaking the plugins that build one.
 */
public final class MessageRecord {

    private final ItemHash itemHash;
    private final Chain chain;
    private final String sender;
    private final MessageType type;
    private final String channel;
    private final double time;
    private final ItemType itemType;
    private final String itemContent;
    private final String signature;
    private final MessageStatus status;
    private final Optional<RejectionReason> rejection;
    private final ContentFields content;
    private final List<ItemHash> forgottenBy;
    private final Instant receivedAt;
    private final long size;

    private MessageRecord(Builder builder) {
        this.itemHash = Objects.requireNonNull(builder.itemHash, "itemHash");
        this.chain = Objects.requireNonNull(builder.chain, "chain");
        this.sender = Objects.requireNonNull(builder.sender, "sender");
        this.type = Objects.requireNonNull(builder.type, "type");
        this.channel = builder.channel;
        this.time = builder.time;
        this.itemType = Objects.requireNonNull(builder.itemType, "itemType");
        this.itemContent = builder.itemContent;
        this.signature = Objects.requireNonNull(builder.signature, "signature");
        this.status = Objects.requireNonNull(builder.status, "status");
        this.rejection = Optional.ofNullable(builder.rejection);
        this.content = builder.content;
        this.forgottenBy = List.copyOf(builder.forgottenBy);
        this.receivedAt = Objects.requireNonNull(builder.receivedAt, "receivedAt");
        this.size = builder.size;
        if (rejection.isPresent() != (status == MessageStatus.REJECTED)) {
            throw new IllegalArgumentException("a rejection reason goes with status rejected, and only with it");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }

    /**
     * A record of a message as received, pending and without its content yet; its size is the inline content's
     * length (0 for other items until their content is known).
     */
    public static Builder of(Message message, Instant receivedAt) {
        return builder().itemHash(message.itemHash()).chain(message.chain()).sender(message.sender())
                .type(message.type()).channel(message.channel()).time(message.time()).itemType(message.itemType())
                .itemContent(message.itemContent()).signature(message.signature()).receivedAt(receivedAt)
                .size(message.itemContent() == null ? 0 : message.itemContent().length());
    }

    /** An empty builder: status {@code pending}, no rejection, no content, forgotten by nothing, size 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public ItemHash itemHash() {
        return itemHash;
    }

    public Chain chain() {
        return chain;
    }

    public String sender() {
        return sender;
    }

    public MessageType type() {
        return type;
    }

    /** The channel; null when the message has none. */
    public String channel() {
        return channel;
    }

    /** The envelope's time, seconds since the epoch. */
    public double time() {
        return time;
    }

    public ItemType itemType() {
        return itemType;
    }

    /** The inline content; null for non-inline items and for forgotten messages. */
    public String itemContent() {
        return itemContent;
    }

    public String signature() {
        return signature;
    }

    public MessageStatus status() {
        return status;
    }

    /** Present exactly when {@link #status()} is rejected. */
    public Optional<RejectionReason> rejection() {
        return rejection;
    }

    /**
     * The parsed content's fields; null while the content is unknown (pending fetch, or rejected before it could be
     * read).
     */
    public ContentFields content() {
        return content;
    }

    /** The FORGET messages that forgot this one, oldest first. */
    public List<ItemHash> forgottenBy() {
        return forgottenBy;
    }

    /** When the node first accepted it. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The content's size in bytes (the inline content's length for inline items). */
    public long size() {
        return size;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageRecord that && Double.compare(time, that.time) == 0 && size == that.size
                && itemHash.equals(that.itemHash) && chain == that.chain && sender.equals(that.sender)
                && type == that.type && Objects.equals(channel, that.channel) && itemType == that.itemType
                && Objects.equals(itemContent, that.itemContent) && signature.equals(that.signature)
                && status == that.status && rejection.equals(that.rejection) && Objects.equals(content, that.content)
                && forgottenBy.equals(that.forgottenBy) && receivedAt.equals(that.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemHash, status, time);
    }

    @Override
    public String toString() {
        return "MessageRecord[itemHash=" + itemHash + ", chain=" + chain + ", sender=" + sender + ", type=" + type
                + ", channel=" + channel + ", time=" + time + ", itemType=" + itemType + ", status=" + status
                + ", rejection=" + rejection + ", content=" + content + ", forgottenBy=" + forgottenBy
                + ", receivedAt=" + receivedAt + ", size=" + size + "]";
    }

    /** Builds a {@link MessageRecord}; {@link #build()} checks it. */
    public static final class Builder {
        private ItemHash itemHash;
        private Chain chain;
        private String sender;
        private MessageType type;
        private String channel;
        private double time;
        private ItemType itemType;
        private String itemContent;
        private String signature;
        private MessageStatus status = MessageStatus.PENDING;
        private RejectionReason rejection;
        private ContentFields content;
        private List<ItemHash> forgottenBy = List.of();
        private Instant receivedAt;
        private long size;

        private Builder() {
        }

        private Builder(MessageRecord record) {
            itemHash = record.itemHash;
            chain = record.chain;
            sender = record.sender;
            type = record.type;
            channel = record.channel;
            time = record.time;
            itemType = record.itemType;
            itemContent = record.itemContent;
            signature = record.signature;
            status = record.status;
            rejection = record.rejection.orElse(null);
            content = record.content;
            forgottenBy = record.forgottenBy;
            receivedAt = record.receivedAt;
            size = record.size;
        }

        public Builder itemHash(ItemHash value) {
            itemHash = value;
            return this;
        }

        public Builder chain(Chain value) {
            chain = value;
            return this;
        }

        public Builder sender(String value) {
            sender = value;
            return this;
        }

        public Builder type(MessageType value) {
            type = value;
            return this;
        }

        public Builder channel(String value) {
            channel = value;
            return this;
        }

        public Builder time(double seconds) {
            time = seconds;
            return this;
        }

        public Builder itemType(ItemType value) {
            itemType = value;
            return this;
        }

        public Builder itemContent(String value) {
            itemContent = value;
            return this;
        }

        public Builder signature(String value) {
            signature = value;
            return this;
        }

        /** Sets the status; a status other than rejected clears the rejection reason. */
        public Builder status(MessageStatus value) {
            status = value;
            if (value != MessageStatus.REJECTED) {
                rejection = null;
            }
            return this;
        }

        /** Status rejected, for this reason. */
        public Builder rejected(RejectionReason reason) {
            status = MessageStatus.REJECTED;
            rejection = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public Builder content(ContentFields value) {
            content = value;
            return this;
        }

        public Builder forgottenBy(List<ItemHash> value) {
            forgottenBy = List.copyOf(value);
            return this;
        }

        public Builder receivedAt(Instant value) {
            receivedAt = value;
            return this;
        }

        public Builder size(long bytes) {
            size = bytes;
            return this;
        }

        public MessageRecord build() {
            return new MessageRecord(this);
        }
    }
}
