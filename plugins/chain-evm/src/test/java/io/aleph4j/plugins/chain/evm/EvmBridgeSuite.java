package io.aleph4j.plugins.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.testkit.ChainBridgeContract;
import io.aleph4j.testkit.SdkVectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * What chain-evm's bridge must do, whichever {@link AddressRecovery} it runs on: the testkit's contract with the
 * official SDK's messages and web3j-signed ones, and the reference's readings of v, case and chains. Run once per
 * implementation ({@link EvmBridgeOnLibsecp256k1Test}, {@link EvmBridgeOnWeb3jTest}).
 */
abstract class EvmBridgeSuite extends ChainBridgeContract {

    private static final ECKeyPair ALICE = ECKeyPair.create(new BigInteger("4c0883a69102937d6231471b5dbb6204fe512961708279f2c5a1b3d0d2b8b1b", 16));
    private static final ECKeyPair BOB = ECKeyPair.create(new BigInteger("1f2e3d4c5b6a79880123456789abcdef0fedcba9876543210aabbccddeeff001", 16));
    private final EvmBridge bridge = new EvmBridge(EvmChains.of(EvmChains.CODES), recovery());

    /** The implementation under test. */
    abstract AddressRecovery recovery();

    @Override
    protected ChainBridge bridge() {
        return bridge;
    }

    @Override
    protected List<Message> validMessages() {
        List<Message> messages = new ArrayList<>(SdkVectors.messages(Chain.ETH));
        messages.add(signed(ALICE, Chain.ETH, MessageType.POST, "{\"type\":\"note\",\"content\":{}}"));
        messages.add(signed(ALICE, Chain.of("BASE"), MessageType.AGGREGATE, "{\"key\":\"profile\",\"content\":{}}"));
        messages.add(signed(BOB, Chain.of("ARB"), MessageType.FORGET, "{\"hashes\":[]}"));
        messages.add(signed(BOB, Chain.of("BSC"), MessageType.STORE, "{\"item_type\":\"storage\"}"));
        return messages;
    }

    @Override
    protected List<Message> messagesSignedByAnotherKey() {
        Message sdk = SdkVectors.messages(Chain.ETH).get(0);
        return List.of(
                signedAs(ALICE, address(BOB), Chain.ETH, MessageType.POST, "{\"n\":1}"),
                signedAs(BOB, sdk.sender(), Chain.ETH, MessageType.AGGREGATE, "{\"n\":2}"));
    }

    @Test
    void aLowerCaseSenderMatchesItsChecksummedSignerAsTheReferenceComparesCaseInsensitively() {
        String lowerCase = address(ALICE).toLowerCase(java.util.Locale.ROOT);
        Message message = signedAs(ALICE, lowerCase, Chain.ETH, MessageType.POST, "{\"n\":3}");

        assertThat(lowerCase).isNotEqualTo(address(ALICE));
        assertThat(bridge.verify(message)).isEqualTo(SignatureCheck.valid());
    }

    @Test
    void anUpperCaseSenderMatchesItsSignerButOtherScriptsDigitsDoNot() {
        String upperCase = "0X" + address(ALICE).substring(2).toUpperCase(java.util.Locale.ROOT);
        // U+0661..U+0669 are digits to Character.digit, not to an address.
        String arabicDigits = address(ALICE).replace('1', '\u0661');

        assertThat(bridge.verify(signedAs(ALICE, upperCase, Chain.ETH, MessageType.POST, "{\"n\":4}")))
                .isEqualTo(SignatureCheck.valid());
        assertThat(arabicDigits).isNotEqualTo(address(ALICE));
        assertThat(bridge.verify(signedAs(ALICE, arabicDigits, Chain.ETH, MessageType.POST, "{\"n\":5}")).isValid())
                .isFalse();
    }

    @Test
    void rOrSOfZeroOrOfTheGroupOrderIsOutsideTheRangeAndJustBelowItIsNot() {
        Message sdk = SdkVectors.messages(Chain.ETH).get(0);
        String signature = sdk.signature();
        String order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
        String belowOrder = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140";
        String outside = "signature's r or s is outside the secp256k1 range";

        assertThat(bridge.verify(with(sdk, sdk.sender(), sdk.itemHash(), "0x" + "0".repeat(64)
                + signature.substring(66)))).isEqualTo(SignatureCheck.invalid(outside));
        assertThat(bridge.verify(with(sdk, sdk.sender(), sdk.itemHash(), signature.substring(0, 66) + order
                + signature.substring(130)))).isEqualTo(SignatureCheck.invalid(outside));
        assertThat(bridge.verify(with(sdk, sdk.sender(), sdk.itemHash(), signature.substring(0, 66) + belowOrder
                + signature.substring(130)))).isNotEqualTo(SignatureCheck.invalid(outside))
                .satisfies(check -> assertThat(check.isValid()).isFalse());
    }

    @Test
    void vAsZeroOrOneIsReadLike27Or28() {
        Message sdk = SdkVectors.messages(Chain.ETH).get(0);
        String signature = sdk.signature();
        int v = Integer.parseInt(signature.substring(130), 16);
        String zeroBased = signature.substring(0, 130) + String.format("%02x", v - 27);

        assertThat(bridge.verify(with(sdk, sdk.sender(), sdk.itemHash(), zeroBased))).isEqualTo(SignatureCheck.valid());
        assertThat(bridge.verify(with(sdk, sdk.sender(), sdk.itemHash(), signature.substring(0, 130) + "05")).isValid())
                .isFalse();
    }

    @Test
    void aChainTheBridgeDoesNotServeIsNamed() {
        Message sdk = SdkVectors.messages(Chain.ETH).get(0);
        Message onSolana = new Message(Chain.SOL, sdk.sender(), sdk.type(), sdk.channel(), sdk.time(), sdk.itemType(),
                sdk.itemContent(), sdk.itemHash(), sdk.signature());

        assertThat(bridge.verify(onSolana)).isEqualTo(SignatureCheck.invalid("chain-evm does not verify chain SOL"));
    }

    @Test
    void aMismatchNamesTheSenderAndTheActualSigner() {
        SignatureCheck check = bridge.verify(signedAs(ALICE, address(BOB), Chain.ETH, MessageType.POST, "{\"n\":2}"));

        assertThat(((SignatureCheck.Invalid) check).problem()).contains(address(BOB)).contains(address(ALICE))
                .contains("chain ETH");
    }

    @Test
    void avaxIsNotAnEvmChainForTheReference() {
        assertThat(bridge.chains()).doesNotContain(Chain.AVAX).contains(Chain.ETH, Chain.BASE, Chain.ARB, Chain.BSC);
    }

    /** A message signed with web3j the way wallets sign: personal_sign over the verification buffer. */
    static Message signed(ECKeyPair key, Chain chain, MessageType type, String content) {
        return signedAs(key, address(key), chain, type, content);
    }

    /** Signed by {@code key} over a buffer naming {@code sender}, who may be someone else. */
    static Message signedAs(ECKeyPair key, String sender, Chain chain, MessageType type, String content) {
        ItemHash hash = ItemHash.sha256Of(content);
        Message unsigned = new Message(chain, sender, type, "TEST", 1795485266.5, ItemType.INLINE, content, hash,
                "");
        Sign.SignatureData signature = Sign.signPrefixedMessage(unsigned.verificationBuffer(), key);
        String hex = "0x" + HexFormat.of().formatHex(signature.getR()) + HexFormat.of().formatHex(signature.getS())
                + HexFormat.of().formatHex(signature.getV());
        return with(unsigned, unsigned.sender(), hash, hex);
    }

    static String address(ECKeyPair key) {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }
}
