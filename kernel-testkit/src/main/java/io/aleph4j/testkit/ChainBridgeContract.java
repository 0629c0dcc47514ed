package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ChainBridge} passes, with positive vectors produced by real wallet libraries and
 * negative ones derived from them. Extend it as {@code XxxBridgeTest} and supply the vectors.
 */
public abstract class ChainBridgeContract {

    /** The bridge under test. */
    protected abstract ChainBridge bridge();

    /** Messages whose signatures were made by real wallet libraries (and the official SDK) for their sender. */
    protected abstract List<Message> validMessages();

    /**
     * Messages carrying a genuine signature of the right format made by another key than the sender's
     * (e.g. a valid message with its sender replaced by another real address of the chain).
     */
    protected abstract List<Message> messagesSignedByAnotherKey();

    @Test
    void everyValidMessageVerifies() {
        assertThat(validMessages()).isNotEmpty();
        for (Message message : validMessages()) {
            assertThat(bridge().verify(message)).as("signature of %s", message.itemHash()).isEqualTo(SignatureCheck.valid());
        }
    }

    @Test
    void theBridgeServesTheChainOfEveryValidMessage() {
        for (Message message : validMessages()) {
            assertThat(bridge().chains()).contains(message.chain());
        }
    }

    @Test
    void aSignatureWithOneCharacterChangedIsInvalid() {
        for (Message message : validMessages()) {
            Message tampered = with(message, message.sender(), message.itemHash(), changeOneCharacter(message.signature()));
            assertInvalid(tampered, "signature changed");
        }
    }

    @Test
    void aSenderWithOneCharacterChangedIsInvalid() {
        for (Message message : validMessages()) {
            Message tampered = with(message, changeOneCharacter(message.sender()), message.itemHash(), message.signature());
            assertInvalid(tampered, "sender changed");
        }
    }

    @Test
    void aChangedItemHashIsInvalid() {
        for (Message message : validMessages()) {
            String hash = message.itemHash().value();
            ItemHash other = ItemHash.of(hash.substring(0, 10) + (hash.charAt(10) == 'a' ? 'b' : 'a') + hash.substring(11));
            assertInvalid(with(message, message.sender(), other, message.signature()), "item hash changed");
        }
    }

    @Test
    void aSignatureByAnotherKeyIsInvalid() {
        assertThat(messagesSignedByAnotherKey()).isNotEmpty();
        for (Message message : messagesSignedByAnotherKey()) {
            assertInvalid(message, "signed by another key");
        }
    }

    @Test
    void garbageSignaturesAreInvalidAndNeverThrow() {
        Message template = validMessages().get(0);
        for (String garbage : List.of("", " ", "0x", "0x00", "{}", "[]", "null", "{\"signature\":1}",
                "not a signature", "\u0000\u0001", "0x" + "ff".repeat(65), "{\"signature\":\"\",\"publicKey\":\"\"}",
                "x".repeat(10_000))) {
            Message message = with(template, template.sender(), template.itemHash(), garbage);
            assertThatCode(() -> bridge().verify(message)).as("verify(%s)", abbreviate(garbage)).doesNotThrowAnyException();
            assertInvalid(message, "garbage " + abbreviate(garbage));
        }
    }

    private void assertInvalid(Message message, String what) {
        SignatureCheck check = bridge().verify(message);
        assertThat(check.isValid()).as("%s of %s must be invalid", what, message.itemHash()).isFalse();
        assertThat(((SignatureCheck.Invalid) check).problem()).as("the problem is named").isNotBlank();
    }

    /** A copy of the message with sender, item hash and signature replaced. */
    protected static Message with(Message message, String sender, ItemHash itemHash, String signature) {
        return new Message(message.chain(), sender, message.type(), message.channel(), message.time(),
                message.itemType(), message.itemContent(), itemHash, signature);
    }

    /**
     * Changes one character in the middle of a signature or address to another of the same kind, keeping hex
     * and base58 text decodable, so that the check fails in the cryptography rather than in parsing.
     */
    protected static String changeOneCharacter(String text) {
        int middle = text.length() / 2;
        for (int i = middle; i < text.length(); i++) {
            char c = text.charAt(i);
            char replacement;
            if (c >= '1' && c <= '8') {
                replacement = (char) (c + 1);
            } else if (c == '9' || c == '0') {
                replacement = '2';
            } else if (c >= 'a' && c <= 'e') {
                replacement = (char) (c + 1);
            } else if (Character.isLowerCase(c)) {
                replacement = 'a';
            } else if (Character.isUpperCase(c)) {
                replacement = c == 'A' ? 'B' : 'A';
            } else {
                continue;
            }
            return text.substring(0, i) + replacement + text.substring(i + 1);
        }
        throw new IllegalArgumentException("no letter or digit to change in the second half of '" + text + "'");
    }

    private static String abbreviate(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }
}
