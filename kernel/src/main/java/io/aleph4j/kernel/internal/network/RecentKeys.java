package io.aleph4j.kernel.internal.network;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/** The last {@code capacity} keys added, oldest forgotten first (the reference's bounded deque). Thread-safe. */
final class RecentKeys {

    private final int capacity;
    private final ArrayDeque<String> order;
    private final Set<String> keys;

    RecentKeys(int capacity) {
        this.capacity = capacity;
        this.order = new ArrayDeque<>();
        this.keys = new HashSet<>();
    }

    /** Adds a key; false when it is among the recent ones already. */
    synchronized boolean add(String key) {
        if (!keys.add(key)) {
            return false;
        }
        order.addLast(key);
        if (order.size() > capacity) {
            keys.remove(order.removeFirst());
        }
        return true;
    }

    /** Forgets a key added a moment ago (what could not be kept after all), so that a later copy counts again. */
    synchronized void remove(String key) {
        if (keys.remove(key)) {
            order.removeLastOccurrence(key);
        }
    }
}
