package io.aleph4j.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class MessageTest {

    private static final ItemHash HASH = ItemHash.of("94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c");

    private static Message inline(double time) {
        return new Message(Chain.ETH, "0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF", MessageType.POST, "TEST", time,
                ItemType.INLINE, "{}", HASH, "0x00");
    }

    @Test
    void theVerificationBufferIsChainSenderTypeAndHashOnSeparateLines() {
        assertThat(new String(inline(1.0).verificationBuffer(), StandardCharsets.UTF_8)).isEqualTo(
                "ETH\n0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF\nPOST\n" + HASH.value());
    }

    @Test
    void sdkTimesConvertToTheExactMillisecond() {
        assertThat(inline(1795485266.056).instant()).isEqualTo(Instant.parse("2026-11-24T01:54:26.056Z"));
    }

    @Test
    void inlineMessagesNeedContentAndStoredOnesMustNotHaveIt() {
        assertThatThrownBy(() -> new Message(Chain.ETH, "0xa", MessageType.POST, null, 1.0, ItemType.INLINE, null,
                HASH, "0x00")).hasMessageContaining("item_content must be present exactly when item_type is inline");
        assertThatThrownBy(() -> new Message(Chain.ETH, "0xa", MessageType.POST, null, 1.0, ItemType.STORAGE, "{}",
                HASH, "0x00")).hasMessageContaining("item_content");
    }

    @Test
    void negativeOrNonFiniteTimesAreRefused() {
        assertThatThrownBy(() -> inline(-1)).hasMessageContaining("time must be");
        assertThatThrownBy(() -> inline(Double.NaN)).hasMessageContaining("time must be");
    }

    @Test
    void wireNamesParseAndUnknownOnesAreNamed() {
        assertThat(MessageType.fromWire("AGGREGATE")).isEqualTo(MessageType.AGGREGATE);
        assertThat(ItemType.fromWire("ipfs")).isEqualTo(ItemType.IPFS);
        assertThat(MessageStatus.fromWire("forgotten")).isEqualTo(MessageStatus.FORGOTTEN);
        assertThatThrownBy(() -> MessageType.fromWire("post")).hasMessageContaining("'post'");
        assertThatThrownBy(() -> Chain.of("eth")).hasMessageContaining("'eth'");
    }

    @Test
    void errorCodesKeepTheReferenceNumbers() {
        assertThat(ErrorCode.INVALID_SIGNATURE.code()).isEqualTo(1);
        assertThat(ErrorCode.ofCode(504)).isEqualTo(ErrorCode.FORGOTTEN_DUPLICATE);
        assertThat(ErrorCode.ofCode(-1)).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
