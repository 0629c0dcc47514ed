package io.aleph4j.kernel.internal.network;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one connected peer may send before the node stops listening to it: a token bucket of messages per second
 * (beyond it, messages are ignored unread, so a flood costs this node no signature checks), and a count of invalid
 * messages per minute (beyond it, the peer is disconnected). Gossipsub's own score counts the rejections too, so a
 * peer that goes on is pruned from the mesh by every node, not only this one. Thread-safe.
 */
final class PeerLimits {

    /** The most peers tracked; the least recently seen is forgotten first. */
    private static final int MAX_PEERS = 10_000;
    private static final long MINUTE_MILLIS = 60_000;

    private final double messagesPerSecond;
    private final double burst;
    private final int invalidPerMinute;
    private final Clock clock;
    private final Map<String, Peer> peers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Peer> eldest) {
            return size() > MAX_PEERS;
        }
    };

    PeerLimits(double messagesPerSecond, double burst, int invalidPerMinute, Clock clock) {
        this.messagesPerSecond = messagesPerSecond;
        this.burst = burst;
        this.invalidPerMinute = invalidPerMinute;
        this.clock = clock;
    }

    /** Whether a message the peer passed on may be read now; false once its bucket is empty. */
    synchronized boolean admit(String peer) {
        Peer state = peers.computeIfAbsent(peer, p -> new Peer(burst, clock.millis()));
        long now = clock.millis();
        state.tokens = Math.min(burst, state.tokens + (now - state.refilled) * messagesPerSecond / 1000.0);
        state.refilled = now;
        if (state.tokens < 1) {
            return false;
        }
        state.tokens -= 1;
        return true;
    }

    /** Counts an invalid message from the peer; true when it has sent too many and is to be disconnected. */
    synchronized boolean invalid(String peer) {
        Peer state = peers.computeIfAbsent(peer, p -> new Peer(burst, clock.millis()));
        long now = clock.millis();
        if (now - state.invalidSince >= MINUTE_MILLIS) {
            state.invalidSince = now;
            state.invalid = 0;
        }
        state.invalid++;
        return state.invalid > invalidPerMinute;
    }

    private static final class Peer {
        double tokens;
        long refilled;
        long invalidSince;
        int invalid;

        Peer(double tokens, long now) {
            this.tokens = tokens;
            this.refilled = now;
            this.invalidSince = now;
        }
    }
}
