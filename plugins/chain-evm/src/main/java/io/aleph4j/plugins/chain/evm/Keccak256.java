package io.aleph4j.plugins.chain.evm;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 on a digest kept per thread. web3j's {@code Hash.sha3} builds a new JCA digest per call and
 * {@code Sign.getEthereumMessageHash} concatenates prefix and message first; per verified message those
 * allocations cost as much as a tenth of a native recovery.
 */
final class Keccak256 {

    private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<KeccakDigest> DIGEST = ThreadLocal.withInitial(() -> new KeccakDigest(256));

    private Keccak256() {
    }

    /** The hash {@code personal_sign} signs: of {@code "\x19Ethereum Signed Message:\n" + length + message}. */
    static byte[] ofPersonalMessage(byte[] message) {
        KeccakDigest digest = DIGEST.get();
        digest.update(EIP191_PREFIX, 0, EIP191_PREFIX.length);
        byte[] length = Integer.toString(message.length).getBytes(StandardCharsets.US_ASCII);
        digest.update(length, 0, length.length);
        digest.update(message, 0, message.length);
        return finish(digest);
    }

    static byte[] of(byte[] bytes, int offset, int length) {
        KeccakDigest digest = DIGEST.get();
        digest.update(bytes, offset, length);
        return finish(digest);
    }

    private static byte[] finish(KeccakDigest digest) {
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        return hash;
    }
}
