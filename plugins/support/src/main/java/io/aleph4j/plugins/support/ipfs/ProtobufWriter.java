package io.aleph4j.plugins.support.ipfs;

import java.io.ByteArrayOutputStream;

/**
 * The few protobuf wire-format writes dag-pb and UnixFS need: varints, and length-delimited fields. Field order
 * is the caller's: the IPFS encoders write fields in a fixed order that the CIDs depend on.
 */
final class ProtobufWriter {

    private final ByteArrayOutputStream out;

    ProtobufWriter(int expectedSize) {
        this.out = new ByteArrayOutputStream(expectedSize);
    }

    ProtobufWriter varintField(int field, long value) {
        tag(field, 0);
        varint(value);
        return this;
    }

    ProtobufWriter bytesField(int field, byte[] value, int offset, int length) {
        tag(field, 2);
        varint(length);
        out.write(value, offset, length);
        return this;
    }

    ProtobufWriter bytesField(int field, byte[] value) {
        return bytesField(field, value, 0, value.length);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        writeVarint(out, value);
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    static int varintSize(long value) {
        int size = 1;
        long rest = value >>> 7;
        while (rest != 0) {
            size++;
            rest >>>= 7;
        }
        return size;
    }
}
