package io.aleph4j.plugins.chain.tezos;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The three Tezos key kinds (tz1, tz2, tz3) with their base58check prefixes and how each verifies a signature
 * over the blake2b-256 digest of the signed bytes, as pytezos (the reference's library) does.
 */
enum KeyKind {
    ED25519("tz1", new byte[] {6, (byte) 161, (byte) 159}, "edpk", new byte[] {13, 15, 37, (byte) 217},
            "edsig", new byte[] {9, (byte) 245, (byte) 205, (byte) 134, 18}, 32) {
        @Override
        boolean verify(byte[] publicKey, byte[] signature, byte[] digest) {
            return Ed25519.verify(signature, 0, publicKey, 0, digest, 0, digest.length);
        }
    },
    SECP256K1("tz2", new byte[] {6, (byte) 161, (byte) 161}, "sppk", new byte[] {3, (byte) 254, (byte) 226, 86},
            "spsig1", new byte[] {13, 115, 101, 19, 63}, 33) {
        @Override
        boolean verify(byte[] publicKey, byte[] signature, byte[] digest) {
            // libsecp256k1, which the reference uses, accepts only low-s signatures.
            return ecdsa(SECP256K1_CURVE, publicKey, signature, digest, true);
        }
    },
    P256("tz3", new byte[] {6, (byte) 161, (byte) 164}, "p2pk", new byte[] {3, (byte) 178, (byte) 139, 127},
            "p2sig", new byte[] {54, (byte) 240, 44, 52}, 33) {
        @Override
        boolean verify(byte[] publicKey, byte[] signature, byte[] digest) {
            return ecdsa(P256_CURVE, publicKey, signature, digest, false);
        }
    };

    /** The prefix of a signature that does not say its curve. */
    static final String GENERIC_SIGNATURE_TEXT = "sig";
    static final byte[] GENERIC_SIGNATURE_PREFIX = {4, (byte) 130, 43};

    private static final ECDomainParameters SECP256K1_CURVE = domain("secp256k1");
    private static final ECDomainParameters P256_CURVE = domain("secp256r1");

    final String addressText;
    final byte[] addressPrefix;
    final String publicKeyText;
    final byte[] publicKeyPrefix;
    final String signatureText;
    final byte[] signaturePrefix;
    final int publicKeyLength;

    KeyKind(String addressText, byte[] addressPrefix, String publicKeyText, byte[] publicKeyPrefix,
            String signatureText, byte[] signaturePrefix, int publicKeyLength) {
        this.addressText = addressText;
        this.addressPrefix = addressPrefix;
        this.publicKeyText = publicKeyText;
        this.publicKeyPrefix = publicKeyPrefix;
        this.signatureText = signatureText;
        this.signaturePrefix = signaturePrefix;
        this.publicKeyLength = publicKeyLength;
    }

    /** Verifies a 64-byte signature over the 32-byte digest with the raw public key. */
    abstract boolean verify(byte[] publicKey, byte[] signature, byte[] digest);

    /** The kind a public key text ({@code edpk...}, {@code sppk...}, {@code p2pk...}) is of, or null. */
    static KeyKind ofPublicKey(String text) {
        for (KeyKind kind : values()) {
            if (text.startsWith(kind.publicKeyText)) {
                return kind;
            }
        }
        return null;
    }

    /** The tz address of a raw public key: base58check of blake2b-160 of the key. */
    String address(byte[] publicKey) {
        return Base58Check.encode(addressPrefix, Blake2b.digest(publicKey, 20));
    }

    private static boolean ecdsa(ECDomainParameters curve, byte[] publicKey, byte[] signature, byte[] digest,
                                 boolean requireLowS) {
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        if (requireLowS && s.compareTo(curve.getN().shiftRight(1)) > 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(curve.getCurve().decodePoint(publicKey), curve));
        return verifier.verifySignature(digest, r, s);
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters parameters = CustomNamedCurves.getByName(name);
        return new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(), parameters.getH());
    }
}
