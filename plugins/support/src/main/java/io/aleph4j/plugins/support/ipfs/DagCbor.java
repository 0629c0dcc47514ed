package io.aleph4j.plugins.support.ipfs;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict DAG-CBOR decoder for small documents (a CAR header): one item filling the bytes, definite lengths,
 * minimal integer encodings, text map keys in canonical order (shorter first, then bytewise) without duplicates,
 * 64-bit finite floats, and no tag but 42 (a CID link). Values: {@link Long} or {@link BigInteger}, {@code byte[]},
 * {@link String}, {@link List}, {@link Map} (keys in order), {@link Boolean}, {@link Double}, {@link Link}, and
 * {@code null}.
 */
final class DagCbor {

    /** A CID link (tag 42), as its canonical text. */
    record Link(String cid) {
    }

    /** Bytes that are no DAG-CBOR item; the message says where and why. */
    static final class Malformed extends Exception {

        Malformed(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 64;
    private static final int CID_TAG = 42;

    private final byte[] bytes;
    private int at;

    private DagCbor(byte[] bytes) {
        this.bytes = bytes;
    }

    static Object decode(byte[] bytes) throws Malformed {
        DagCbor decoder = new DagCbor(bytes);
        Object value = decoder.item(0);
        if (decoder.at != bytes.length) {
            throw new Malformed((bytes.length - decoder.at) + " bytes follow the item at byte " + decoder.at);
        }
        return value;
    }

    private Object item(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("items nested deeper than " + MAX_DEPTH + " levels");
        }
        int start = at;
        int initial = next("an item");
        int major = initial >>> 5;
        int info = initial & 0x1F;
        if (major == 7) {
            return simple(info, start);
        }
        BigInteger argument = argument(info, start);
        return switch (major) {
            case 0 -> number(argument);
            case 1 -> number(argument.negate().subtract(BigInteger.ONE));
            case 2 -> take(length(argument, start), "a byte string");
            case 3 -> text(take(length(argument, start), "a text string"), start);
            case 4 -> array(length(argument, start), depth);
            case 5 -> map(length(argument, start), depth, start);
            default -> tag(argument, start);
        };
    }

    /** The argument of a major type: in the initial byte below 24, else in 1, 2, 4 or 8 bytes, as short as it fits. */
    private BigInteger argument(int info, int start) throws Malformed {
        if (info < 24) {
            return BigInteger.valueOf(info);
        }
        if (info == 31) {
            throw new Malformed("indefinite length at byte " + start + " (DAG-CBOR wants definite lengths)");
        }
        if (info > 27) {
            throw new Malformed("reserved additional information " + info + " at byte " + start);
        }
        int size = 1 << (info - 24);
        BigInteger value = new BigInteger(1, take(size, "an integer"));
        BigInteger smallest = info == 24 ? BigInteger.valueOf(24) : BigInteger.ONE.shiftLeft(8 * (size / 2));
        if (value.compareTo(smallest) < 0) {
            throw new Malformed("integer " + value + " at byte " + start + " is not minimally encoded");
        }
        return value;
    }

    private Object simple(int info, int start) throws Malformed {
        switch (info) {
            case 20:
                return Boolean.FALSE;
            case 21:
                return Boolean.TRUE;
            case 22:
                return null;
            case 27:
                double value = ByteBuffer.wrap(take(8, "a float")).getDouble();
                if (!Double.isFinite(value)) {
                    throw new Malformed("float " + value + " at byte " + start + " (DAG-CBOR floats are finite)");
                }
                return value;
            case 25, 26:
                throw new Malformed("float shorter than 64 bits at byte " + start);
            default:
                throw new Malformed("simple value " + info + " at byte " + start + " (DAG-CBOR has only false, "
                        + "true, null and 64-bit floats)");
        }
    }

    private static Object number(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValueExact() : value;
    }

    /** A length, which cannot exceed what is left (each element takes a byte at least). */
    private int length(BigInteger declared, int start) throws Malformed {
        int left = bytes.length - at;
        if (declared.compareTo(BigInteger.valueOf(left)) > 0) {
            throw new Malformed("length " + declared + " at byte " + start + " runs past the end (" + left
                    + " bytes left)");
        }
        return declared.intValueExact();
    }

    private String text(byte[] utf8, int start) throws Malformed {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("text string at byte " + start + " is not valid UTF-8");
        }
    }

    private List<Object> array(int length, int depth) throws Malformed {
        List<Object> values = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            values.add(item(depth + 1));
        }
        return values;
    }

    private Map<String, Object> map(int length, int depth, int start) throws Malformed {
        Map<String, Object> entries = new LinkedHashMap<>();
        byte[] previous = null;
        for (int i = 0; i < length; i++) {
            int keyAt = at;
            if (at < bytes.length && (bytes[at] & 0xFF) >>> 5 != 3) {
                throw new Malformed("map key at byte " + keyAt + " is not a text string");
            }
            String key = (String) item(depth + 1);
            byte[] encoded = Arrays.copyOfRange(bytes, keyAt, at);
            if (previous != null) {
                int order = canonicalOrder(previous, encoded);
                if (order == 0) {
                    throw new Malformed("duplicate map key \"" + key + "\" at byte " + keyAt);
                }
                if (order > 0) {
                    throw new Malformed("map key \"" + key + "\" at byte " + keyAt + " is out of canonical order");
                }
            }
            previous = encoded;
            entries.put(key, item(depth + 1));
        }
        return entries;
    }

    /** DAG-CBOR's key order: shorter encoded keys first, then bytewise. */
    private static int canonicalOrder(byte[] first, byte[] second) {
        return first.length != second.length ? Integer.compare(first.length, second.length)
                : Arrays.compareUnsigned(first, second);
    }

    /** Tag 42 only: a byte string holding 0x00 (the identity multibase) and a binary CID. */
    private Link tag(BigInteger tag, int start) throws Malformed {
        if (!tag.equals(BigInteger.valueOf(CID_TAG))) {
            throw new Malformed("tag " + tag + " at byte " + start + " (DAG-CBOR allows only tag 42, CID links)");
        }
        int contentAt = at;
        if (at >= bytes.length || (bytes[at] & 0xFF) >>> 5 != 2) {
            throw new Malformed("the CID link at byte " + start + " does not hold a byte string");
        }
        byte[] content = (byte[]) item(MAX_DEPTH);
        if (content.length == 0 || content[0] != 0) {
            throw new Malformed("the CID link at byte " + start + " does not start with 0x00 (the identity "
                    + "multibase)");
        }
        try {
            return new Link(Cid.textOf(Arrays.copyOfRange(content, 1, content.length)));
        } catch (IllegalArgumentException e) {
            throw new Malformed("the CID link at byte " + contentAt + " is not a CID: " + e.getMessage());
        }
    }

    private int next(String what) throws Malformed {
        if (at >= bytes.length) {
            throw new Malformed("the bytes end where " + what + " should start (byte " + at + ")");
        }
        return bytes[at++] & 0xFF;
    }

    private byte[] take(int count, String what) throws Malformed {
        if (count > bytes.length - at) {
            throw new Malformed("the bytes end inside " + what + " at byte " + at);
        }
        byte[] taken = Arrays.copyOfRange(bytes, at, at + count);
        at += count;
        return taken;
    }
}
