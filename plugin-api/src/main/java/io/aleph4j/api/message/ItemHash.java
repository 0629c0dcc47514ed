package io.aleph4j.api.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The hash that names a message or a stored item: 64 lower-case hex characters of a sha256 (inline and
 * {@code storage} items), or an IPFS CID ({@code ipfs} items: CIDv0 {@code Qm...} base58, CIDv1 base32
 * {@code b...}).
 */
public record ItemHash(String value) {

    private static final Pattern CID_V0 = Pattern.compile("Qm[1-9A-HJ-NP-Za-km-z]{44}");
    private static final Pattern CID_V1_BASE32 = Pattern.compile("b[a-z2-7]{20,100}");
    private static final HexFormat HEX = HexFormat.of();
    /**
     * Cloned per hash: {@code MessageDigest.getInstance} looks the algorithm up and checks it against the security
     * constraints on every call, which cost more than hashing a POST (profiled on the inbox's appending thread).
     */
    private static final MessageDigest SHA_256 = sha256();

    public ItemHash {
        Objects.requireNonNull(value, "value");
        if (!isLowerHex64(value) && !CID_V0.matcher(value).matches() && !CID_V1_BASE32.matcher(value).matches()) {
            throw new IllegalArgumentException("item hash '" + abbreviate(value)
                    + "' is neither 64 lower-case hex characters nor an IPFS CID");
        }
    }

    public static ItemHash of(String value) {
        return new ItemHash(value);
    }

    /** The item hash of a 32-byte sha256 digest. */
    public static ItemHash ofSha256(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a sha256 digest has 32 bytes, not " + digest.length);
        }
        return new ItemHash(HEX.formatHex(digest));
    }

    /** The item hash of inline content: sha256 of its exact UTF-8 bytes. */
    public static ItemHash sha256Of(String content) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return ofSha256(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether this is a sha256 hex hash (as opposed to an IPFS CID). */
    public boolean isSha256() {
        return isLowerHex64(value);
    }

    /** The common case, checked without a regex: every log read and every message builds item hashes. */
    private static boolean isLowerHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
