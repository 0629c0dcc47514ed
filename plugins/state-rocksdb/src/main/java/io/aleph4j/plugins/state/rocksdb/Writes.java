package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.plugins.support.KnownHashes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One write transaction: its changes go into {@link PendingWrites}, which its reads (inherited) see over the
 * committed state, and whose batch the commit writes atomically with the applied inbox index and the counters'
 * changes.
 * Replacing a record first reads the old one, so that its index entries and counts go away with it.
 */
final class Writes extends Reads implements StateTransaction {

    /** How a transaction ends, in the store that opened it. */
    interface Ending {

        /** Adds the counters and the applied index to the batch and writes it. */
        void commit(Writes transaction, long throughInboxIndex);

        /** Ends the transaction: drops its batch (written or not). */
        void end(Writes transaction);
    }

    private static final byte[] EMPTY = new byte[0];

    private final PendingWrites pending;
    private final KnownHashes knownMessages;
    private final KnownHashes knownPosts;
    /** The lookups of messages and posts the filters let through (the tests watch it). */
    private long lookups;
    private final Ending ending;
    /**
     * The posts put in this transaction whose message has not been put since, by hash: whether its index entries
     * cover the post ({@link Indexes#covers}) is known once it is.
     */
    private final Map<String, PostRecord> awaitingMessage = new HashMap<>();
    /** This transaction's changes to the counters, written once at its commit. */
    private final Map<Bytes, Long> counterChanges = new HashMap<>();
    private boolean ended;

    /**
     * @param knownMessages the hashes of the messages stored, which this transaction's new ones are added to
     * @param knownPosts    the same for posts: apart, because a POST's handler puts its post (same hash) before its
     *                      message, which would otherwise look stored and be looked up in vain
     */
    Writes(Database database, PendingWrites pending, KnownHashes knownMessages, KnownHashes knownPosts,
           Ending ending) {
        super(View.overPending(database, pending), null);
        this.pending = pending;
        this.knownMessages = knownMessages;
        this.knownPosts = knownPosts;
        this.ending = ending;
    }

