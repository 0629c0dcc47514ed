package io.aleph4j.plugins.support.ipfs;

import io.aleph4j.plugins.support.Base32;
import io.aleph4j.plugins.support.Base58;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A content identifier over a sha2-256 multihash: CIDv0 (dag-pb, base58btc {@code Qm...}) or CIDv1 (a codec,
 * base32 {@code b...}), the two forms an IPFS node hands out for imported files.
 */
public final class Cid {

    /** Multicodec of dag-pb blocks (UnixFS nodes). */
    public static final int DAG_PB = 0x70;
    /** Multicodec of raw blocks (CIDv1 leaves). */
    public static final int RAW = 0x55;

    private static final int SHA2_256 = 0x12;
    private static final int DIGEST_LENGTH = 32;

    private final int version;
    private final int codec;
    private final byte[] digest;

    private Cid(int version, int codec, byte[] digest) {
        this.version = version;
        this.codec = codec;
        this.digest = digest.clone();
    }

    public static Cid v0(byte[] sha256OfBlock) {
        return new Cid(0, DAG_PB, checked(sha256OfBlock));
    }

    public static Cid v1(int codec, byte[] sha256OfBlock) {
        return new Cid(1, codec, checked(sha256OfBlock));
    }

    public int version() {
        return version;
    }

    public int codec() {
        return codec;
    }

    /**
     * The canonical text of a binary CID of any codec and multihash, as IPFS nodes write it: base58btc for a CIDv0
     * ({@code Qm...}), multibase base32 for a CIDv1 ({@code b...}).
     *
     * @throws IllegalArgumentException naming what makes the bytes no CID
     */
    public static String textOf(byte[] binary) {
        if (binary.length == 0) {
            throw new IllegalArgumentException("a CID has at least a version or a multihash; this one is empty");
        }
        if ((binary[0] & 0xFF) == SHA2_256) {
            if (binary.length != 2 + DIGEST_LENGTH || (binary[1] & 0xFF) != DIGEST_LENGTH) {
                throw new IllegalArgumentException("a CIDv0 is a 34-byte sha2-256 multihash (0x12 0x20 and 32 "
                        + "bytes), not these " + binary.length + " bytes");
            }
            return Base58.encode(binary);
        }
        int[] at = {0};
        long version = varint(binary, at, "version");
        if (version != 1) {
            throw new IllegalArgumentException("CID version " + version + " is not supported (0 or 1)");
        }
        varint(binary, at, "codec");
        varint(binary, at, "multihash code");
        long length = varint(binary, at, "multihash length");
        if (length != binary.length - at[0]) {
            throw new IllegalArgumentException("the multihash declares a " + length + "-byte digest but "
                    + (binary.length - at[0]) + " bytes follow");
        }
        return "b" + Base32.encode(binary);
    }

    /** An unsigned varint as multiformats write them: at most 9 bytes, minimally encoded. */
    private static long varint(byte[] bytes, int[] at, String what) {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("the CID ends inside its " + what);
            }
            int b = bytes[at[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new IllegalArgumentException("the CID's " + what + " is not minimally encoded");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("the CID's " + what + " is longer than 9 bytes");
    }

    /** The binary CID, as dag-pb links carry it. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(36);
        if (version == 1) {
            ProtobufWriter.writeVarint(out, 1);
            ProtobufWriter.writeVarint(out, codec);
        }
        out.write(SHA2_256);
        out.write(DIGEST_LENGTH);
        out.write(digest, 0, digest.length);
        return out.toByteArray();
    }

    /** The text form: base58btc for v0, multibase base32 ({@code b} prefix) for v1. */
    @Override
    public String toString() {
        return version == 0 ? Base58.encode(bytes()) : "b" + Base32.encode(bytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid cid && cid.version == version && cid.codec == codec
                && Arrays.equals(cid.digest, digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) * 31 + version * 7 + codec;
    }

    private static byte[] checked(byte[] digest) {
        if (digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
        }
        return digest;
    }
}
