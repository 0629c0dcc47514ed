package io.aleph4j.plugins.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A Bloom filter over the item hashes of every message a state store holds, so that its writer skips the lookup
 * of a message it has never seen: the pipeline asks for each incoming message before applying it, and nearly every
 * one is new (state-jdbc and state-rocksdb keep one). "Absent" is certain; "maybe" costs the lookup it would have
 * cost anyway.
 *
 * <p>It grows by itself, without reading the store again: once its newest layer holds as many hashes as it was
 * sized for, further hashes go to a new layer four times as large, with one more bit per hash, so that the false
 * "maybe"s of all layers together stay near 0.3 % however far the store grows (the first layer alone: about 0.1 %).
 * Fourteen bits per hash in the first layer, not ten: at ten million stored messages a false "maybe" costs the
 * store a lookup of some hundreds of microseconds (its filters and indexes no longer all in its cache), and at 2 %
 * those lookups were a fifth of the writer's time; the four bits more cost 1.5 bytes of memory per hash.
 * Four times, not twice: a new hash is looked for in every layer (a cache miss or two each), and a store grown from
 * 65,536 to 10 million hashes has five layers so, eight when doubling.
 * A store that instead read every stored hash into a filter twice as large each time one filled stopped its
 * writer for that scan: about a second per million messages stored.
 *
 * <p>Not thread-safe: a store uses it under its writer's lock.
 */
public final class KnownHashes {

    private static final int FIRST_BITS_PER_HASH = 14;
    private static final int GROWTH = 4;

    private final List<Layer> layers = new ArrayList<>();
    private Layer newest;

    /**
     * An empty filter for a store about to add the {@code stored} hashes it holds: room for twice as many in its
     * first layer (so that it grows only after the store has doubled), and for at least {@code atLeast}.
     */
    public static KnownHashes forStored(long stored, long atLeast) {
        return new KnownHashes(Math.max(atLeast, stored * 2));
    }

    /** An empty filter whose first layer holds {@code capacity} hashes. */
    public KnownHashes(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        newest = new Layer(capacity, FIRST_BITS_PER_HASH);
        layers.add(newest);
    }

    /** False when {@code itemHash} was certainly never added. */
    public boolean mightContain(String itemHash) {
        long digest = fnv1a(itemHash);
        long first = mix(digest);
        long step = step(digest);
        for (Layer layer : layers) {
            if (layer.probe(first, step, false)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a hash; a hash added before (a status change, a replay) does not count again toward the capacity. */
    public void add(String itemHash) {
        long digest = fnv1a(itemHash);
        long first = mix(digest);
        long step = step(digest);
        for (Layer layer : layers) {
            if (layer != newest && layer.probe(first, step, false)) {
                return; // an older layer answers "maybe" for it already, and always will
            }
        }
        if (!newest.probe(first, step, true) && ++newest.added > newest.capacity) {
            newest = new Layer(newest.capacity * GROWTH, newest.bitsPerHash + 1);
            layers.add(newest);
        }
    }

    /** How many distinct hashes it holds before it grows again: the capacities of its layers together. */
    public long capacity() {
        return layers.stream().mapToLong(layer -> layer.capacity).sum();
    }

    /** How many layers it has grown to. */
    int layerCount() {
        return layers.size();
    }

    /** One Bloom filter: {@code bitsPerHash} bits per hash it is sized for, and the probes that suit them. */
    private static final class Layer {
        private final long[] words;
        private final long bitCount;
        private final long capacity;
        private final int bitsPerHash;
        private final int probes;
        private long added;

        Layer(long capacity, int bitsPerHash) {
            this.capacity = capacity;
            this.bitsPerHash = bitsPerHash;
            // k = (m / n) ln 2 minimises the false positives of a full filter.
            this.probes = (int) Math.round(bitsPerHash * Math.log(2));
            this.words = new long[Math.toIntExact((capacity * bitsPerHash + 63) / 64)];
            this.bitCount = words.length * 64L;
        }

        /**
         * Looks at a hash's bits (double hashing: {@code first + i * step}, the same for every layer), setting them
         * when {@code set}; answers whether they were all set already.
         */
        boolean probe(long first, long step, boolean set) {
            boolean allSet = true;
            for (int i = 0; i < probes; i++) {
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
    }

    /** FNV-1a over the characters: item hashes are hex digests or base58/base32 CIDs, all ASCII. */
    private static long fnv1a(String text) {
        long hash = 0xCBF29CE484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001B3L;
        }
        return hash;
    }

    /** The odd stride of a hash's double hashing, independent of {@link #mix} of the same digest. */
    private static long step(long digest) {
        return mix(digest ^ 0x9E3779B97F4A7C15L) | 1;
    }

    /** The finalizer of SplitMix64: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
