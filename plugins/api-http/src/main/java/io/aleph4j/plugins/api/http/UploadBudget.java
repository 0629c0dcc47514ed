package io.aleph4j.plugins.api.http;

import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.http.HttpProblem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many bytes uploads may bring in per time window: per address (the signed STORE's {@code content.address})
 * and for the whole node (every upload, signed or not). Without it anyone could fill the node's disk with large
 * files under throw-away addresses, each one's STORE signed and valid: the node-wide budget bounds that flood, the
 * per-address one keeps a single address from taking all of it. Bytes count as they arrive, before they are kept;
 * an upload that goes over is cut off with a 429 and leaves nothing. (The reference has no such bound; its balance
 * check, the 402, comes here with the chain-bridge work.) Windows are fixed, counted on the node's clock.
 * Thread-safe.
 */
final class UploadBudget {

    static final ConfigKey<Duration> WINDOW = ConfigKey.duration("uploads.window", Duration.ofHours(1),
            "the time window the upload budgets count over");
    static final ConfigKey<Long> ADDRESS_BYTES = ConfigKey.longInteger("uploads.address-bytes-per-window",
            2_147_483_648L, "the bytes one address's signed uploads may bring per window (429 beyond)");
    static final ConfigKey<Long> NODE_BYTES = ConfigKey.longInteger("uploads.node-bytes-per-window",
            21_474_836_480L, "the bytes all uploads together may bring per window (429 beyond): the most the "
                    + "node's disk can grow by uploads in one window");
    static final List<ConfigKey<?>> KEYS = List.of(WINDOW, ADDRESS_BYTES, NODE_BYTES);

    /** Addresses counted at once; beyond, a new address is refused until the window turns (a flood is on). */
    private static final int MAX_ADDRESSES = 100_000;

    /** Over budget: the upload is cut off. An I/O failure of the source, so that a store reading it keeps nothing. */
    static final class Exceeded extends IOException {

        Exceeded(String message) {
            super(message);
        }
    }

    private final Duration window;
    private final long addressBytes;
    private final long nodeBytes;
    private final Clock clock;
    private long currentWindow = Long.MIN_VALUE;
    private long nodeUsed;
    private final Map<String, Long> addressUsed = new HashMap<>();

    UploadBudget(Duration window, long addressBytes, long nodeBytes, Clock clock) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("the upload window must be positive, not " + window);
        }
        this.window = window;
        this.addressBytes = addressBytes;
        this.nodeBytes = nodeBytes;
        this.clock = clock;
    }

    static UploadBudget from(PluginConfig config, Clock clock) {
        return new UploadBudget(config.get(WINDOW), config.get(ADDRESS_BYTES), config.get(NODE_BYTES), clock);
    }

    /** Refuses (429) an address that has spent its budget already, before any of its bytes arrive. */
    synchronized void checkOpen(String address) {
        turnWindow();
        if (nodeUsed >= nodeBytes) {
            throw new HttpProblem(429, nodeMessage());
        }
        if (address != null && (addressUsed.getOrDefault(address, 0L) >= addressBytes
                || !addressUsed.containsKey(address) && addressUsed.size() >= MAX_ADDRESSES)) {
            throw new HttpProblem(429, addressMessage(address));
        }
    }

    /** Counts {@code bytes} against the node and {@code address} (null: the node only), or refuses them. */
    synchronized void charge(String address, long bytes) throws Exceeded {
        turnWindow();
        if (nodeUsed + bytes > nodeBytes) {
            nodeUsed = nodeBytes;
            throw new Exceeded(nodeMessage());
        }
        if (address != null) {
            long used = addressUsed.getOrDefault(address, 0L);
            if (used + bytes > addressBytes || used == 0 && addressUsed.size() >= MAX_ADDRESSES) {
                throw new Exceeded(addressMessage(address));
            }
            addressUsed.put(address, used + bytes);
        }
        nodeUsed += bytes;
    }

    /**
     * Counts against {@code address} alone bytes the node was charged for already: a file staged before its STORE
     * message named its address. 429 beyond the address's budget.
     */
    synchronized void chargeAddressOnly(String address, long bytes) {
        turnWindow();
        long used = addressUsed.getOrDefault(address, 0L);
        if (used + bytes > addressBytes || used == 0 && addressUsed.size() >= MAX_ADDRESSES) {
            throw new HttpProblem(429, addressMessage(address));
        }
        addressUsed.put(address, used + bytes);
    }

    /** {@code in}, whose bytes are charged as they are read. */
    InputStream metered(InputStream in, String address) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int read = super.read();
                if (read >= 0) {
                    charge(address, 1);
                }
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    charge(address, read);
                }
                return read;
            }
        };
    }

    private void turnWindow() {
        long now = Math.floorDiv(clock.millis(), window.toMillis());
        if (now != currentWindow) {
            currentWindow = now;
            nodeUsed = 0;
            addressUsed.clear();
        }
    }

    private long secondsLeft() {
        long windowMillis = window.toMillis();
        return (windowMillis - Math.floorMod(clock.millis(), windowMillis) + 999) / 1000;
    }

    private String nodeMessage() {
        return "this node takes at most " + nodeBytes + " bytes of uploads every " + window
                + "; try again in " + secondsLeft() + " s";
    }

    private String addressMessage(String address) {
        return "uploads for " + Query.shorten(address) + " are limited to " + addressBytes + " bytes every "
                + window + "; try again in " + secondsLeft() + " s";
    }
}
