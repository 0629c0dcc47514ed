package io.aleph4j.plugins.chain.solana;

import io.aleph4j.plugins.support.Base58;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import io.aleph4j.testkit.ChainBridgeContract;
import io.aleph4j.testkit.SdkVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

/**
 * What chain-solana's bridge must do, whichever {@link Ed25519Verifier} it runs on: the testkit's contract with the
 * official SDK's SOL messages and BouncyCastle-signed ones, and the reference's rules on the signature JSON. Run once
 * per implementation ({@link SolanaBridgeOnAwsLcTest}, {@link SolanaBridgeOnBouncyCastleTest}).
 */
abstract class SolanaBridgeSuite extends ChainBridgeContract {

    private static final Ed25519PrivateKeyParameters ALICE = key(7);
    private static final Ed25519PrivateKeyParameters BOB = key(42);
    private final SolanaBridge bridge = new SolanaBridge(ed25519());

    /** The implementation under test. */
    abstract Ed25519Verifier ed25519();

    @Override
    protected ChainBridge bridge() {
        return bridge;
    }

    @Override
    protected List<Message> validMessages() {
        List<Message> messages = new ArrayList<>(SdkVectors.messages(Chain.SOL));
        messages.add(signedAs(ALICE, address(ALICE), Chain.SOL, MessageType.POST, "{\"type\":\"note\"}", ""));
        messages.add(signedAs(BOB, address(BOB), Chain.SOL, MessageType.AGGREGATE, "{\"key\":\"k\"}", ",\"version\":1"));
        messages.add(signedAs(ALICE, address(ALICE), Chain.of("ES"), MessageType.FORGET, "{\"hashes\":[]}", ""));
        return messages;
    }

    @Override
    protected List<Message> messagesSignedByAnotherKey() {
        Message byAliceForBob = signedAs(ALICE, address(BOB), Chain.SOL, MessageType.POST, "{\"n\":1}", "");
        Message byAlice = signedAs(ALICE, address(ALICE), Chain.SOL, MessageType.POST, "{\"n\":2}", "");
        return List.of(
                // Alice's key and signature over a buffer naming Bob: the key is not the sender.
                byAliceForBob,
                // Alice's signature presented with Bob as both sender and publicKey.
                with(byAlice, address(BOB), byAlice.itemHash(),
                        byAlice.signature().replace(address(ALICE), address(BOB))));
    }

    @Test
    void aPublicKeyThatIsNotTheSenderIsNamed() {
        Message byAliceForBob = signedAs(ALICE, address(BOB), Chain.SOL, MessageType.POST, "{\"n\":3}", "");

        assertThat(bridge.verify(byAliceForBob)).isEqualTo(SignatureCheck.invalid("publicKey " + address(ALICE)
                + " in the signature is not the sender " + address(BOB)));
    }

    @Test
    void onlySignatureVersionOneIsAccepted() {
        Message version2 = signedAs(ALICE, address(ALICE), Chain.SOL, MessageType.POST, "{\"n\":4}", ",\"version\":2");

        assertThat(bridge.verify(version2)).isEqualTo(
                SignatureCheck.invalid("signature version 2 is not supported (only 1)"));
    }

    @Test
    void aSignatureTextLongerThan64BytesCanBeIsRefusedBeforeDecoding() {
        Message valid = signedAs(ALICE, address(ALICE), Chain.SOL, MessageType.POST, "{\"n\":6}", "");
        String signature = "{\"signature\":\"" + "z".repeat(100_000) + "\",\"publicKey\":\"" + address(ALICE) + "\"}";

        assertThat(bridge.verify(with(valid, valid.sender(), valid.itemHash(), signature))).isEqualTo(
                SignatureCheck.invalid("an Ed25519 public key has 32 bytes and a signature 64, at most 44 and 88 "
                        + "base58 characters; got " + address(ALICE).length() + " and 100000"));
    }

    @Test
    void theLongestBase58TextsOf32And64BytesAreAccepted() {
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);

        assertThat(Base58.encode(Arrays.copyOf(ones, 32))).hasSize(44);
        assertThat(Base58.encode(ones)).hasSize(88);
    }

    @Test
    void itServesSolanaAndEclipseLikeTheReference() {
        assertThat(bridge.chains()).containsExactlyInAnyOrder(Chain.SOL, Chain.of("ES"));
    }

    @Test
    void aSenderWhoseKeyHasSmallOrderCannotBeSpokenForWithTheSignatureAnyoneCanMake() {
        // The neutral element as key, and R the neutral element with S = 0: the plain Ed25519 equation holds for
        // any message. libsodium (the reference's) refuses such keys; so must both implementations.
        byte[] neutral = new byte[32];
        neutral[0] = 1;
        byte[] forgery = new byte[64];
        forgery[0] = 1;
        String sender = Base58.encode(neutral);
        ItemHash hash = ItemHash.sha256Of("{\"n\":5}");
        Message forged = new Message(Chain.SOL, sender, MessageType.POST, "TEST", 1795485266.5, ItemType.INLINE,
                "{\"n\":5}", hash, "{\"signature\":\"" + Base58.encode(forgery) + "\",\"publicKey\":\"" + sender
                + "\"}");

        assertThat(bridge.verify(forged)).isEqualTo(SignatureCheck.invalid("signature does not verify for sender "
                + sender + " on chain SOL"));
    }

    private static Ed25519PrivateKeyParameters key(int seedByte) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return new Ed25519PrivateKeyParameters(seed, 0);
    }

    static String address(Ed25519PrivateKeyParameters key) {
        return Base58.encode(key.generatePublicKey().getEncoded());
    }

    /** Signed with BouncyCastle's Ed25519 the way Solana wallets sign the buffer, naming {@code sender}. */
    static Message signedAs(Ed25519PrivateKeyParameters key, String sender, Chain chain, MessageType type,
                            String content, String extraFields) {
        ItemHash hash = ItemHash.sha256Of(content);
        Message unsigned = new Message(chain, sender, type, "TEST", 1795485266.5, ItemType.INLINE, content, hash, "");
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        byte[] buffer = unsigned.verificationBuffer();
        signer.update(buffer, 0, buffer.length);
        String signature = "{\"signature\":\"" + Base58.encode(signer.generateSignature()) + "\",\"publicKey\":\""
                + address(key) + "\"" + extraFields + "}";
        return with(unsigned, sender, hash, signature);
    }
}
