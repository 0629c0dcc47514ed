package io.aleph4j.kernel.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verifier's routing and rejection codes. The bridges here are small fakes on purpose: the kernel may not
 * depend on chain plugins (module layering); the real bridges are tested with real signatures in their own
 * modules against the testkit's ChainBridgeContract.
 */
final class MessageVerifierTest {

    /** Accepts exactly the signature "good"; throws on "boom". */
    private record FakeBridge(Set<Chain> chains) implements ChainBridge {
        @Override
        public SignatureCheck verify(Message message) {
            if (message.signature().equals("boom")) {
                throw new IllegalStateException("bridge bug");
            }
            return message.signature().equals("good") ? SignatureCheck.valid()
                    : SignatureCheck.invalid("signature does not match sender " + message.sender());
        }
    }

    private final MessageVerifier verifier = new MessageVerifier(Set.of(new FakeBridge(Set.of(Chain.ETH, Chain.BASE)),
            new FakeBridge(Set.of(Chain.SOL))));

    private static Message message(Chain chain, String content, ItemHash hash, String signature) {
        return new Message(chain, "0xabc", MessageType.POST, null, 1.0, ItemType.INLINE, content, hash, signature);
    }

    @Test
    void aMessageWithItsHashAndAGoodSignatureOnAServedChainPasses() {
        assertThat(verifier.verify(message(Chain.SOL, "{}", ItemHash.sha256Of("{}"), "good"))).isEmpty();
    }

    @Test
    void anInlineHashThatIsNotTheContentsIsAFormatErrorNamingBoth() {
        ItemHash wrong = ItemHash.sha256Of("other");

        Optional<RejectionReason> rejection = verifier.verify(message(Chain.ETH, "{}", wrong, "good"));

        assertThat(rejection).hasValueSatisfying(reason -> {
            assertThat(reason.code()).isEqualTo(ErrorCode.INVALID_FORMAT);
            assertThat(reason.detail()).contains(wrong.value()).contains(ItemHash.sha256Of("{}").value());
        });
    }

    @Test
    void aChainNoBridgeServesIsAFormatErrorListingTheServedChains() {
        assertThat(verifier.verify(message(Chain.TEZOS, "{}", ItemHash.sha256Of("{}"), "good"))).contains(
                RejectionReason.of(ErrorCode.INVALID_FORMAT, "chain TEZOS is not verified by this node (chains: BASE, ETH, SOL)"));
    }

    @Test
    void aBadSignatureIsASignatureErrorWithTheBridgesWords() {
        assertThat(verifier.verify(message(Chain.BASE, "{}", ItemHash.sha256Of("{}"), "bad"))).contains(
                RejectionReason.of(ErrorCode.INVALID_SIGNATURE, "signature does not match sender 0xabc"));
    }

    @Test
    void aBridgeThatThrowsRefusesTheMessageInsteadOfFailing() {
        assertThat(verifier.verify(message(Chain.ETH, "{}", ItemHash.sha256Of("{}"), "boom")))
                .hasValueSatisfying(reason -> assertThat(reason.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    }

    @Test
    void twoBridgesForOneChainAreRefusedNamingThem() {
        assertThatThrownBy(() -> new MessageVerifier(Set.of(new FakeBridge(Set.of(Chain.ETH)),
                new FakeBridge(Set.of(Chain.ETH, Chain.BASE)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chain ETH is served by two bridges");
    }
    @Test
    void aMessageCheckedTwiceIsVerifiedByItsBridgeOnceAndAnyChangedSignedFieldIsVerifiedAgain() {
        CountingBridge bridge = new CountingBridge();
        MessageVerifier counted = new MessageVerifier(Set.of(bridge));
        Message message = message(Chain.ETH, "{}", ItemHash.sha256Of("{}"), "good");

        assertThat(counted.verify(message)).isEmpty();
        assertThat(counted.verify(message)).isEmpty();
        assertThat(bridge.calls).as("the second check is answered from the verified signatures").isEqualTo(1);

        Message otherSender = new Message(Chain.ETH, "0xdef", MessageType.POST, null, 1.0, ItemType.INLINE, "{}",
                ItemHash.sha256Of("{}"), "good");
        Message otherType = new Message(Chain.ETH, "0xabc", MessageType.AGGREGATE, null, 1.0, ItemType.INLINE, "{}",
                ItemHash.sha256Of("{}"), "good");
        counted.verify(otherSender);
        counted.verify(otherType);
        assertThat(bridge.calls).isEqualTo(3);
    }

    @Test
    void aFailedVerificationIsNeverRemembered() {
        CountingBridge bridge = new CountingBridge();
        MessageVerifier counted = new MessageVerifier(Set.of(bridge));
        Message forged = message(Chain.ETH, "{}", ItemHash.sha256Of("{}"), "bad");

        counted.verify(forged);
        assertThat(counted.verify(forged)).hasValueSatisfying(reason -> assertThat(reason.code())
                .isEqualTo(ErrorCode.INVALID_SIGNATURE));
        assertThat(bridge.calls).isEqualTo(2);
    }

    /** Accepts exactly the signature "good" and counts its verifications. */
    private static final class CountingBridge implements ChainBridge {
        int calls;

        @Override
        public Set<Chain> chains() {
            return Set.of(Chain.ETH);
        }

        @Override
        public SignatureCheck verify(Message message) {
            calls++;
            return message.signature().equals("good") ? SignatureCheck.valid() : SignatureCheck.invalid("forged");
        }
    }
}
