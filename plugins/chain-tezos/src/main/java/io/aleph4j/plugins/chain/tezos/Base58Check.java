package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.plugins.support.Base58;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58check as Tezos uses it: base58 of {@code prefix || payload || first 4 bytes of sha256(sha256(...))}. */
final class Base58Check {

    private Base58Check() {
    }

    static String encode(byte[] prefix, byte[] payload) {
        byte[] body = concat(prefix, payload);
        return Base58.encode(concat(body, Arrays.copyOf(doubleSha256(body), 4)));
    }

    /**
     * The payload of a base58check text that starts with {@code prefix} and has {@code payloadLength} bytes.
     *
     * @throws IllegalArgumentException saying which of base58, checksum, prefix or length is wrong
     */
    static byte[] decode(String text, byte[] prefix, int payloadLength) {
        byte[] raw = Base58.decode(text);
        if (raw.length != prefix.length + payloadLength + 4) {
            throw new IllegalArgumentException("'" + text + "' decodes to " + raw.length + " bytes, not "
                    + (prefix.length + payloadLength + 4));
        }
        byte[] body = Arrays.copyOf(raw, raw.length - 4);
        byte[] checksum = Arrays.copyOfRange(raw, raw.length - 4, raw.length);
        if (!MessageDigest.isEqual(checksum, Arrays.copyOf(doubleSha256(body), 4))) {
            throw new IllegalArgumentException("'" + text + "' has a wrong base58check checksum");
        }
        if (!Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("'" + text + "' does not have the expected prefix");
        }
        return Arrays.copyOfRange(body, prefix.length, body.length);
    }

    private static byte[] doubleSha256(byte[] bytes) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return sha256.digest(sha256.digest(bytes));
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
