package io.aleph4j.plugins.chain.tezos;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/** Blake2b digests of the sizes Tezos uses: 20 bytes for key hashes, 32 for signed payloads. */
final class Blake2b {

    private Blake2b() {
    }

    static byte[] digest(byte[] input, int sizeBytes) {
        Blake2bDigest digest = new Blake2bDigest(sizeBytes * 8);
        digest.update(input, 0, input.length);
        byte[] out = new byte[sizeBytes];
        digest.doFinal(out, 0);
        return out;
    }
}
