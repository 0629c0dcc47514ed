package io.aleph4j.distribution.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * An Ethereum key that signs inline messages with web3j, as a wallet's {@code personal_sign} does, and writes them
 * as the envelope JSON the SDKs post. Times are given as text with millisecond digits, as the SDKs write them, so
 * that the content and the envelope carry the same number.
 */
record EthereumWallet(ECKeyPair key, String address) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** What a signed message does. */
    enum Kind { POST, AMEND, AGGREGATE }

    /** A signed message: its item hash and the envelope JSON to post. */
    record Signed(String itemHash, Kind kind, String envelopeJson) {
    }

    static EthereumWallet of(long secret) {
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(secret).add(BigInteger.TEN.pow(30)));
        return new EthereumWallet(key, Keys.toChecksumAddress(Keys.getAddress(key.getPublicKey())));
    }

    /** A POST of type {@code note} whose content is {@code body} (a JSON object's text). */
    Signed post(String time, String body) {
        return sign(Kind.POST, time, "{\"type\":\"note\",\"address\":\"" + address + "\",\"content\":" + body
                + ",\"time\":" + time + "}");
    }

    /** An amend of this wallet's POST {@code original}. */
    Signed amend(String time, String original, String body) {
        return sign(Kind.AMEND, time, "{\"type\":\"amend\",\"address\":\"" + address + "\",\"content\":" + body
                + ",\"time\":" + time + ",\"ref\":\"" + original + "\"}");
    }

    /** An AGGREGATE of {@code key} merging {@code body} (a JSON object's text) into this wallet's aggregate. */
    Signed aggregate(String time, String key, String body) {
        return sign(Kind.AGGREGATE, time, "{\"address\":\"" + address + "\",\"key\":\"" + key
                + "\",\"content\":" + body + ",\"time\":" + time + "}");
    }

    private Signed sign(Kind kind, String time, String content) {
        MessageType type = kind == Kind.AGGREGATE ? MessageType.AGGREGATE : MessageType.POST;
        ItemHash hash = ItemHash.sha256Of(content);
        Message unsigned = new Message(Chain.ETH, address, type, "TEST", Double.parseDouble(time), ItemType.INLINE,
                content, hash, "");
        Sign.SignatureData signature = Sign.signPrefixedMessage(unsigned.verificationBuffer(), key);
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("chain", "ETH");
        envelope.put("sender", address);
        envelope.put("type", type.name());
        envelope.put("channel", "TEST");
        envelope.put("time", new BigDecimal(time));
        envelope.put("item_type", "inline");
        envelope.put("item_content", content);
        envelope.put("item_hash", hash.value());
        envelope.put("signature", "0x" + HEX.formatHex(signature.getR()) + HEX.formatHex(signature.getS())
                + HEX.formatHex(signature.getV()));
        return new Signed(hash.value(), kind, envelope.toString());
    }
}