    /**
     * Skips the lookup when the hash was certainly never stored: the pipeline asks for each message before applying
     * it, and nearly every one is new.
     */
    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        return lookedUp(knownMessages::mightContain, itemHash, super::message);
    }

    /**
     * As {@link #message}: a new post is looked up before it is put, to replace an older version. A post is stored
     * under its message's time, so a post whose message is stored may be there too; the others are in
     * {@code knownPosts}.
     */
    @Override
    public Optional<PostRecord> post(ItemHash itemHash) {
        PostRecord awaiting = awaitingMessage.get(itemHash.value());
        if (awaiting != null) {
            return Optional.ofNullable(postAt(Indexes.messageKey(awaiting.time(), itemHash.value())));
        }
        return lookedUp(hash -> knownPosts.mightContain(hash) || knownMessages.mightContain(hash), itemHash,
                super::post);
    }

    /** What {@code read} finds, read only when {@code mayBeStored} says the hash may be there. */
    private <T> Optional<T> lookedUp(Predicate<String> mayBeStored, ItemHash itemHash,
                                     Function<ItemHash, Optional<T>> read) {
        if (!mayBeStored.test(itemHash.value())) {
            return Optional.empty();
        }
        lookups++;
        return read.apply(itemHash);
    }

    long lookups() {
        return lookups;
    }

    PendingWrites pending() {
        return pending;
    }

    Map<Bytes, Long> counterChanges() {
        return counterChanges;
    }

    @Override
    Map<Bytes, Long> pendingCounters() {
        return counterChanges;
    }

    @Override
    public void putMessage(MessageRecord record) {
        requireOpen();
        String hash = record.itemHash().value();
        byte[] key = Indexes.messageKey(record.time(), hash);
        Optional<MessageRecord> replaced = message(record.itemHash());
        // A stored post the old version covered (found under its time) stays covered only if the new one covers it.
        PostRecord covered = replaced.filter(old -> !isApart(hash))
                .map(old -> postAt(Indexes.messageKey(old.time(), hash))).orElse(null);
        replaced.ifPresent(old -> {
            delete(Column.MESSAGES, Indexes.messageKey(old.time(), hash));
            Indexes.of(old).forEach(entry -> delete(entry.column(), entry.key()));
            count(Counters.of(old), -1);
        });
        knownMessages.add(hash);
        put(Column.MESSAGES, key, Records.message(record));
        put(Column.MESSAGE_TIMES, Indexes.hashKey(hash), KeyWriter.key().time(record.time()).build());
        Indexes.of(record).forEach(entry -> put(entry.column(), entry.key(), entry.value()));
        count(Counters.of(record), 1);
        PostRecord post = awaitingMessage.remove(hash);
        if (post != null) {
            if (!Indexes.covers(record, post)) {
                indexApart(post);
            }
        } else if (covered != null && !Indexes.covers(record, covered)) {
            indexApart(covered);
        }
    }

    @Override
    public void putPost(PostRecord post) {
        requireOpen();
        removePost(post.itemHash());
        String hash = post.itemHash().value();
        knownPosts.add(hash);
        put(Column.POSTS, Indexes.messageKey(post.time(), hash), Records.post(post));
        if (post.isAmend()) {
            Indexes.Entry amend = Indexes.amend(post);
            put(amend.column(), amend.key(), amend.value());
        }
        // A POST's handler puts its post before its message: whether the message covers it is known at its put.
        awaitingMessage.put(hash, post);
        count(Counters.of(post), 1);
    }

    /** Lists a post its message does not cover in the posts' own families, its time in {@link Column#POST_TIMES}. */
    private void indexApart(PostRecord post) {
        put(Column.POST_TIMES, Indexes.hashKey(post.itemHash().value()), KeyWriter.key().time(post.time()).build());
        Indexes.apart(post).forEach(entry -> put(entry.column(), entry.key(), entry.value()));
    }

    private boolean isApart(String hash) {
        return view().get(Column.POST_TIMES, Indexes.hashKey(hash)) != null;
    }

    @Override
    public void deletePost(ItemHash itemHash) {
        requireOpen();
        removePost(itemHash);
    }

    private void removePost(ItemHash itemHash) {
        post(itemHash).ifPresent(old -> {
            String hash = itemHash.value();
            delete(Column.POSTS, Indexes.messageKey(old.time(), hash));
            if (old.isAmend()) {
                delete(Column.AMENDS, Indexes.amend(old).key());
            }
            if (awaitingMessage.remove(hash) == null && isApart(hash)) {
                delete(Column.POST_TIMES, Indexes.hashKey(hash));
                Indexes.apart(old).forEach(entry -> delete(entry.column(), entry.key()));
            }
            count(Counters.of(old), -1);
        });
    }

    /** Like the SQL stores' {@code UPDATE}: setting the latest amend of a post that is not there does nothing. */
    @Override
    public void setLatestAmend(ItemHash original, ItemHash latestAmend) {
        requireOpen();
        post(original).ifPresent(post -> put(Column.POSTS, Indexes.messageKey(post.time(), original.value()),
                Records.post(post.toBuilder().latestAmend(latestAmend).build())));
    }

    @Override
    public void putAggregateElement(AggregateElement element) {
        requireOpen();
        removeElement(element.itemHash());
        put(Column.AGGREGATE_ELEMENTS, elementKey(element.owner(), element.key(), element.time(),
                element.itemHash().value()), new Values.Writer().text(element.json()).build());
        put(Column.AGGREGATE_ELEMENT_KEYS, Indexes.hashKey(element.itemHash().value()),
                new Values.Writer().text(element.owner()).text(element.key()).real(element.time()).build());
    }

    @Override
    public void deleteAggregateElement(ItemHash itemHash) {
        requireOpen();
        removeElement(itemHash);
    }

    private void removeElement(ItemHash itemHash) {
        byte[] hashKey = Indexes.hashKey(itemHash.value());
        byte[] located = view().get(Column.AGGREGATE_ELEMENT_KEYS, hashKey);
        if (located != null) {
            Values.Reader in = new Values.Reader(located);
            delete(Column.AGGREGATE_ELEMENTS, elementKey(in.text(), in.text(), in.real(), itemHash.value()));
            delete(Column.AGGREGATE_ELEMENT_KEYS, hashKey);
        }
    }

    private static byte[] elementKey(String owner, String key, double time, String hash) {
        return KeyWriter.key().text(owner).text(key).time(time).hash(hash).build();
    }

    /** A security aggregate's grantees are indexed anew with it. */
    @Override
    public void putAggregate(AggregateRecord aggregate) {
        requireOpen();
        removeAggregate(aggregate.owner(), aggregate.key());
        put(Column.AGGREGATES, aggregateKey(aggregate.owner(), aggregate.key()), Records.aggregate(aggregate));
        put(Column.AGGREGATES_BY_MODIFICATION, aggregateListingKey(aggregate.lastRevisionTime(), aggregate), EMPTY);
        put(Column.AGGREGATES_BY_CREATION, aggregateListingKey(aggregate.creationTime(), aggregate), EMPTY);
        if (aggregate.key().equals("security")) {
            for (String grantee : Grantees.of(aggregate.json())) {
                put(Column.SECURITY_GRANTEES, KeyWriter.key().text(grantee).text(aggregate.owner()).build(), EMPTY);
            }
        }
        count(List.of(Counters.key(Counters.AGGREGATES, "", 0, 0),
                Counters.key(Counters.AGGREGATE_KEY, aggregate.key(), 0, 0)), 1);
    }

    @Override
    public void deleteAggregate(String owner, String key) {
        requireOpen();
        removeAggregate(owner, key);
    }

    private void removeAggregate(String owner, String key) {
        Optional<AggregateRecord> found = aggregate(owner, key);
        if (found.isEmpty()) {
            return;
        }
        AggregateRecord old = found.get();
        delete(Column.AGGREGATES, aggregateKey(owner, key));
        delete(Column.AGGREGATES_BY_MODIFICATION, aggregateListingKey(old.lastRevisionTime(), old));
        delete(Column.AGGREGATES_BY_CREATION, aggregateListingKey(old.creationTime(), old));
        if (key.equals("security")) {
            for (String grantee : Grantees.of(old.json())) {
                delete(Column.SECURITY_GRANTEES, KeyWriter.key().text(grantee).text(owner).build());
            }
        }
        count(List.of(Counters.key(Counters.AGGREGATES, "", 0, 0), Counters.key(Counters.AGGREGATE_KEY, key, 0, 0)),
                -1);
    }

    private static byte[] aggregateListingKey(double time, AggregateRecord aggregate) {
        return KeyWriter.key().time(time).text(aggregate.key()).text(aggregate.owner()).build();
    }

    @Override
    public void putFileReference(FileReference reference) {
        requireOpen();
        removeFile(reference.messageHash());
        String hash = reference.messageHash().value();
        put(Column.FILE_REFERENCES, Indexes.hashKey(hash), Records.file(reference));
        for (Indexes.Entry entry : fileEntries(reference)) {
            put(entry.column(), entry.key(), entry.value());
        }
        countFile(reference, 1);
    }

    @Override
    public void deleteFileReference(ItemHash storeMessageHash) {
        requireOpen();
        removeFile(storeMessageHash);
    }

    private void removeFile(ItemHash messageHash) {
        fileReference(messageHash).ifPresent(old -> {
            delete(Column.FILE_REFERENCES, Indexes.hashKey(messageHash.value()));
            for (Indexes.Entry entry : fileEntries(old)) {
                delete(entry.column(), entry.key());
            }
            countFile(old, -1);
        });
    }

    private static List<Indexes.Entry> fileEntries(FileReference reference) {
        String hash = reference.messageHash().value();
        Indexes.Entry byFile = new Indexes.Entry(Column.FILE_REFERENCES_BY_FILE,
                KeyWriter.key().text(reference.fileHash().value()).time(reference.time()).hash(hash).build(), EMPTY);
        Indexes.Entry byOwner = new Indexes.Entry(Column.FILE_REFERENCES_BY_OWNER,
                KeyWriter.key().text(reference.owner()).time(reference.time()).hash(hash).build(),
                new Values.Writer().text(reference.fileHash().value()).build());
        if (reference.ref() == null) {
            return List.of(byFile, byOwner);
        }
        return List.of(byFile, byOwner, new Indexes.Entry(Column.FILE_REFERENCES_BY_REF,
                KeyWriter.key().text(reference.ref()).text(reference.owner()).time(reference.time()).hash(hash)
                        .build(), EMPTY));
    }

    private void countFile(FileReference reference, int sign) {
        add(Counters.key(Counters.FILES, reference.owner(), 0, 0), sign);
        add(Counters.key(Counters.FILE_BYTES, reference.owner(), 0, 0), sign * reference.size());
    }

    /** Replaces the measurements of {@code post}: putting a post's metrics again keeps only the new ones. */
    @Override
    public void putNodeMetrics(ItemHash post, List<NodeMetric> metrics) {
        requireOpen();
        for (NodeMetric metric : metrics) {
            if (!metric.post().equals(post)) {
                throw new IllegalArgumentException("a measurement of post " + metric.post()
                        + " cannot be kept as one of post " + post);
            }
        }
        removeMetrics(post);
        if (metrics.isEmpty()) {
            return;
        }
        put(Column.NODE_METRICS_BY_POST, Indexes.hashKey(post.value()), Records.metrics(metrics));
        for (int i = 0; i < metrics.size(); i++) {
            NodeMetric metric = metrics.get(i);
            put(Column.NODE_METRICS, metricKey(metric, i), Records.measurements(metric.values()));
        }
    }

    @Override
    public void deleteNodeMetrics(ItemHash post) {
        requireOpen();
        removeMetrics(post);
    }

    private void removeMetrics(ItemHash post) {
        byte[] postKey = Indexes.hashKey(post.value());
        byte[] stored = view().get(Column.NODE_METRICS_BY_POST, postKey);
        if (stored == null) {
            return;
        }
        List<NodeMetric> old = Records.metrics(post.value(), stored);
        for (int i = 0; i < old.size(); i++) {
            delete(Column.NODE_METRICS, metricKey(old.get(i), i));
        }
        delete(Column.NODE_METRICS_BY_POST, postKey);
    }

    /** (kind, node, measured at, post, position): ties in time are ordered by post, then position in the post. */
    private static byte[] metricKey(NodeMetric metric, int position) {
        return KeyWriter.key().code(Codes.NODE_KIND.of(metric.kind())).text(metric.nodeId())
                .time(metric.measuredAt()).text(metric.post().value()).index(position).build();
    }

    @Override
    public void commit(long throughInboxIndex) {
        requireOpen();
        // Posts whose message this transaction did not put (none in the pipeline) are listed by their own entries.
        awaitingMessage.values().forEach(this::indexApart);
        awaitingMessage.clear();
        ended = true;
        try {
            ending.commit(this, throughInboxIndex);
        } finally {
            ending.end(this);
        }
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            ending.end(this);
        }
    }

    /** Releases the changes and their view; the store calls it once the transaction has ended. */
    void release() {
        view().close();
        pending.close();
    }

    private void requireOpen() {
        if (ended) {
            throw new IllegalStateException("this transaction has ended already");
        }
    }

    private void count(List<byte[]> keys, long change) {
        for (byte[] key : keys) {
            add(key, change);
        }
    }

    private void add(byte[] key, long change) {
        counterChanges.merge(new Bytes(key), change, Long::sum);
    }

    private void put(Column column, byte[] key, byte[] value) {
        pending.put(column, key, value);
    }

    private void delete(Column column, byte[] key) {
        pending.delete(column, key);
    }
}
