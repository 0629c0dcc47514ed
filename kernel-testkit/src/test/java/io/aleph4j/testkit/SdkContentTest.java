package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.kernel.protocol.ContentParser;
import org.junit.jupiter.api.Test;

/** Every content the official SDK sent parses, for its own type, with the sender as owner. */
final class SdkContentTest {

    @Test
    void everySdkMessageContentParsesAsItsTypeAndIsOwnedByItsSender() throws Exception {
        for (SdkVectors.SdkRequest request : SdkVectors.requests()) {
            Message message = request.message();
            MessageContent content = ContentParser.parse(message.type(), message.itemContent()).content();

            assertThat(content.messageType()).isEqualTo(message.type());
            assertThat(content.address()).isEqualTo(message.sender());
        }
    }
}
