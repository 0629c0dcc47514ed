package io.aleph4j.plugins.chain.tezos;

import static io.aleph4j.plugins.chain.tezos.TestWallet.TIME_AS_MILLISECONDS;
import static io.aleph4j.plugins.chain.tezos.TestWallet.TIME_AS_SECONDS;
import static io.aleph4j.plugins.chain.tezos.TestWallet.json;
import static io.aleph4j.plugins.chain.tezos.TestWallet.unsigned;
import static io.aleph4j.plugins.chain.tezos.TestWallet.withSignature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import io.aleph4j.testkit.ChainBridgeContract;
import io.aleph4j.testkit.SdkVectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;

/**
 * What chain-tezos's bridge must do, whichever {@link Ed25519Verifier} its tz1 keys run on: the testkit's contract
 * with the official SDK's TEZOS messages and messages of all three key kinds signed in the test, and the reference's
 * rules on the signature JSON, Micheline payloads and ECDSA's s. Run once per implementation
 * ({@link TezosBridgeOnAwsLcTest}, {@link TezosBridgeOnBouncyCastleTest}).
 */
abstract class TezosBridgeSuite extends ChainBridgeContract {

    private final TezosBridge bridge = new TezosBridge(ed25519());
    private static final TestWallet ED25519 = TestWallet.ed25519(3);
    private static final TestWallet OTHER_ED25519 = TestWallet.ed25519(4);
    private static final TestWallet SECP256K1 = TestWallet.secp256k1(5);
    private static final TestWallet P256 = TestWallet.p256(7);
    private static final List<TestWallet> WALLETS = List.of(ED25519, SECP256K1, P256);

    /** Addresses published by Octez (contrib/sdk-bindings/rust/src/keys.rs), keys made by octez-client. */
    private static final String OCTEZ_TZ1 = "tz1SUWNMC3hUdBRzzrbTbiuGPH1KFVifTQw7";
    private static final String OCTEZ_TZ2 = "tz2PbzLDYrPAZS38BteBY7gqtnZfsTqHF2xu";
    private static final String OCTEZ_TZ3 = "tz3hqqamVC1G22LACFoMgcJeFKZgoGMFSfSn";

    /** The Ed25519 implementation under test. */
    abstract Ed25519Verifier ed25519();

    @Override
    protected ChainBridge bridge() {
        return bridge;
    }

    @Override
    protected List<Message> validMessages() {
        // The official SDK's messages: Micheline, generic sig, dAppUrl https://aleph.im, the 1970 time reading.
        List<Message> messages = new ArrayList<>(SdkVectors.messages(Chain.TEZOS));
        for (TestWallet wallet : WALLETS) {
            String sender = wallet.address();
            messages.add(wallet.signRaw(unsigned(sender, MessageType.POST, "{\"type\":\"note\"}"), null, false));
            messages.add(wallet.signRaw(unsigned(sender, MessageType.POST, "{\"type\":\"raw\"}"), "raw", true));
            messages.add(wallet.signMicheline(unsigned(sender, MessageType.AGGREGATE, "{\"key\":\"k\"}"),
                    TIME_AS_SECONDS, "aleph.im", false, false));
            messages.add(wallet.signMicheline(unsigned(sender, MessageType.STORE, "{\"item_hash\":\"h\"}"),
                    TIME_AS_SECONDS, "https://app.example.org/aleph?x=1", true, false));
            messages.add(wallet.signMicheline(unsigned(sender, MessageType.FORGET, "{\"hashes\":[]}"),
                    TIME_AS_MILLISECONDS, "https://aleph.im", true, true));
        }
        return messages;
    }

    @Override
    protected List<Message> messagesSignedByAnotherKey() {
        List<Message> messages = new ArrayList<>();
        Message sdk = SdkVectors.messages(Chain.TEZOS).get(0);
        messages.add(with(sdk, OCTEZ_TZ1, sdk.itemHash(), sdk.signature()));
        Message byEd25519 = ED25519.signRaw(unsigned(ED25519.address(), MessageType.POST, "{\"n\":1}"), null, false);
        messages.add(with(byEd25519, SECP256K1.address(), byEd25519.itemHash(), byEd25519.signature()));
        Message byP256 = P256.signMicheline(unsigned(P256.address(), MessageType.POST, "{\"n\":2}"),
                TIME_AS_SECONDS, "aleph.im", false, false);
        messages.add(with(byP256, OCTEZ_TZ3, byP256.itemHash(), byP256.signature()));
        Message bySecp256k1 = SECP256K1.signRaw(unsigned(SECP256K1.address(), MessageType.POST, "{\"n\":3}"), "raw",
                false);
        messages.add(with(bySecp256k1, OCTEZ_TZ2, bySecp256k1.itemHash(), bySecp256k1.signature()));
        // Another key's publicKey for the same sender: refused by the address check.
        messages.add(with(byEd25519, byEd25519.sender(), byEd25519.itemHash(),
                byEd25519.signature().replace(ED25519.publicKeyText(), OTHER_ED25519.publicKeyText())));
        // Sender and publicKey agree, but the signature (over those exact bytes) is another key's: only the
        // cryptography can refuse it.
        Message forOther = unsigned(OTHER_ED25519.address(), MessageType.POST, "{\"n\":4}");
        messages.add(withSignature(forOther, json(ED25519.signatureText(forOther.verificationBuffer(), false),
                OTHER_ED25519.publicKeyText(), null, null)));
        return messages;
    }

