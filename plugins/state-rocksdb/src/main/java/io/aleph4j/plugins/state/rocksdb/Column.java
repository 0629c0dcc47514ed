package io.aleph4j.plugins.state.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The column families: one per record kind and one per secondary index. Keys are built ({@link KeyWriter}) so that
 * every listing the API offers is a range scan: an index on a dimension is keyed (value, time, item hash), so the
 * messages with one sender, newest first, are the end of that sender's range read backwards. Point-lookup families
 * get a Bloom filter; range families do not need one.
 */
enum Column {
    /** The applied inbox index and the format version. */
    META(Lookup.POINT),
    /** (time, hash) → the message: the messages in the API's order, written roughly in that order too. */
    MESSAGES(Lookup.RANGE),
    /** hash → time: finds a message's key in {@link #MESSAGES}. */
    MESSAGE_TIMES(Lookup.POINT),
    MESSAGES_BY_SENDER(Lookup.RANGE),
    MESSAGES_BY_OWNER(Lookup.RANGE),
    MESSAGES_BY_CHANNEL(Lookup.RANGE),
    MESSAGES_BY_TYPE(Lookup.RANGE),
    MESSAGES_BY_CHAIN(Lookup.RANGE),
    /** Every status but processed (nearly every message): a filter that includes processed scans the time order. */
    MESSAGES_BY_STATUS(Lookup.RANGE),
    MESSAGES_BY_CONTENT_TYPE(Lookup.RANGE),
    MESSAGES_BY_TAG(Lookup.RANGE),
    MESSAGES_BY_REF(Lookup.RANGE),
    MESSAGES_BY_KEY(Lookup.RANGE),
    MESSAGES_BY_CONTENT_HASH(Lookup.RANGE),
    MESSAGES_BY_PAYMENT_TYPE(Lookup.RANGE),
    MESSAGES_BY_VOLUME_REF(Lookup.RANGE),
    /** (reception micros, hash) → status, type and time: the order in which the node received messages. */
    MESSAGES_BY_RECEPTION(Lookup.RANGE),
    /** (time, hash) → the post (original or amend). */
    POSTS(Lookup.RANGE),
    POST_TIMES(Lookup.POINT),
    POSTS_BY_OWNER(Lookup.RANGE),
    POSTS_BY_TYPE(Lookup.RANGE),
    POSTS_BY_CHANNEL(Lookup.RANGE),
    POSTS_BY_REF(Lookup.RANGE),
    POSTS_BY_TAG(Lookup.RANGE),
    /** (original, time, hash): the amends of each original. */
    AMENDS(Lookup.RANGE),
    /** (owner, key) → the aggregate. */
    AGGREGATES(Lookup.POINT),
    AGGREGATES_BY_MODIFICATION(Lookup.RANGE),
    AGGREGATES_BY_CREATION(Lookup.RANGE),
    /** (owner, key, time, hash) → the element's JSON. */
    AGGREGATE_ELEMENTS(Lookup.RANGE),
    /** hash → (owner, key, time): finds an element's key. */
    AGGREGATE_ELEMENT_KEYS(Lookup.POINT),
    /** (grantee, owner): who each security aggregate authorizes. */
    SECURITY_GRANTEES(Lookup.RANGE),
    /** STORE message hash → its file reference. */
    FILE_REFERENCES(Lookup.POINT),
    FILE_REFERENCES_BY_FILE(Lookup.RANGE),
    /** (owner, time, hash) → the file's hash. */
    FILE_REFERENCES_BY_OWNER(Lookup.RANGE),
    /** (ref, owner, time, hash). */
    FILE_REFERENCES_BY_REF(Lookup.RANGE),
    /** (kind, node, measured at, post, position in the post) → the measurements. */
    NODE_METRICS(Lookup.RANGE),
    /** post → its measurements: what deleting them needs. */
    NODE_METRICS_BY_POST(Lookup.POINT),
    /** (dimension, value, status, type) → how many: the totals of one-dimension filters ({@link Counters}). */
    COUNTERS(Lookup.POINT);

    /** How the family is read: point lookups get a Bloom filter. */
    enum Lookup { POINT, RANGE }

    private final Lookup lookup;
    private final byte[] familyName;

    Column(Lookup lookup) {
        this.lookup = lookup;
        // RocksDB's own default family holds the metadata.
        this.familyName = (ordinal() == 0 ? "default" : name().toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8);
    }

    Lookup lookup() {
        return lookup;
    }

    byte[] familyName() {
        return familyName;
    }
}
