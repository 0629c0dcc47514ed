package io.aleph4j.plugins.content.ipfs;

import io.aleph4j.plugins.support.ipfs.Cid;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * CAR v1 archives for tests, written byte by byte from the spec (https://ipld.io/specs/transport/car/carv1/): the
 * header {@code {"roots": [root], "version": 1}} in DAG-CBOR, then each block as a varint length, its binary CID and
 * its bytes. Shared with integration-tests through this module's test jar.
 *
 * @param root          the root the header declares, as text
 * @param bytes         the archive
 * @param cumulativeSize what {@code files/stat} answers as the root's {@code CumulativeSize}
 */
public record TestCar(String root, byte[] bytes, long cumulativeSize) {

    /** One raw block (CIDv1, codec raw, sha2-256: {@code bafkrei...}) that is the root. */
    public static TestCar ofRawBlock(byte[] data) {
        Cid cid = Cid.v1(Cid.RAW, sha256(data));
        return new TestCar(cid.toString(), archive(cid, cid, data), data.length);
    }

    /** A raw block under a header that declares {@code declaredRoot} instead. */
    public static TestCar ofRawBlockDeclaring(Cid declaredRoot, byte[] data) {
        return new TestCar(declaredRoot.toString(), archive(declaredRoot, Cid.v1(Cid.RAW, sha256(data)), data), 0);
    }

    /**
     * A UnixFS directory (a dag-pb node, CIDv1 {@code bafybei...}) holding one file, a raw block, named {@code name};
     * the directory is the root. Its cumulative size is its node's bytes plus the file's.
     */
    public static TestCar ofDirectory(String name, byte[] data) {
        Cid file = Cid.v1(Cid.RAW, sha256(data));
        ByteArrayOutputStream link = new ByteArrayOutputStream();
        bytesField(link, 1, file.bytes());
        bytesField(link, 2, name.getBytes(StandardCharsets.UTF_8));
        link.write(3 << 3);
        varint(link, data.length);
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        bytesField(node, 2, link.toByteArray());
        bytesField(node, 1, new byte[] {0x08, 0x01});
        byte[] directory = node.toByteArray();
        Cid root = Cid.v1(Cid.DAG_PB, sha256(directory));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(root));
        out.writeBytes(block(root, directory));
        out.writeBytes(block(file, data));
        return new TestCar(root.toString(), out.toByteArray(), directory.length + data.length);
    }

    private static byte[] archive(Cid declaredRoot, Cid blockCid, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(declaredRoot));
        out.writeBytes(block(blockCid, data));
        return out.toByteArray();
    }

    /** The varint length and the DAG-CBOR map {@code {"roots": [42(h'00' + cid)], "version": 1}}. */
    private static byte[] header(Cid root) {
        byte[] cid = root.bytes();
        ByteArrayOutputStream map = new ByteArrayOutputStream();
        map.write(0xa2);
        map.write(0x65);
        map.writeBytes("roots".getBytes(StandardCharsets.US_ASCII));
        map.write(0x81);
        map.writeBytes(new byte[] {(byte) 0xd8, 0x2a, 0x58, (byte) (cid.length + 1), 0x00});
        map.writeBytes(cid);
        map.write(0x67);
        map.writeBytes("version".getBytes(StandardCharsets.US_ASCII));
        map.write(0x01);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, map.size());
        out.writeBytes(map.toByteArray());
        return out.toByteArray();
    }

    private static byte[] block(Cid cid, byte[] data) {
        byte[] binary = cid.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, binary.length + data.length);
        out.writeBytes(binary);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
        out.write(field << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
