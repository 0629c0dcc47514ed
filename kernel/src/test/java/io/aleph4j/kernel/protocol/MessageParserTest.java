package io.aleph4j.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import org.junit.jupiter.api.Test;

final class MessageParserTest {

    /** The first POST the official TypeScript SDK sent (../shared/protocol/vectors/sdk-requests.jsonl). */
    private static final String SDK_POST = """
            {"chain":"ETH","sender":"0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF","channel":"TEST","time":1795485266.056,\
            "item_type":"inline","item_hash":"94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c",\
            "item_content":"{\\"type\\":\\"note\\",\\"address\\":\\"0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF\\",\
            \\"content\\":{\\"body\\":\\"hello\\"},\\"time\\":1795485266.056}",\
            "signature":"0xaeb493fca8089e712038577116bff0526446de99085e571416dbf5b214168d345bbaa7a43017be80b99ab458d400ffc151edb09fd4dda19c20fa6b04fa7b9e641c",\
            "type":"POST"}""";

    @Test
    void anSdkMessageParsesIntoItsEnvelope() throws Exception {
        Message message = MessageParser.parse(SDK_POST);

        assertThat(message.chain()).isEqualTo(Chain.ETH);
        assertThat(message.sender()).isEqualTo("0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF");
        assertThat(message.type()).isEqualTo(MessageType.POST);
        assertThat(message.channel()).isEqualTo("TEST");
        assertThat(message.time()).isEqualTo(1795485266.056);
        assertThat(message.itemType()).isEqualTo(ItemType.INLINE);
        assertThat(message.itemContent()).startsWith("{\"type\":\"note\"");
        assertThat(message.itemHash().value()).isEqualTo("94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c");
    }

    @Test
    void fieldsTheNodeDerivesAreIgnored() throws Exception {
        String withExtras = SDK_POST.replace("\"type\":\"POST\"}",
                "\"type\":\"POST\",\"content\":{\"x\":1},\"confirmed\":false,\"size\":12}");

        assertThat(MessageParser.parse(withExtras)).isEqualTo(MessageParser.parse(SDK_POST));
    }

    @Test
    void anAbsentOrNullChannelIsNoChannel() throws Exception {
        assertThat(MessageParser.parse(SDK_POST.replace("\"channel\":\"TEST\",", "")).channel()).isNull();
        assertThat(MessageParser.parse(SDK_POST.replace("\"TEST\"", "null")).channel()).isNull();
    }

    @Test
    void eachStructuralMistakeIsNamed() {
        assertRefused("{not json", "not valid JSON");
        assertRefused("[1,2]", "must be a JSON object");
        assertRefused(SDK_POST.replace("\"chain\":\"ETH\",", ""), "field 'chain' is required");
        assertRefused(SDK_POST.replace("\"ETH\"", "\"eth\""), "field 'chain'");
        assertRefused(SDK_POST.replace("\"ETH\"", "42"), "field 'chain' must be a string, not a number");
        assertRefused(SDK_POST.replace("\"0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF\",\"channel\"", "\" \",\"channel\""),
                "field 'sender' must not be blank");
        assertRefused(SDK_POST.replace("\"type\":\"POST\"", "\"type\":\"TWEET\""), "field 'type': unknown message type 'TWEET'");
        assertRefused(SDK_POST.replace("\"TEST\"", "\"" + "c".repeat(129) + "\""), "field 'channel' is longer than 128");
        assertRefused(SDK_POST.replace("1795485266.056,\"item_type\"", "\"now\",\"item_type\""),
                "field 'time' must be a number");
        assertRefused(SDK_POST.replace("1795485266.056,\"item_type\"", "-1,\"item_type\""), "field 'time' must be");
        assertRefused(SDK_POST.replace("\"inline\"", "\"disk\""), "field 'item_type': unknown item_type 'disk'");
        assertRefused(SDK_POST.replace("\"inline\"", "\"storage\""), "'item_content' must be absent when item_type is storage");
        assertRefused(SDK_POST.replace("\"item_hash\":\"94e1", "\"item_hash\":\"zz"), "field 'item_hash'");
        assertRefused(SDK_POST.replace("\"signature\":\"0xaeb4", "\"signature\":[\"0xaeb4").replace("1c\",", "1c\"],"),
                "field 'signature' must be a string, not an array");
    }

    @Test
    void anAbsentItemTypeIsInferredAsTheReferenceDoes() throws Exception {
        String withoutType = SDK_POST.replace("\"item_type\":\"inline\",", "");
        assertThat(MessageParser.parse(withoutType).itemType()).isEqualTo(ItemType.INLINE);

        String stored = withoutType.replaceAll("\"item_content\":\".*?}\",", "");
        assertThat(MessageParser.parse(stored).itemType()).isEqualTo(ItemType.STORAGE);
        assertThat(MessageParser.parse(stored.replace(
                "94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c",
                "QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB")).itemType()).isEqualTo(ItemType.IPFS);
    }

    @Test
    void inlineContentOverTheReferenceLimitIsRefused() {
        String huge = SDK_POST.replace("\\\"body\\\":\\\"hello\\\"", "\\\"body\\\":\\\"" + "x".repeat(200_001) + "\\\"");

        assertRefused(huge, "field 'item_content' is longer than 200000 characters");
    }

    @Test
    void aStorageMessageMustUseASha256HashAndAnIpfsOneMayUseACid() throws Exception {
        String storage = SDK_POST.replace("\"inline\"", "\"storage\"").replaceAll("\"item_content\":\".*?}\",", "");
        assertThat(MessageParser.parse(storage).itemType()).isEqualTo(ItemType.STORAGE);

        String withCid = storage.replace("94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c",
                "QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB");
        assertRefused(withCid, "must be a sha256 hex hash when item_type is storage");
        assertThat(MessageParser.parse(withCid.replace("\"storage\"", "\"ipfs\"")).itemType()).isEqualTo(ItemType.IPFS);
    }

    private static void assertRefused(String json, String expected) {
        assertThatThrownBy(() -> MessageParser.parse(json)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(expected);
    }
}
