package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PostRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The secondary index entries of a message and of a post. A message's entries are keyed (value, time, item hash),
 * the hash last and unterminated, so that the key's last part after the value is the message's key in
 * {@link Column#MESSAGES}; their value is the message's status and type codes, so that the common filters on them
 * are checked without reading the message.
 */
final class Indexes {

    /** One index entry. */
    record Entry(Column column, byte[] key, byte[] value) {
    }

    private static final byte[] EMPTY = new byte[0];

    private Indexes() {
    }

    /** A message's key in {@link Column#MESSAGES}: (time, hash). */
    static byte[] messageKey(double time, String hash) {
        return KeyWriter.key().time(time).hash(hash).build();
    }

    static byte[] hashKey(String hash) {
        return KeyWriter.key().hash(hash).build();
    }

    static List<Entry> of(MessageRecord record) {
        byte[] codes = {(byte) Codes.STATUS.of(record.status()), (byte) Codes.TYPE.of(record.type())};
        byte[] suffix = messageKey(record.time(), record.itemHash().value());
        List<Entry> entries = new ArrayList<>(12);
        entries.add(text(Column.MESSAGES_BY_SENDER, record.sender(), suffix, codes));
        entries.add(new Entry(Column.MESSAGES_BY_TYPE, KeyWriter.key().code(codes[1]).bytes(suffix).build(), codes));
        entries.add(text(Column.MESSAGES_BY_CHAIN, record.chain().code(), suffix, codes));
        if (record.status() != MessageStatus.PROCESSED) {
            entries.add(new Entry(Column.MESSAGES_BY_STATUS, KeyWriter.key().code(codes[0]).bytes(suffix).build(),
                    codes));
        }
        if (record.channel() != null) {
            entries.add(text(Column.MESSAGES_BY_CHANNEL, record.channel(), suffix, codes));
        }
        ContentFields content = record.content();
        if (content != null) {
            entries.add(text(Column.MESSAGES_BY_OWNER, content.address(), suffix, codes));
            optional(entries, Column.MESSAGES_BY_CONTENT_TYPE, content.type(), suffix, codes);
            optional(entries, Column.MESSAGES_BY_REF, content.ref(), suffix, codes);
            optional(entries, Column.MESSAGES_BY_KEY, content.key(), suffix, codes);
            optional(entries, Column.MESSAGES_BY_CONTENT_HASH, content.itemHash(), suffix, codes);
            optional(entries, Column.MESSAGES_BY_PAYMENT_TYPE, content.paymentType(), suffix, codes);
            for (String tag : new LinkedHashSet<>(content.tags())) {
                entries.add(text(Column.MESSAGES_BY_TAG, tag, suffix, codes));
            }
            for (String ref : new LinkedHashSet<>(content.volumeRefs())) {
                entries.add(text(Column.MESSAGES_BY_VOLUME_REF, ref, suffix, codes));
            }
        }
        entries.add(new Entry(Column.MESSAGES_BY_RECEPTION, receptionKey(record),
                KeyWriter.key().bytes(codes).time(record.time()).build()));
        return entries;
    }

    static byte[] receptionKey(MessageRecord record) {
        return KeyWriter.key().number(Records.receivedMicros(record.receivedAt())).hash(record.itemHash().value())
                .build();
    }

    /**
     * Whether {@code message}'s index entries list {@code post} where the posts' own would: same hash, and the same
     * time, owner, type, channel, ref and tags (an amend: the same time). A post's handler builds the post from its
     * message, so nearly every post is covered; its entries in the posts' families would repeat the message's, so
     * only the others get them ({@link #apart}), and {@link PostSearch} reads both.
     */
    static boolean covers(MessageRecord message, PostRecord post) {
        ContentFields content = message.content();
        if (message.type() != MessageType.POST || content == null || message.time() != post.time()
                || !message.itemHash().equals(post.itemHash())) {
            return false;
        }
        return post.isAmend() || (Objects.equals(post.owner(), content.address())
                && Objects.equals(post.type(), content.type())
                && Objects.equals(post.channel(), message.channel()) && Objects.equals(post.ref(), content.ref())
                && post.tags().equals(content.tags()));
    }

    /** An amend's entry under its original: the amends of a post are listed from it. */
    static Entry amend(PostRecord amend) {
        return text(Column.AMENDS, amend.amends().value(), messageKey(amend.time(), amend.itemHash().value()), EMPTY);
    }

    /**
     * The entries of a post its message does not cover ({@link #covers}): an original is listed by owner, type,
     * channel, ref and tags; an amend has none (its time is in {@link Column#POST_TIMES}, written with these).
     */
    static List<Entry> apart(PostRecord post) {
        List<Entry> entries = new ArrayList<>(6);
        if (post.isAmend()) {
            return entries;
        }
        byte[] suffix = messageKey(post.time(), post.itemHash().value());
        entries.add(text(Column.POSTS_BY_OWNER, post.owner(), suffix, EMPTY));
        entries.add(text(Column.POSTS_BY_TYPE, post.type(), suffix, EMPTY));
        optional(entries, Column.POSTS_BY_CHANNEL, post.channel(), suffix, EMPTY);
        optional(entries, Column.POSTS_BY_REF, post.ref(), suffix, EMPTY);
        for (String tag : new LinkedHashSet<>(post.tags())) {
            entries.add(text(Column.POSTS_BY_TAG, tag, suffix, EMPTY));
        }
        return entries;
    }

    private static void optional(List<Entry> entries, Column column, String value, byte[] suffix, byte[] codes) {
        if (value != null) {
            entries.add(text(column, value, suffix, codes));
        }
    }

    private static Entry text(Column column, String value, byte[] suffix, byte[] codes) {
        return new Entry(column, KeyWriter.key().text(value).bytes(suffix).build(), codes);
    }
}