    @Test
    void theSdkVectorsAreMichelineSignaturesWithTheSdksDAppUrl() {
        assertThat(SdkVectors.messages(Chain.TEZOS)).isNotEmpty().allSatisfy(message -> {
            SignatureFields fields = SignatureFields.parse(message.signature());
            assertThat(fields.signingType()).isEqualTo(SignatureFields.SigningType.MICHELINE);
            assertThat(fields.dAppUrl()).isEqualTo("https://aleph.im");
        });
    }

    @Test
    void aMichelineSignatureOverAnotherTimeIsRefused() {
        Message message = ED25519.signMicheline(unsigned(ED25519.address(), MessageType.POST, "{\"n\":5}"),
                "2026-11-24T01:54:26.246Z", "aleph.im", false, false);

        assertThat(bridge.verify(message).isValid()).isFalse();
    }

    @Test
    void aMichelineSignatureWithoutItsDAppUrlInTheJsonIsRefused() {
        Message message = ED25519.signMicheline(unsigned(ED25519.address(), MessageType.POST, "{\"n\":6}"),
                TIME_AS_SECONDS, "https://app.example.org", false, false);

        assertThat(bridge.verify(message)).isEqualTo(SignatureCheck.invalid("signature does not match sender "
                + ED25519.address() + " for chain TEZOS (micheline payload, dAppUrl 'aleph.im'): was the message "
                + "changed after signing, or signed with other settings?"));
    }

    @Test
    void aKeyThatIsNotTheSendersIsNamedWithItsAddress() {
        Message message = ED25519.signRaw(unsigned(SECP256K1.address(), MessageType.POST, "{\"n\":7}"), null, false);

        assertThat(bridge.verify(message)).isEqualTo(SignatureCheck.invalid("publicKey belongs to "
                + ED25519.address() + ", not to the sender " + SECP256K1.address()
                + ": sign with the sender's key or send from " + ED25519.address()));
    }

    @Test
    void malformedSignatureFieldsAreRefusedWithTheirProblemNamed() {
        Message valid = ED25519.signRaw(unsigned(ED25519.address(), MessageType.POST, "{\"n\":8}"), null, false);
        String signature = SignatureFields.parse(valid.signature()).signature();
        String publicKey = ED25519.publicKeyText();
        String p256Signature = Base58Check.encode(KeyKind.P256.signaturePrefix(), new byte[64]);
        String notOnCurve = Base58Check.encode(KeyKind.SECP256K1.publicKeyPrefix(), notOnSecp256k1());
        String truncatedKey = publicKey.substring(0, publicKey.length() - 1);
        char changed = publicKey.charAt(40) == '2' ? '3' : '2';
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("{\"signature\":\"" + signature + "\"}", "needs the string fields 'signature' and 'publicKey'");
        problems.put("{\"signature\":1,\"publicKey\":\"" + publicKey + "\"}", "needs the string fields");
        problems.put("{\"signature\":\"x\"} trailing", "is not the JSON object");
        problems.put(json(signature, "tz1" + publicKey.substring(3), null, null), "is not a Tezos public key");
        problems.put(json(signature, publicKey.substring(0, 40) + changed + publicKey.substring(41), null, null),
                "wrong base58check checksum");
        problems.put(json(signature, publicKey.substring(0, 10) + "0" + publicKey.substring(11), null, null),
                "is not base58: '0' at position 10 is not a base58 character");
        problems.put(json(signature, truncatedKey, null, null), "bytes, not the 40 of its kind");
        problems.put(json(signature, publicKey + "1".repeat(1_000), null, null), "far more than a Tezos publicKey");
        problems.put(json(signature, notOnCurve, null, null), "is not a valid secp256k1 key");
        problems.put(json(p256Signature, publicKey, null, null),
                "is neither an edsig nor a generic sig signature, as the edpk key needs");
        problems.put(json(signature, publicKey, "typed", null), "signingType must be \"raw\" or \"micheline\"");
        problems.put("{\"signature\":\"" + signature + "\",\"publicKey\":\"" + publicKey + "\",\"signingType\":null}",
                "signingType must be \"raw\" or \"micheline\", not 'null'");
        problems.put("{\"signature\":\"" + signature + "\",\"publicKey\":\"" + publicKey
                + "\",\"signingType\":\"micheline\",\"dAppUrl\":7}", "dAppUrl must be a string, not NUMBER");
        problems.forEach((field, problem) -> {
            SignatureCheck check = bridge.verify(withSignature(valid, field));
            assertThat(check).as(field).isInstanceOf(SignatureCheck.Invalid.class);
            assertThat(((SignatureCheck.Invalid) check).problem()).as(field).contains(problem)
                    .endsWith("(TEZOS message from " + ED25519.address() + ")");
        });
    }

