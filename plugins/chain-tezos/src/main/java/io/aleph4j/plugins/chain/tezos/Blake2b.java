package io.aleph4j.plugins.chain.tezos;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/** The two blake2b sizes Tezos uses: 160 bits for key hashes (tz addresses), 256 bits for what keys sign. */
final class Blake2b {

    private Blake2b() {
    }

    /** The digest a Tezos key signs in place of the signed bytes. */
    static byte[] digest256(byte[] input) {
        return digest(input, 256);
    }

    /** The public key hash inside a tz1/tz2/tz3 address. */
    static byte[] digest160(byte[] input) {
        return digest(input, 160);
    }

    private static byte[] digest(byte[] input, int sizeBits) {
        // A new digest per call: Blake2bDigest holds state, and verify runs on several threads at once.
        Blake2bDigest digest = new Blake2bDigest(sizeBits);
        digest.update(input, 0, input.length);
        byte[] out = new byte[sizeBits / 8];
        digest.doFinal(out, 0);
        return out;
    }
}
