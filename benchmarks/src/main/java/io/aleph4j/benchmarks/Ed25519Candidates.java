package io.aleph4j.benchmarks;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The Ed25519 verifiers reachable from Maven Central and Debian, measured side by side by
 * {@link Ed25519VerificationBenchmark}: the two the bridges choose from ({@code plugins/support-ed25519}: AWS-LC
 * through Amazon Corretto Crypto Provider, natives in its jar, and BouncyCastle's RFC 8032 code), the JDK's SunEC, and
 * three Debian libraries through JNA direct mapping: libsodium 1.0.18, OpenSSL 3's libcrypto and wolfSSL. Each is
 * thread-safe (per-thread state where the library needs some), and each is handed raw bytes as the bridges have them:
 * a 64-byte signature, a 32-byte key and the signed bytes; whatever it must build from them (a JCA key, a native key
 * object, the small-order key check) is part of its cost.
 */
final class Ed25519Candidates {

    static final List<String> NAMES = List.of("bouncycastle", "aws-lc", "jdk", "libsodium", "openssl", "wolfssl");

    private Ed25519Candidates() {
    }

    /** Verifies an Ed25519 signature; Tezos also needs blake2b-256 of the signed bytes first. */
    interface Verifier {
        boolean verify(byte[] signature, byte[] publicKey, byte[] message);

        /** blake2b-256, from the same library where it has one, else BouncyCastle's. */
        default byte[] blake2b256(byte[] input) {
            Blake2bDigest digest = new Blake2bDigest(256);
            digest.update(input, 0, input.length);
            byte[] out = new byte[32];
            digest.doFinal(out, 0);
            return out;
        }
    }

    static Verifier of(String name) {
        return switch (name) {
            case "bouncycastle", "aws-lc" -> {
                Ed25519Verifier verifier = Ed25519Choice.of(name).verifier("benchmark");
                if (!verifier.implementation().equalsIgnoreCase(name)) {
                    throw new IllegalStateException("asked for " + name + ", got " + verifier.implementation());
                }
                yield verifier::verify;
            }
            case "jdk" -> new Jdk();
            case "libsodium" -> new Libsodium();
            case "openssl" -> new OpenSsl();
            case "wolfssl" -> new WolfSsl();
            default -> throw new IllegalArgumentException("no Ed25519 candidate named " + name);
        };
    }

    /** The JDK's Ed25519 (SunEC): a key object from the raw key (X.509 form), then a Signature per thread. */
    private static final class Jdk implements Verifier {

        /** SubjectPublicKeyInfo of an Ed25519 key up to the raw 32 bytes (RFC 8410). */
        private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
                0x00};

        private final ThreadLocal<KeyFactory> keys;
        private final ThreadLocal<Signature> signatures;

        Jdk() {
            keys = ThreadLocal.withInitial(() -> {
                try {
                    return KeyFactory.getInstance("Ed25519");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
            signatures = ThreadLocal.withInitial(() -> {
                try {
                    return Signature.getInstance("Ed25519");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public boolean verify(byte[] signature, byte[] publicKey, byte[] message) {
            byte[] encoded = new byte[X509_PREFIX.length + 32];
            System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
            System.arraycopy(publicKey, 0, encoded, X509_PREFIX.length, 32);
            try {
                PublicKey key = keys.get().generatePublic(new X509EncodedKeySpec(encoded));
                Signature verifier = signatures.get();
                verifier.initVerify(key);
                verifier.update(message);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /** libsodium (Debian's libsodium23): one call, as the reference node's PyNaCl and pytezos make it. */
    private static final class Libsodium implements Verifier {

        static {
            Native.register(Libsodium.class, NativeLibrary.getInstance("libsodium.so.23"));
            if (sodium_init() < 0) {
                throw new IllegalStateException("sodium_init failed");
            }
        }

        private static native int sodium_init();

        private static native int crypto_sign_verify_detached(byte[] sig, byte[] m, long mlen, byte[] pk);

        private static native int crypto_generichash(byte[] out, long outlen, byte[] in, long inlen, Pointer key,
                long keylen);

        @Override
        public boolean verify(byte[] signature, byte[] publicKey, byte[] message) {
            return crypto_sign_verify_detached(signature, message, message.length, publicKey) == 0;
        }

        @Override
        public byte[] blake2b256(byte[] input) {
            byte[] out = new byte[32];
            crypto_generichash(out, 32, input, input.length, null, 0);
            return out;
        }
    }

    /** OpenSSL 3 (Debian's libssl3): a raw EVP_PKEY and a digest-verify context per verification. */
    private static final class OpenSsl implements Verifier {

        private static final int EVP_PKEY_ED25519 = 1087;

        static {
            Native.register(OpenSsl.class, NativeLibrary.getInstance("libcrypto.so.3"));
        }

        private static native Pointer EVP_PKEY_new_raw_public_key(int type, Pointer engine, byte[] key, long keylen);

        private static native void EVP_PKEY_free(Pointer key);

        private static native Pointer EVP_MD_CTX_new();

        private static native void EVP_MD_CTX_free(Pointer context);

        private static native int EVP_DigestVerifyInit(Pointer context, Pointer keyContext, Pointer type,
                Pointer engine, Pointer key);

        private static native int EVP_DigestVerify(Pointer context, byte[] sig, long siglen, byte[] tbs, long tbslen);

        @Override
        public boolean verify(byte[] signature, byte[] publicKey, byte[] message) {
            Pointer key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, null, publicKey, 32);
            if (key == null) {
                return false;
            }
            Pointer context = EVP_MD_CTX_new();
            try {
                return EVP_DigestVerifyInit(context, null, null, null, key) == 1
                        && EVP_DigestVerify(context, signature, 64, message, message.length) == 1;
            } finally {
                EVP_MD_CTX_free(context);
                EVP_PKEY_free(key);
            }
        }
    }

    /** wolfSSL (Debian's libwolfssl35): a key struct per thread, imported again for each verification. */
    private static final class WolfSsl implements Verifier {

        static {
            Native.register(WolfSsl.class, NativeLibrary.getInstance("libwolfssl.so.35"));
        }

        /** Larger than wolfSSL's ed25519_key on any build: only the library reads it. */
        private static final ThreadLocal<Memory> KEYS = ThreadLocal.withInitial(() -> new Memory(16384));

        private static native int wc_ed25519_init(Pointer key);

        private static native int wc_ed25519_import_public(byte[] in, int inLen, Pointer key);

        private static native int wc_ed25519_verify_msg(byte[] sig, int siglen, byte[] msg, int msglen, int[] result,
                Pointer key);

        @Override
        public boolean verify(byte[] signature, byte[] publicKey, byte[] message) {
            Pointer key = KEYS.get();
            int[] result = new int[1];
            return wc_ed25519_init(key) == 0 && wc_ed25519_import_public(publicKey, 32, key) == 0
                    && wc_ed25519_verify_msg(signature, 64, message, message.length, result, key) == 0
                    && result[0] == 1;
        }
    }
}
