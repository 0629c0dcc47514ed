package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A decoded Tezos public key that checks signatures the way Tezos does: over the blake2b-256 digest of the signed
 * bytes, Ed25519 for tz1 keys, ECDSA with a 64-byte {@code r || s} for tz2 (secp256k1) and tz3 (P-256) keys.
 * Closed over the two families, which hold different things (raw Ed25519 bytes, a decoded curve point).
 */
sealed interface TezosPublicKey permits TezosPublicKey.Ed25519Key, TezosPublicKey.EcdsaKey {

    KeyKind kind();

    /** The key as Tezos encodes it: 32 bytes for Ed25519, 33 (compressed point) for the ECDSA curves. */
    byte[] encoded();

    /** Whether the 64-byte signature was made by this key over the 32-byte digest. */
    boolean verifies(byte[] signature, byte[] digest);

    /**
     * Whether the key is a point no signature could be refused for because of the key itself. Asked only once a
     * signature failed, to name the key as the problem: for Ed25519 it costs a square root, a sixth of a
     * verification, which valid messages need not pay (the verifier refuses such keys on its own).
     */
    boolean wellFormed();

    /** The tz address this key signs for. */
    default String address() {
        return kind().address(encoded());
    }

    /**
     * Decodes an {@code edpk}, {@code sppk} or {@code p2pk} text.
     *
     * @param ed25519 what an Ed25519 key verifies with
     * @throws IllegalArgumentException naming what is wrong with the text, in words a user can act on
     */
    static TezosPublicKey decode(String text, Ed25519Verifier ed25519) {
        KeyKind kind = KeyKind.ofPublicKeyText(text).orElseThrow(() -> new IllegalArgumentException("publicKey "
                + Quoted.abbreviated(text) + " is not a Tezos public key (edpk..., sppk... or p2pk...)"));
        byte[] encoded = kind.decodePublicKey(text);
        return switch (kind) {
            case ED25519 -> Ed25519Key.of(encoded, ed25519);
            case SECP256K1, P256 -> EcdsaKey.of(kind, encoded);
        };
    }

    /** A tz1 key, and the implementation it verifies with (AWS-LC or BouncyCastle). */
    record Ed25519Key(byte[] encoded, Ed25519Verifier ed25519) implements TezosPublicKey {

        public Ed25519Key {
            encoded = encoded.clone();
        }

        static Ed25519Key of(byte[] encoded, Ed25519Verifier ed25519) {
            return new Ed25519Key(encoded, ed25519);
        }

        /** A canonical encoding of a curve point that is not of small order (BouncyCastle's check). */
        @Override
        public boolean wellFormed() {
            return Ed25519.validatePublicKeyPartial(encoded, 0);
        }

        @Override
        public KeyKind kind() {
            return KeyKind.ED25519;
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        @Override
        public boolean verifies(byte[] signature, byte[] digest) {
            return ed25519.verify(signature, encoded, digest);
        }
    }

    /** A tz2 or tz3 key, its point decoded once. */
    record EcdsaKey(KeyKind kind, byte[] encoded, ECPublicKeyParameters point) implements TezosPublicKey {

        private static final ECDomainParameters SECP256K1 = domain("secp256k1");
        private static final ECDomainParameters P256 = domain("secp256r1");
        private static final int SCALAR_LENGTH = 32;

        public EcdsaKey {
            encoded = encoded.clone();
        }

        static EcdsaKey of(KeyKind kind, byte[] encoded) {
            ECDomainParameters domain = switch (kind) {
                case SECP256K1 -> SECP256K1;
                case P256 -> P256;
                case ED25519 -> throw new IllegalArgumentException("an Ed25519 key is not an ECDSA key");
            };
            ECPoint point;
            try {
                point = domain.getCurve().decodePoint(encoded);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("publicKey is not a valid " + curveName(kind)
                        + " key (not a compressed curve point)", e);
            }
            return new EcdsaKey(kind, encoded, new ECPublicKeyParameters(point, domain));
        }

        @Override
        public byte[] encoded() {
            return encoded.clone();
        }

        /** The point was decoded, and checked to be on the curve, when the key was. */
        @Override
        public boolean wellFormed() {
            return true;
        }

        @Override
        public boolean verifies(byte[] signature, byte[] digest) {
            if (signature.length != 2 * SCALAR_LENGTH) {
                return false;
            }
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, SCALAR_LENGTH));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, SCALAR_LENGTH, 2 * SCALAR_LENGTH));
            // libsecp256k1, behind pytezos and Octez, accepts only low-s signatures; P-256 verifiers take both.
            if (kind == KeyKind.SECP256K1 && s.compareTo(point.getParameters().getN().shiftRight(1)) > 0) {
                return false;
            }
            // A new signer per call: ECDSASigner keeps state between init and verify, so it is not shared.
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, point);
            return verifier.verifySignature(digest, r, s);
        }

        private static String curveName(KeyKind kind) {
            return kind == KeyKind.SECP256K1 ? "secp256k1" : "P-256";
        }

        private static ECDomainParameters domain(String name) {
            X9ECParameters parameters = CustomNamedCurves.getByName(name);
            return new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(),
                    parameters.getH());
        }
    }
}
