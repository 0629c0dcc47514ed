package io.aleph4j.api.message;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed message envelope, as clients send it to {@code POST /api/v0/messages}.
 *
 * @param chain       the chain whose signature scheme signed it
 * @param sender      the signer's address
 * @param type        the message type
 * @param channel     the channel, or null when the message has none
 * @param time        seconds since the epoch, as sent (the SDKs give millisecond precision)
 * @param itemType    where the content lives
 * @param itemContent the content as the exact compact JSON string that was hashed; null unless inline
 * @param itemHash    sha256 of {@code itemContent} for inline items, else the stored item's hash or CID
 * @param signature   the chain-specific signature text
 */
public record Message(
        Chain chain,
        String sender,
        MessageType type,
        String channel,
        double time,
        ItemType itemType,
        String itemContent,
        ItemHash itemHash,
        String signature) {

    public Message {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(itemHash, "itemHash");
        Objects.requireNonNull(signature, "signature");
        if (sender.isBlank()) {
            throw new IllegalArgumentException("sender must not be blank");
        }
        if (!Double.isFinite(time) || time < 0) {
            throw new IllegalArgumentException("time must be a finite number of seconds >= 0, not " + time);
        }
        if ((itemType == ItemType.INLINE) != (itemContent != null)) {
            throw new IllegalArgumentException("item_content must be present exactly when item_type is inline");
        }
    }

    /** The message time as an instant (millisecond-exact for SDK-made times). */
    public Instant instant() {
        BigDecimal seconds = BigDecimal.valueOf(time);
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * The bytes every chain signs: {@code chain\nsender\ntype\nitem_hash} in UTF-8, as the reference node
     * builds them.
     */
    public byte[] verificationBuffer() {
        return (chain.code() + "\n" + sender + "\n" + type.name() + "\n" + itemHash.value())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
