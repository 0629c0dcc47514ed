package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PostRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The counters kept in {@link Column#COUNTERS}, updated in the same batch as what they count: key (dimension, value,
 * status, type) → how many. A message counts once under each of its dimensions' values, with its status and type,
 * so that the total of a filter on one dimension (any values of it, any statuses, any types) is a sum over a few
 * counters, whatever the number of messages. The same counters answer a sender's stats (processed messages by type),
 * the distinct channels and post types, and, under their own dimensions, the totals of posts, aggregates and an
 * owner's files. A transaction adds up its changes and writes each counter once, at its commit.
 */
final class Counters {

    static final int MESSAGES = 1;
    static final int SENDER = 2;
    static final int OWNER = 3;
    static final int CHANNEL = 4;
    static final int CONTENT_TYPE = 5;
    static final int CHAIN = 6;
    static final int TAG = 7;
    static final int PAYMENT_TYPE = 8;
    static final int POSTS = 20;
    static final int POST_OWNER = 21;
    static final int POST_TYPE = 22;
    static final int POST_CHANNEL = 23;
    static final int POST_TAG = 24;
    static final int AGGREGATES = 30;
    static final int AGGREGATE_KEY = 31;
    static final int FILES = 40;
    static final int FILE_BYTES = 41;

    private Counters() {
    }

    static byte[] key(int dimension, String value, int status, int type) {
        return KeyWriter.key().code(dimension).text(value).code(status).code(type).build();
    }

    /** The key prefix of every counter of one dimension value. */
    static byte[] prefix(int dimension, String value) {
        return KeyWriter.key().code(dimension).text(value).build();
    }

    static byte[] prefix(int dimension) {
        return KeyWriter.key().code(dimension).build();
    }

    /** Every counter {@code record} adds one to. */
    static List<byte[]> of(MessageRecord record) {
        int status = Codes.STATUS.of(record.status());
        int type = Codes.TYPE.of(record.type());
        List<byte[]> keys = new ArrayList<>(10);
        keys.add(key(MESSAGES, "", status, type));
        keys.add(key(SENDER, record.sender(), status, type));
        keys.add(key(CHAIN, record.chain().code(), status, type));
        if (record.channel() != null) {
            keys.add(key(CHANNEL, record.channel(), status, type));
        }
        ContentFields content = record.content();
        if (content != null) {
            keys.add(key(OWNER, content.address(), status, type));
            if (content.type() != null) {
                keys.add(key(CONTENT_TYPE, content.type(), status, type));
            }
            if (content.paymentType() != null) {
                keys.add(key(PAYMENT_TYPE, content.paymentType(), status, type));
            }
            for (String tag : new LinkedHashSet<>(content.tags())) {
                keys.add(key(TAG, tag, status, type));
            }
        }
        return keys;
    }

    /** The counters an original post adds one to (amends count nowhere). */
    static List<byte[]> of(PostRecord post) {
        if (post.isAmend()) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>(6);
        keys.add(key(POSTS, "", 0, 0));
        keys.add(key(POST_OWNER, post.owner(), 0, 0));
        keys.add(key(POST_TYPE, post.type(), 0, 0));
        if (post.channel() != null) {
            keys.add(key(POST_CHANNEL, post.channel(), 0, 0));
        }
        for (String tag : new LinkedHashSet<>(post.tags())) {
            keys.add(key(POST_TAG, tag, 0, 0));
        }
        return keys;
    }

    static byte[] encode(long count) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (count >>> (56 - 8 * i));
        }
        return bytes;
    }

    static long decode(byte[] bytes) {
        if (bytes == null) {
            return 0;
        }
        long count = 0;
        for (byte b : bytes) {
            count = (count << 8) | (b & 0xFF);
        }
        return count;
    }

    /** The status code in a counter key (its second-to-last byte). */
    static int status(byte[] key) {
        return key[key.length - 2] & 0xFF;
    }

    /** The type code in a counter key (its last byte). */
    static int type(byte[] key) {
        return key[key.length - 1] & 0xFF;
    }

    static boolean allows(java.util.Set<MessageStatus> statuses, java.util.Set<MessageType> types, byte[] key) {
        return (statuses.isEmpty() || statuses.contains(Codes.STATUS.constant(status(key))))
                && (types.isEmpty() || types.contains(Codes.TYPE.constant(type(key))));
    }
}
