package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.message.Message;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The signatures verified lately, so that a message checked twice in one node pays for one verification: a peer's
 * message is checked when it arrives (a forged one must not be forwarded) and again by the pipeline; an upload's
 * STORE is checked before its bytes are kept and again by the pipeline. Only successes are kept, keyed by every
 * field the signature covers and by the signature itself, so a hit proves what a verification would. Bounded: a
 * fixed table where a newer entry replaces an older one in the same slot. Thread-safe without locks.
 */
final class VerifiedSignatures {

    private final AtomicReferenceArray<String> slots;
    private final int mask;

    /** @param capacity a power of two */
    VerifiedSignatures(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not a power of two");
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    boolean contains(Message message) {
        String key = key(message);
        return key.equals(slots.get(slot(key)));
    }

    void add(Message message) {
        String key = key(message);
        slots.set(slot(key), key);
    }

    private int slot(String key) {
        int hash = key.hashCode();
        return (hash ^ (hash >>> 16)) & mask;
    }

    private static String key(Message message) {
        return message.chain().code() + '\n' + message.sender() + '\n' + message.type().name() + '\n'
                + message.itemHash().value() + '\n' + message.signature();
    }
}
