package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.plugins.support.Base58;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Base58check as Tezos (and Bitcoin) use it: base58 of {@code prefix || payload || checksum}, the checksum being
 * the first 4 bytes of sha256(sha256(prefix || payload)).
 */
final class Base58Check {

    private static final int CHECKSUM_LENGTH = 4;

    private Base58Check() {
    }

    static String encode(byte[] prefix, byte[] payload) {
        byte[] body = concat(prefix, payload);
        return Base58.encode(concat(body, checksum(body)));
    }

    /**
     * The payload of a base58check text that must start with {@code prefix} and carry {@code payloadLength} bytes.
     *
     * @param what the field the text comes from, to name it in the problem ("publicKey", "signature")
     * @throws IllegalArgumentException saying which of base58, length, checksum or prefix is wrong
     */
    static byte[] decode(String what, String text, byte[] prefix, int payloadLength) {
        int expectedLength = prefix.length + payloadLength + CHECKSUM_LENGTH;
        // Base58 decoding is quadratic in the text's length: refuse oversized texts before decoding them.
        if (text.length() > 2 * expectedLength) {
            throw new IllegalArgumentException(what + " " + Quoted.abbreviated(text) + " is " + text.length()
                    + " characters long, far more than a Tezos " + what + " has");
        }
        byte[] raw;
        try {
            raw = Base58.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + Quoted.abbreviated(text) + " is not base58: "
                    + e.getMessage(), e);
        }
        if (raw.length != expectedLength) {
            throw new IllegalArgumentException(what + " " + Quoted.abbreviated(text) + " decodes to " + raw.length
                    + " bytes, not the " + expectedLength + " of its kind");
        }
        byte[] body = Arrays.copyOf(raw, raw.length - CHECKSUM_LENGTH);
        byte[] checksum = Arrays.copyOfRange(raw, raw.length - CHECKSUM_LENGTH, raw.length);
        if (!MessageDigest.isEqual(checksum, checksum(body))) {
            throw new IllegalArgumentException(what + " " + Quoted.abbreviated(text)
                    + " has a wrong base58check checksum (mistyped or truncated?)");
        }
        if (!Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException(what + " " + Quoted.abbreviated(text)
                    + " does not carry the prefix bytes its text prefix announces");
        }
        return Arrays.copyOfRange(body, prefix.length, body.length);
    }

    private static byte[] checksum(byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return Arrays.copyOf(sha256.digest(sha256.digest(body)), CHECKSUM_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
