package io.aleph4j.plugins.support.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header of a CAR v1 archive (a DAG of IPFS blocks, https://ipld.io/specs/transport/car/carv1/): an unsigned
 * LEB128 varint length, then that many bytes of DAG-CBOR, a map {@code {"roots": [CID...], "version": 1}}. Only the
 * header is read; the blocks after it are the IPFS node's to check. The checks and their wording are the reference
 * node's ({@code aleph/toolkit/car.py}), except that a root must be a CID link (tag 42), as CAR readers require.
 */
public final class CarHeader {

    /** The largest header length accepted: a one-root header takes about 40 bytes. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    private static final int MAX_VARINT_BYTES = 10;

    /** Not a CAR v1 header with exactly one root; the message is the reason. */
    public static final class InvalidCarException extends IOException {

        @Serial
        private static final long serialVersionUID = 1L;

        InvalidCarException(String reason) {
            super(reason);
        }
    }

    private CarHeader() {
    }

    /**
     * Reads the header from the start of {@code car}, leaving the stream just after it, and answers its one root's
     * canonical text: base58btc for a CIDv0 ({@code Qm...}), base32 for a CIDv1 ({@code b...}).
     *
     * @throws InvalidCarException naming what is wrong with the header
     * @throws IOException         when {@code car} cannot be read
     */
    public static String readRoot(InputStream car) throws IOException {
        BigInteger length = varint(car);
        if (length.compareTo(BigInteger.valueOf(MAX_HEADER_BYTES)) > 0) {
            throw new InvalidCarException("header exceeds maximum size (" + length + " > " + MAX_HEADER_BYTES + ")");
        }
        byte[] header = car.readNBytes(length.intValueExact());
        if (header.length != length.intValueExact()) {
            throw new InvalidCarException("truncated header");
        }
        Object decoded;
        try {
            decoded = DagCbor.decode(header);
        } catch (DagCbor.Malformed e) {
            throw new InvalidCarException("malformed DAG-CBOR header: " + e.getMessage());
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new InvalidCarException("malformed DAG-CBOR header: not a map");
        }
        Object version = map.get("version");
        if (!Long.valueOf(1).equals(version)) {
            throw new InvalidCarException("unsupported CAR version (got " + repr(version) + ", expected 1)");
        }
        if (!(map.get("roots") instanceof List<?> roots)) {
            throw new InvalidCarException("malformed DAG-CBOR header: roots is not a list");
        }
        if (roots.size() != 1) {
            throw new InvalidCarException("expected exactly 1 root, got " + roots.size());
        }
        if (!(roots.get(0) instanceof DagCbor.Link root)) {
            throw new InvalidCarException("malformed root CID: unexpected type " + typeName(roots.get(0))
                    + " (a root is a CID link, DAG-CBOR tag 42)");
        }
        return root.cid();
    }

    /** An unsigned LEB128 varint of at most 10 bytes (a 64-bit value), as the reference reads it. */
    private static BigInteger varint(InputStream in) throws IOException {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int b = in.read();
            if (b < 0) {
                throw new InvalidCarException("malformed varint: truncated");
            }
            value = value.or(BigInteger.valueOf(b & 0x7F).shiftLeft(7 * i));
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new InvalidCarException("malformed varint: exceeds 10 bytes");
    }

    /** The value as Python's {@code repr} writes the reference's decoded value, near enough for a message. */
    private static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        if (value instanceof String text) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder text = new StringBuilder("b'");
            for (byte b : bytes) {
                int c = b & 0xFF;
                text.append(c == '\\' || c == '\'' ? "\\" + (char) c
                        : c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            return text.append('\'').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CarHeader::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> repr(entry.getKey()) + ": " + repr(entry.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof DagCbor.Link link) {
            return "CID('" + link.cid() + "')";
        }
        return value.toString();
    }

    /** The Python type name of a decoded value, as the reference's messages say it. */
    private static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        return "dict";
    }
}
