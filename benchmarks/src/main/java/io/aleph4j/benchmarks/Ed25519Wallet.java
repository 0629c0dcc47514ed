package io.aleph4j.benchmarks;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.plugins.support.Base58;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key that signs inline POSTs with BouncyCastle as Solana wallets do (over the verification buffer) and
 * as Tezos wallets do in {@code raw} mode (over blake2b-256 of the buffer, tz1 sender).
 *
 * @param seed      the 32-byte private seed
 * @param publicKey the 32-byte public key
 */
record Ed25519Wallet(byte[] seed, byte[] publicKey) {

    private static final byte[] TZ1 = {6, (byte) 161, (byte) 159};
    private static final byte[] EDPK = {13, 15, 37, (byte) 217};
    private static final byte[] EDSIG = {9, (byte) 245, (byte) 205, (byte) 134, 18};

    static Ed25519Wallet of(long number) {
        byte[] seed = ByteBuffer.allocate(32).putLong(0x5eed_0000_0000L + number).array();
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new Ed25519Wallet(seed, publicKey);
    }

    /**
     * A message of {@code chain} (SOL or TEZOS) whose content names the sender, signed as that chain's wallets sign.
     */
    Message post(Chain chain, double time, String body) {
        String sender = Chain.TEZOS.equals(chain) ? tezosAddress() : Base58.encode(publicKey);
        String content = "{\"address\":\"" + sender + "\",\"time\":" + time + ",\"content\":{\"body\":\"" + body
                + "\"},\"type\":\"test\"}";
        Message unsigned = new Message(chain, sender, MessageType.POST, "TEST", time, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "");
        byte[] buffer = unsigned.verificationBuffer();
        String signature = Chain.TEZOS.equals(chain)
                ? "{\"signature\":\"" + base58Check(EDSIG, sign(blake2b(buffer, 256))) + "\",\"publicKey\":\""
                        + base58Check(EDPK, publicKey) + "\",\"signingType\":\"raw\"}"
                : "{\"signature\":\"" + Base58.encode(sign(buffer)) + "\",\"publicKey\":\"" + sender + "\"}";
        return new Message(chain, sender, MessageType.POST, "TEST", time, ItemType.INLINE, content,
                unsigned.itemHash(), signature);
    }

    byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    String tezosAddress() {
        return base58Check(TZ1, blake2b(publicKey, 160));
    }

    static byte[] blake2b(byte[] input, int bits) {
        Blake2bDigest digest = new Blake2bDigest(bits);
        digest.update(input, 0, input.length);
        byte[] out = new byte[bits / 8];
        digest.doFinal(out, 0);
        return out;
    }

    private static String base58Check(byte[] prefix, byte[] payload) {
        byte[] body = Arrays.copyOf(prefix, prefix.length + payload.length);
        System.arraycopy(payload, 0, body, prefix.length, payload.length);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] checksum = sha256.digest(sha256.digest(body));
            byte[] all = Arrays.copyOf(body, body.length + 4);
            System.arraycopy(checksum, 0, all, body.length, 4);
            return Base58.encode(all);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
