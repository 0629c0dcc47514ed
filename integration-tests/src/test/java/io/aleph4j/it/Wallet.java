package io.aleph4j.it;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.plugins.chain.tezos.TestWallet;
import io.aleph4j.plugins.support.Base58;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A key that signs Aleph messages the way the chain's wallets do, with the chain's real signing library: web3j
 * for Ethereum (EIP-191 personal_sign), BouncyCastle Ed25519 for Solana, and the chain-tezos test wallet
 * (BouncyCastle, blake2b) for Tezos.
 */
interface Wallet {

    Chain chain();

    String address();

    /** Signs the message's verification buffer; the message must name a sender and chain. */
    Message sign(Message unsigned);

    /** An unsigned inline message of this wallet's chain, sent by {@code sender}. */
    default Message unsigned(String sender, MessageType type, String channel, double time, String content) {
        return new Message(chain(), sender, type, channel, time, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "");
    }

    /** A message sent and signed by this wallet. */
    default Message signed(MessageType type, String content, double time) {
        return sign(unsigned(address(), type, "TEST", time, content));
    }

    static Wallet ethereum(long secret) {
        ECKeyPair keys = ECKeyPair.create(BigInteger.valueOf(secret).multiply(BigInteger.valueOf(7919))
                .add(BigInteger.TEN.pow(30)));
        String address = Keys.toChecksumAddress(Keys.getAddress(keys.getPublicKey()));
        return new Wallet() {
            @Override
            public Chain chain() {
                return Chain.ETH;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public Message sign(Message unsigned) {
                Sign.SignatureData signature = Sign.signPrefixedMessage(unsigned.verificationBuffer(), keys);
                HexFormat hex = HexFormat.of();
                return withSignature(unsigned, "0x" + hex.formatHex(signature.getR())
                        + hex.formatHex(signature.getS()) + hex.formatHex(signature.getV()));
            }
        };
    }

    static Wallet solana(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
        String address = Base58.encode(key.generatePublicKey().getEncoded());
        return new Wallet() {
            @Override
            public Chain chain() {
                return Chain.SOL;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public Message sign(Message unsigned) {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, key);
                byte[] buffer = unsigned.verificationBuffer();
                signer.update(buffer, 0, buffer.length);
                return withSignature(unsigned, "{\"signature\":\"" + Base58.encode(signer.generateSignature())
                        + "\",\"publicKey\":\"" + address + "\"}");
            }
        };
    }

    static Wallet tezos(int seedByte) {
        TestWallet wallet = TestWallet.ed25519(seedByte);
        return new Wallet() {
            @Override
            public Chain chain() {
                return Chain.TEZOS;
            }

            @Override
            public String address() {
                return wallet.address();
            }

            @Override
            public Message sign(Message unsigned) {
                return wallet.signRaw(unsigned, "raw", false);
            }
        };
    }

    static Message withSignature(Message message, String signature) {
        return new Message(message.chain(), message.sender(), message.type(), message.channel(), message.time(),
                message.itemType(), message.itemContent(), message.itemHash(), signature);
    }
}
