package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import org.junit.jupiter.api.Test;

final class SdkVectorsTest {

    @Test
    void everyChainHasAPostAmendAggregateForgetAndStore() {
        for (Chain chain : new Chain[] {Chain.ETH, Chain.SOL, Chain.TEZOS}) {
            assertThat(SdkVectors.messages(chain)).extracting(Message::type).containsExactly(MessageType.POST,
                    MessageType.POST, MessageType.AGGREGATE, MessageType.FORGET, MessageType.STORE);
        }
    }

    @Test
    void inlineContentHashesMatchAndStoreUploadsCarryTheirFile() {
        for (SdkVectors.SdkRequest request : SdkVectors.requests()) {
            Message message = request.message();
            assertThat(ItemHash.sha256Of(message.itemContent())).isEqualTo(message.itemHash());
            if (message.type() == MessageType.STORE) {
                assertThat(request.path()).isEqualTo("/api/v0/storage/add_file");
                assertThat(request.file()).isNotEmpty();
            }
        }
    }
}
