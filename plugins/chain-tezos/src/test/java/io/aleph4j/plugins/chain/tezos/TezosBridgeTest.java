package io.aleph4j.plugins.chain.tezos;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.testkit.ChainBridgeContract;
import io.aleph4j.testkit.SdkVectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TezosBridgeTest extends ChainBridgeContract {

    private static final TezosBridge BRIDGE = new TezosBridge();
    private static final TezosKeys ED = TezosKeys.ed25519(3);
    private static final TezosKeys SP = TezosKeys.secp256k1(5);
    private static final TezosKeys P2 = TezosKeys.p256(7);

    @Override
    protected ChainBridge bridge() {
        return BRIDGE;
    }

    @Override
    protected List<Message> validMessages() {
        List<Message> messages = new ArrayList<>(SdkVectors.messages(Chain.TEZOS));
        for (TezosKeys key : List.of(ED, SP, P2)) {
            messages.add(key.sign(key.address(), MessageType.POST, "{\"type\":\"note\"}", "raw", null, false, false));
            messages.add(key.sign(key.address(), MessageType.AGGREGATE, "{\"key\":\"k\"}", "micheline", null, false,
                    false));
            messages.add(key.sign(key.address(), MessageType.FORGET, "{\"hashes\":[]}", "micheline",
                    "https://app.example", true, true));
        }
        return messages;
    }

    @Override
    protected List<Message> messagesSignedByAnotherKey() {
        Message edForSp = ED.sign(SP.address(), MessageType.POST, "{\"n\":1}", "raw", null, false, false);
        Message byP2 = P2.sign(P2.address(), MessageType.POST, "{\"n\":2}", "raw", null, false, false);
        return List.of(
                edForSp,
                // P-256's signature presented with the Ed25519 key and sender.
                with(byP2, ED.address(), byP2.itemHash(),
                        byP2.signature().replace(P2.publicKeyText(), ED.publicKeyText())));
    }

    @Test
    void aKeyThatIsNotTheSendersIsNamedWithItsAddress() {
        Message edForSp = ED.sign(SP.address(), MessageType.POST, "{\"n\":3}", "raw", null, false, false);

        assertThat(BRIDGE.verify(edForSp)).isEqualTo(SignatureCheck.invalid("publicKey belongs to " + ED.address()
                + ", not to the sender " + SP.address()));
    }

    @Test
    void keyKindsGiveTz1Tz2AndTz3Addresses() {
        assertThat(ED.address()).startsWith("tz1").hasSize(36);
        assertThat(SP.address()).startsWith("tz2").hasSize(36);
        assertThat(P2.address()).startsWith("tz3").hasSize(36);
        assertThat(ED.publicKeyText()).startsWith("edpk");
        assertThat(SP.publicKeyText()).startsWith("sppk");
        assertThat(P2.publicKeyText()).startsWith("p2pk");
    }

    @Test
    void aHighSSecp256k1SignatureIsRefusedLikeLibsecp256k1Does() {
        Message message = SP.sign(SP.address(), MessageType.POST, "{\"n\":4}", "raw", null, false, false);
        String signatureText = message.signature().replaceAll(".*\"signature\":\"([^\"]+)\".*", "$1");
        byte[] signature = Base58Check.decode(signatureText, KeyKind.SECP256K1.signaturePrefix, 64);
        java.math.BigInteger n = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256k1").getN();
        java.math.BigInteger s = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        byte[] highS = n.subtract(s).toByteArray();
        byte[] flipped = signature.clone();
        System.arraycopy(highS, highS.length - 32, flipped, 32, 32);
        String highSText = Base58Check.encode(KeyKind.SECP256K1.signaturePrefix, flipped);

        Message tampered = with(message, message.sender(), message.itemHash(),
                message.signature().replace(signatureText, highSText));

        assertThat(BRIDGE.verify(message)).isEqualTo(SignatureCheck.valid());
        assertThat(BRIDGE.verify(tampered).isValid()).isFalse();
    }

    @Test
    void theSdksTimeReadingIsA1970Date() {
        assertThat(MichelinePayload.millisecondsReading(1795485690.122)).isEqualTo(Instant.parse("1970-01-21T18:44:45.690Z"));
        assertThat(MichelinePayload.secondsReading(1795485690.122)).isEqualTo(Instant.parse("2026-11-24T02:01:30.122Z"));
    }

    @Test
    void anUnknownSigningTypeIsNamed() {
        Message message = ED.sign(ED.address(), MessageType.POST, "{\"n\":5}", "raw", null, false, false);
        Message other = with(message, message.sender(), message.itemHash(),
                message.signature().replace("\"raw\"", "\"typed\""));

        assertThat(BRIDGE.verify(other)).isEqualTo(SignatureCheck.invalid("signingType 'typed' is neither raw nor micheline"));
    }
}
