package io.aleph4j.plugins.state.rocksdb;

import java.util.Arrays;

/** A byte array as a map key: equal by content. */
record Bytes(byte[] value) {

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

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
