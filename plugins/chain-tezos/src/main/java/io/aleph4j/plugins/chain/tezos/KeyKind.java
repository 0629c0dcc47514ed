package io.aleph4j.plugins.chain.tezos;

import java.util.Optional;

/**
 * The three Tezos key kinds and their base58check prefixes: the address (tz1, tz2, tz3: blake2b-160 of the key),
 * the public key and the signature of the kind. Prefix bytes are those of Octez ({@code src/lib_crypto/base58.ml})
 * as Taquito's {@code constants.ts} also lists them; each one is checked to produce its text prefix in the tests.
 */
enum KeyKind {
    ED25519("tz1", bytes(6, 161, 159), "edpk", bytes(13, 15, 37, 217), 32, "edsig", bytes(9, 245, 205, 134, 18)),
    SECP256K1("tz2", bytes(6, 161, 161), "sppk", bytes(3, 254, 226, 86), 33, "spsig1", bytes(13, 115, 101, 19, 63)),
    P256("tz3", bytes(6, 161, 164), "p2pk", bytes(3, 178, 139, 127), 33, "p2sig", bytes(54, 240, 44, 52));

    /** The prefix of a signature that does not say its curve ({@code sig...}); any key kind accepts it. */
    static final String GENERIC_SIGNATURE_TEXT = "sig";
    static final byte[] GENERIC_SIGNATURE_PREFIX = bytes(4, 130, 43);
    static final int SIGNATURE_LENGTH = 64;

    private final String addressText;
    private final byte[] addressPrefix;
    private final String publicKeyText;
    private final byte[] publicKeyPrefix;
    private final int publicKeyLength;
    private final String signatureText;
    private final byte[] signaturePrefix;

    KeyKind(String addressText, byte[] addressPrefix, String publicKeyText, byte[] publicKeyPrefix,
            int publicKeyLength, String signatureText, byte[] signaturePrefix) {
        this.addressText = addressText;
        this.addressPrefix = addressPrefix;
        this.publicKeyText = publicKeyText;
        this.publicKeyPrefix = publicKeyPrefix;
        this.publicKeyLength = publicKeyLength;
        this.signatureText = signatureText;
        this.signaturePrefix = signaturePrefix;
    }

    /** The kind whose public keys start with the text's first characters ({@code edpk}, {@code sppk}, {@code p2pk}). */
    static Optional<KeyKind> ofPublicKeyText(String text) {
        for (KeyKind kind : values()) {
            if (text.startsWith(kind.publicKeyText)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The tz address of a raw public key of this kind: base58check of its blake2b-160. */
    String address(byte[] publicKey) {
        return Base58Check.encode(addressPrefix, Blake2b.digest160(publicKey));
    }

    /** The raw key of a public key text of this kind. */
    byte[] decodePublicKey(String text) {
        return Base58Check.decode("publicKey", text, publicKeyPrefix, publicKeyLength);
    }

    /**
     * The 64 raw bytes of a signature text made by a key of this kind: with this kind's prefix or the generic one,
     * as pytezos (the reference's library) accepts; another curve's prefix is refused.
     */
    byte[] decodeSignature(String text) {
        if (text.startsWith(signatureText)) {
            return Base58Check.decode("signature", text, signaturePrefix, SIGNATURE_LENGTH);
        }
        if (text.startsWith(GENERIC_SIGNATURE_TEXT)) {
            return Base58Check.decode("signature", text, GENERIC_SIGNATURE_PREFIX, SIGNATURE_LENGTH);
        }
        throw new IllegalArgumentException("signature " + Quoted.abbreviated(text) + " is neither an "
                + signatureText + " nor a generic sig signature, as the " + publicKeyText + " key needs");
    }

    String addressText() {
        return addressText;
    }

    byte[] addressPrefix() {
        return addressPrefix.clone();
    }

    String publicKeyText() {
        return publicKeyText;
    }

    byte[] publicKeyPrefix() {
        return publicKeyPrefix.clone();
    }

    int publicKeyLength() {
        return publicKeyLength;
    }

    String signatureText() {
        return signatureText;
    }

    byte[] signaturePrefix() {
        return signaturePrefix.clone();
    }

    /** Prefix bytes are written unsigned, as Octez and Taquito list them. */
    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
