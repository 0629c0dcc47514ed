package io.aleph4j.plugins.chain.evm;

import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;

/**
 * Recovery by libsecp256k1 (Bitcoin Core's library, through ACINQ's JNI binding, whose jars carry the natives for
 * Linux, macOS and Windows on x86-64 and arm64). Keccak-256 of the public key is
 * BouncyCastle's digest, reused per thread ({@link Keccak256}).
 */
final class NativeAddressRecovery implements AddressRecovery {

    static final String IMPLEMENTATION = "libsecp256k1";

    private final Secp256k1 secp256k1;

    private NativeAddressRecovery(Secp256k1 secp256k1) {
        this.secp256k1 = secp256k1;
    }

    /**
     * Loads the native library (the binding extracts it to {@code java.io.tmpdir}, under a new name per class
     * loader, so that several nodes in one JVM each load their own copy).
     *
     * @throws LinkageError or a RuntimeException when the library cannot load on this platform
     */
    static NativeAddressRecovery load() {
        return new NativeAddressRecovery(Secp256k1.get());
    }

    @Override
    public byte[] recover(byte[] digest, byte[] rs, int recoveryId) {
        byte[] publicKey;
        try {
            publicKey = secp256k1.ecdsaRecover(rs, digest, recoveryId);
        } catch (RuntimeException e) {
            // Secp256k1Exception: no point on the curve has this r, or the recovered key is infinity.
            return null;
        }
        // 65 bytes, 0x04 then x and y: the address is the last 20 bytes of keccak(x || y).
        byte[] hash = Keccak256.of(publicKey, 1, 64);
        return Arrays.copyOfRange(hash, 12, 32);
    }

    @Override
    public String implementation() {
        return IMPLEMENTATION;
    }
}
