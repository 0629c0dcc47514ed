package io.aleph4j.benchmarks;

import fr.acinq.secp256k1.Secp256k1;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * An Ethereum key that signs inline messages as a wallet's {@code personal_sign} does. The signing is
 * libsecp256k1's (RFC 6979 nonces and low s, as web3j's, so the signatures are the same): web3j finds the
 * recovery id by trying up to four pure-Java recoveries per signature, which made signing the load tool's ten
 * million messages take longer than the node took to store them.
 */
final class EthereumWallet {

    private static final HexFormat HEX = HexFormat.of();
    private static final Secp256k1 SECP256K1 = Secp256k1.get();

    private final ECKeyPair key;
    private final String address;
    private final byte[] secret;
    private final byte[] publicKey;

    private EthereumWallet(ECKeyPair key, String address, byte[] secret, byte[] publicKey) {
        this.key = key;
        this.address = address;
        this.secret = secret;
        this.publicKey = publicKey;
    }

    static EthereumWallet of(BigInteger secret) {
        ECKeyPair key = ECKeyPair.create(secret);
        byte[] publicKey = new byte[65];
        publicKey[0] = 4;
        System.arraycopy(Numeric.toBytesPadded(key.getPublicKey(), 64), 0, publicKey, 1, 64);
        return new EthereumWallet(key, Keys.toChecksumAddress(Keys.getAddress(key.getPublicKey())),
                Numeric.toBytesPadded(secret, 32), publicKey);
    }

    ECKeyPair key() {
        return key;
    }

    /** The checksummed address. */
    String address() {
        return address;
    }

    /** A signed inline POST of {@code content} (its JSON text, which names this wallet's address). */
    Message post(String channel, double time, String content) {
        return signed(MessageType.POST, channel, time, content);
    }

    /** A signed inline message of any type. */
    Message signed(MessageType type, String channel, double time, String content) {
        Message unsigned = new Message(Chain.ETH, address, type, channel, time, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "");
        return new Message(Chain.ETH, address, type, channel, time, ItemType.INLINE, content,
                unsigned.itemHash(), personalSign(unsigned.verificationBuffer()));
    }

    /** {@code 0x} + r, s and v (27 or 28) in hex. */
    private String personalSign(byte[] message) {
        byte[] digest = Sign.getEthereumMessageHash(message);
        byte[] rs = SECP256K1.sign(digest, secret);
        // v says which of the two keys with this r signed: the one recovery id 0 gives, or the other.
        int v = Arrays.equals(SECP256K1.ecdsaRecover(rs, digest, 0), publicKey) ? 27 : 28;
        return "0x" + HEX.formatHex(rs) + HEX.formatHex(new byte[] {(byte) v});
    }
}
