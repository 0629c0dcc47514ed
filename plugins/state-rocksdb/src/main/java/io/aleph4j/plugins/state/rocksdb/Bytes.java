package io.aleph4j.plugins.state.rocksdb;

import java.util.Arrays;

/** A byte array as a map key: equal by content, ordered as RocksDB orders keys (unsigned bytes). */
record Bytes(byte[] value) implements Comparable<Bytes> {

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return java.util.HexFormat.of().formatHex(value);
    }

    @Override
    public int compareTo(Bytes other) {
        return compare(value, other.value);
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
