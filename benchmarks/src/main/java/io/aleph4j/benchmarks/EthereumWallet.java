package io.aleph4j.benchmarks;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.math.BigInteger;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** An Ethereum key that signs inline POSTs with web3j, as a wallet's {@code personal_sign} does. */
record EthereumWallet(ECKeyPair key, String address) {

    private static final HexFormat HEX = HexFormat.of();

    static EthereumWallet of(BigInteger secret) {
        ECKeyPair key = ECKeyPair.create(secret);
        return new EthereumWallet(key, Keys.toChecksumAddress(Keys.getAddress(key.getPublicKey())));
    }

    /** A signed inline POST of {@code content} (its JSON text, which names this wallet's address). */
    Message post(String channel, double time, String content) {
        return signed(MessageType.POST, channel, time, content);
    }

    /** A signed inline message of any type. */
    Message signed(MessageType type, String channel, double time, String content) {
        Message unsigned = new Message(Chain.ETH, address, type, channel, time, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "");
        Sign.SignatureData signature = Sign.signPrefixedMessage(unsigned.verificationBuffer(), key);
        return new Message(Chain.ETH, address, type, channel, time, ItemType.INLINE, content,
                unsigned.itemHash(), "0x" + HEX.formatHex(signature.getR()) + HEX.formatHex(signature.getS())
                + HEX.formatHex(signature.getV()));
    }
}
