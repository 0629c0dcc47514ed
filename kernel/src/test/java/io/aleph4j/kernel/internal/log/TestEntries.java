package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import java.time.Instant;

/** Inbox entries for log tests: POSTs whose content carries a sequence number. */
final class TestEntries {

    private TestEntries() {
    }

    static InboxEntry post(int sequence) {
        String content = "{\"type\":\"note\",\"address\":\"0xabc\",\"content\":{\"n\":" + sequence
                + "},\"time\":1795485266.056}";
        Message message = new Message(Chain.ETH, "0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF", MessageType.POST,
                sequence % 2 == 0 ? "TEST" : null, 1795485266.056 + sequence, ItemType.INLINE, content,
                ItemHash.sha256Of(content), "0x" + "ab".repeat(65));
        return new InboxEntry(message, Origin.API, Instant.ofEpochSecond(1795485266L, sequence));
    }
}
