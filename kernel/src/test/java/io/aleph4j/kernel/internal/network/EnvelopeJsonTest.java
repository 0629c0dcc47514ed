package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class EnvelopeJsonTest {

    @Test
    void theEnvelopeIsCompactWithSortedKeysAndAPlainTimeAsTheReferencePublishesIt() {
        String content = "{\"address\":\"0xA\",\"time\":1700000000.123,\"type\":\"note\"}";
        Message message = new Message(Chain.ETH, "0xA", MessageType.POST, "TEST", 1_700_000_000.123,
                ItemType.INLINE, content, ItemHash.sha256Of(content), "0xsig");

        assertThat(new String(EnvelopeJson.of(message), StandardCharsets.UTF_8)).isEqualTo("{\"chain\":\"ETH\","
                + "\"channel\":\"TEST\",\"item_content\":" + "\"{\\\"address\\\":\\\"0xA\\\",\\\"time\\\":"
                + "1700000000.123,\\\"type\\\":\\\"note\\\"}\",\"item_hash\":\"" + ItemHash.sha256Of(content).value()
                + "\",\"item_type\":\"inline\",\"sender\":\"0xA\",\"signature\":\"0xsig\",\"time\":1700000000.123,"
                + "\"type\":\"POST\"}");
    }

    @Test
    void aMessageWithoutChannelOrInlineContentHasNeitherKey() {
        Message message = new Message(Chain.SOL, "abc", MessageType.STORE, null, 5.0, ItemType.STORAGE, null,
                ItemHash.of("a".repeat(64)), "sig");

        assertThat(new String(EnvelopeJson.of(message), StandardCharsets.UTF_8)).doesNotContain("channel")
                .doesNotContain("item_content").contains("\"item_type\":\"storage\"");
    }
}
