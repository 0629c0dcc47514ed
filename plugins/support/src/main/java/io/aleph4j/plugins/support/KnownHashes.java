package io.aleph4j.plugins.support;

/**
 * A Bloom filter over the item hashes of every message a state store holds, so that its writer skips the lookup
 * of a message it has never seen: the pipeline asks for each incoming message before applying it, and nearly every
 * one is new (state-jdbc and state-rocksdb keep one). "Absent" is certain; "maybe" costs the lookup it would have
 * cost anyway (about 1 % of the time while no more than {@link #capacity()} hashes were added).
 *
 * <p>Not thread-safe: a store uses it under its writer's lock.
 */
public final class KnownHashes {

    private static final int BITS_PER_HASH = 10;
    private static final int PROBES = 7;

    private final long[] words;
    private final long bitCount;
    private final long capacity;
    private long added;

    /**
     * An empty filter for a store about to add the {@code stored} hashes it holds: room for twice as many (so that it
     * fills only after the store has doubled), and for at least {@code atLeast}.
     */
    public static KnownHashes forStored(long stored, long atLeast) {
        return new KnownHashes(Math.max(atLeast, stored * 2));
    }

    public KnownHashes(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.words = new long[Math.toIntExact((capacity * BITS_PER_HASH + 63) / 64)];
        this.bitCount = words.length * 64L;
    }

    /** False when {@code itemHash} was certainly never added. */
    public boolean mightContain(String itemHash) {
        return probe(itemHash, false);
    }

    /** Adds a hash; a hash added before (a status change, a replay) does not count again toward the capacity. */
    public void add(String itemHash) {
        if (!probe(itemHash, true)) {
            added++;
        }
    }

    /**
     * Looks at the hash's bits (double hashing over one 64-bit digest), setting them when {@code set}; answers
     * whether they were all set already.
     */
    private boolean probe(String itemHash, boolean set) {
        long digest = fnv1a(itemHash);
        long first = mix(digest);
        long step = mix(digest ^ 0x9E3779B97F4A7C15L) | 1;
        boolean allSet = true;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(first + i * step, bitCount);
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            if ((words[word] & mask) == 0) {
                if (!set) {
                    return false;
                }
                allSet = false;
                words[word] |= mask;
            }
        }
        return allSet;
    }

    /** How many hashes it was sized for; past that, false "maybe"s grow and the store builds a bigger one. */
    public long capacity() {
        return capacity;
    }

    public boolean isOverCapacity() {
        return added > capacity;
    }

    /** FNV-1a over the characters: item hashes are hex digests or base58/base32 CIDs, all ASCII. */
    private static long fnv1a(String text) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001B3L;
        }
        return hash;
    }

    /** The finalizer of SplitMix64: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