    @Test
    void aRawSignatureIgnoresWhateverItsDAppUrlHolds() {
        Message valid = ED25519.signRaw(unsigned(ED25519.address(), MessageType.POST, "{\"n\":9}"), "raw", false);
        String withOddDAppUrl = valid.signature().replace("}", ",\"dAppUrl\":null}");

        assertThat(bridge.verify(withSignature(valid, withOddDAppUrl))).isEqualTo(SignatureCheck.valid());
    }

    @Test
    void aHighSSecp256k1SignatureIsRefusedLikeLibsecp256k1Does() {
        Message message = SECP256K1.signRaw(unsigned(SECP256K1.address(), MessageType.POST, "{\"n\":10}"), null, false);

        Message highS = withSignature(message, withHighS(message, KeyKind.SECP256K1, "secp256k1"));

        assertThat(bridge.verify(message)).isEqualTo(SignatureCheck.valid());
        assertThat(bridge.verify(highS).isValid()).isFalse();
    }

    @Test
    void aHighSP256SignatureIsAcceptedLikePytezosDoes() {
        Message message = P256.signRaw(unsigned(P256.address(), MessageType.POST, "{\"n\":11}"), null, false);

        Message highS = withSignature(message, withHighS(message, KeyKind.P256, "secp256r1"));

        assertThat(bridge.verify(highS)).isEqualTo(SignatureCheck.valid());
    }

    @Test
    void aMessageOfAnotherChainIsRefused() {
        Message tezos = ED25519.signRaw(unsigned(ED25519.address(), MessageType.POST, "{\"n\":12}"), null, false);
        Message other = new Message(Chain.of("ETH"), tezos.sender(), tezos.type(), tezos.channel(), tezos.time(),
                ItemType.INLINE, tezos.itemContent(), tezos.itemHash(), tezos.signature());

        assertThat(bridge.verify(other))
                .isEqualTo(SignatureCheck.invalid("chain-tezos verifies TEZOS messages, not ETH"));
    }

    @Test
    void concurrentVerificationsGiveTheSameAnswers() throws Exception {
        List<Message> valid = validMessages();
        List<Message> invalid = messagesSignedByAnotherKey();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 16; round++) {
                results.add(threads.submit(() -> valid.stream().allMatch(m -> bridge.verify(m).isValid())
                        && invalid.stream().noneMatch(m -> bridge.verify(m).isValid())));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void verifyNeverThrowsOnTruncatedSignatureFields() {
        Message valid = validMessages().get(0);
        String signature = valid.signature();
        for (int length = 0; length < signature.length(); length++) {
            Message truncated = withSignature(valid, signature.substring(0, length));
            assertThatCode(() -> assertThat(bridge.verify(truncated).isValid()).isFalse()).doesNotThrowAnyException();
        }
    }

    @Test
    void aTz1KeyOfSmallOrderIsRefusedAndNamedAsTheProblem() {
        // The neutral element as key, R the neutral element and S = 0: the plain Ed25519 equation holds for any
        // message. libsodium (behind the reference's pytezos) refuses such keys; so must both implementations.
        byte[] neutral = new byte[32];
        neutral[0] = 1;
        byte[] forgery = new byte[64];
        forgery[0] = 1;
        String sender = KeyKind.ED25519.address(neutral);
        Message forged = withSignature(unsigned(sender, MessageType.POST, "{\"n\":13}"),
                json(Base58Check.encode(KeyKind.ED25519.signaturePrefix(), forgery),
                        Base58Check.encode(KeyKind.ED25519.publicKeyPrefix(), neutral), "raw", null));

        assertThat(bridge.verify(forged)).isEqualTo(SignatureCheck.invalid("publicKey is not a valid edpk key "
                + "(not a curve point, or of small order) (TEZOS message from " + sender + ")"));
    }

    /** The message's signature field with s replaced by n - s, which ECDSA verifies just the same. */
    private static String withHighS(Message message, KeyKind kind, String curveName) {
        String signatureText = SignatureFields.parse(message.signature()).signature();
        byte[] signature = kind.decodeSignature(signatureText);
        BigInteger n = CustomNamedCurves.getByName(curveName).getN();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] highS = n.subtract(s).toByteArray();
        byte[] flipped = signature.clone();
        Arrays.fill(flipped, 32, 64, (byte) 0);
        System.arraycopy(highS, Math.max(0, highS.length - 32), flipped, 64 - Math.min(32, highS.length),
                Math.min(32, highS.length));
        return message.signature().replace(signatureText, Base58Check.encode(kind.signaturePrefix(), flipped));
    }

    /** 33 bytes in compressed form whose x has no point on secp256k1 (x = 5: 5^3 + 7 = 132 is not a square mod p). */
    private static byte[] notOnSecp256k1() {
        byte[] encoded = new byte[33];
        encoded[0] = 0x02;
        encoded[32] = 5;
        return encoded;
    }
}
