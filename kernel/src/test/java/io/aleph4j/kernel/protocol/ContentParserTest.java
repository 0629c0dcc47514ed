package io.aleph4j.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.ForgetContent;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.message.ProgramContent;
import io.aleph4j.api.message.StoreContent;
import io.aleph4j.api.state.ContentFields;
import org.junit.jupiter.api.Test;

final class ContentParserTest {

    private static final String ADDRESS = "0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF";
    private static final String HASH = "94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c";

    @Test
    void anAmendKeepsItsTypeBodyAndRef() throws Exception {
        PostContent post = (PostContent) ContentParser.parse(MessageType.POST, "{\"type\":\"amend\",\"address\":\""
                + ADDRESS + "\",\"content\":{\"body\":\"edited\"},\"time\":1795485266.088,\"ref\":\"" + HASH + "\"}")
                .content();

        assertThat(post.isAmend()).isTrue();
        assertThat(post.ref()).isEqualTo(HASH);
        assertThat(post.content().json()).isEqualTo("{\"body\":\"edited\"}");
        assertThat(post.address()).isEqualTo(ADDRESS);
    }

    @Test
    void aChainReferenceNamesItsMessageByItemHash() throws Exception {
        PostContent post = (PostContent) ContentParser.parse(MessageType.POST, "{\"type\":\"comment\",\"address\":\"a\","
                + "\"time\":1,\"ref\":{\"chain\":\"ETH\",\"item_hash\":\"" + HASH + "\"}}").content();

        assertThat(post.ref()).isEqualTo(HASH);
        assertThat(post.content().json()).isEqualTo("null");
    }

    @Test
    void anAggregateKeyMayBeAStringOrANameObject() throws Exception {
        AggregateContent plain = (AggregateContent) ContentParser.parse(MessageType.AGGREGATE,
                "{\"address\":\"a\",\"key\":\"profile\",\"time\":1,\"content\":{\"name\":\"alice\"}}").content();
        AggregateContent named = (AggregateContent) ContentParser.parse(MessageType.AGGREGATE,
                "{\"address\":\"a\",\"key\":{\"name\":\"profile\"},\"time\":1,\"content\":{}}").content();

        assertThat(plain.key()).isEqualTo("profile");
        assertThat(plain.content().json()).isEqualTo("{\"name\":\"alice\"}");
        assertThat(named.key()).isEqualTo("profile");
    }

    @Test
    void aStoreIgnoresExtraFieldsAndKeepsItsFileReference() throws Exception {
        StoreContent store = (StoreContent) ContentParser.parse(MessageType.STORE, "{\"address\":\"a\",\"item_type\":"
                + "\"storage\",\"item_hash\":\"" + HASH + "\",\"time\":1,\"legacy\":true,\"metadata\":{\"name\":\"f\"}}").content();

        assertThat(store.itemType()).isEqualTo(ItemType.STORAGE);
        assertThat(store.itemHash().value()).isEqualTo(HASH);
        assertThat(store.metadata().json()).isEqualTo("{\"name\":\"f\"}");
    }

    @Test
    void aForgetListsHashesAggregatesAndReason() throws Exception {
        ForgetContent forget = (ForgetContent) ContentParser.parse(MessageType.FORGET,
                "{\"address\":\"a\",\"time\":1,\"hashes\":[\"" + HASH + "\"],\"aggregates\":[\"profile\"],\"reason\":\"test\"}").content();

        assertThat(forget.hashes()).extracting(h -> h.value()).containsExactly(HASH);
        assertThat(forget.aggregates()).containsExactly("profile");
        assertThat(forget.reason()).isEqualTo("test");
    }

    @Test
    void aPostsFieldsAreReadInTheSameParse() throws Exception {
        String json = "{\"type\":\"note\",\"address\":\"" + ADDRESS + "\",\"time\":1.5,\"ref\":\"r\","
                + "\"content\":{\"tags\":[\"a\",7,\"b\"],\"body\":\"x\"}}";

        ContentFields fields = ContentParser.parse(MessageType.POST, json).fields();

        assertThat(fields.address()).isEqualTo(ADDRESS);
        assertThat(fields.time()).isEqualTo(1.5);
        assertThat(fields.type()).isEqualTo("note");
        assertThat(fields.ref()).isEqualTo("r");
        assertThat(fields.tags()).as("string tags only, as the reference filters by them").containsExactly("a", "b");
        assertThat(fields.json()).as("the content as received").isEqualTo(json);
        assertThat(fields.key()).isNull();
    }

    @Test
    void aStoresFieldsNameItsFileAndPayment() throws Exception {
        ContentFields fields = ContentParser.parse(MessageType.STORE, "{\"address\":\"a\",\"item_type\":\"storage\","
                + "\"item_hash\":\"" + HASH + "\",\"time\":1,\"ref\":\"v2\",\"payment\":{\"type\":\"hold\"}}")
                .fields();

        assertThat(fields.itemHash()).isEqualTo(HASH);
        assertThat(fields.ref()).isEqualTo("v2");
        assertThat(fields.paymentType()).isEqualTo("hold");
    }

    @Test
    void programsAreKeptWhole() throws Exception {
        String json = ExecutableSchemaTest.sdkProgram().toString();

        ProgramContent program = (ProgramContent) ContentParser.parse(MessageType.PROGRAM, json).content();

        assertThat(program.specification().json()).isEqualTo(json);
    }

    @Test
    void aProgramsVolumeRefsAreWhatItMountsByRef() throws Exception {
        String c = "c".repeat(64);
        String r = "e".repeat(64);
        String d = "d".repeat(64);
        String v = "f".repeat(64);
        com.fasterxml.jackson.databind.node.ObjectNode content = ExecutableSchemaTest.sdkProgram();
        ((com.fasterxml.jackson.databind.node.ObjectNode) content.get("code")).put("ref", c);
        ((com.fasterxml.jackson.databind.node.ObjectNode) content.get("runtime")).put("ref", r);
        content.putObject("data").put("encoding", "zip").put("mount", "/data").put("ref", d);
        com.fasterxml.jackson.databind.node.ArrayNode volumes = content.putArray("volumes");
        volumes.addObject().put("ref", v).put("mount", "/opt");
        volumes.addObject().put("ephemeral", true).put("mount", "/tmp").put("size_mib", 5);
        volumes.addObject().put("persistence", "host").put("name", "p").put("size_mib", 5);
        volumes.addObject().put("ref", c);

        ContentFields fields = ContentParser.parse(MessageType.PROGRAM, content.toString()).fields();

        assertThat(fields.volumeRefs()).containsExactly(c, r, d, v);
    }

    @Test
    void anInstancesVolumeRefsIncludeItsRootfsParent() throws Exception {
        ContentFields fields = ContentParser.parse(MessageType.INSTANCE, ExecutableSchemaTest.sdkInstance().toString())
                .fields();

        assertThat(fields.volumeRefs()).containsExactly(
                "f7e68c568906b4ebcd3cd3c4bfdff96c489cd2a9ef73ba2d7503f244dfd578de");
    }

    @Test
    void eachContentMistakeIsNamed() {
        assertRefused(MessageType.POST, "{not json", "not valid JSON");
        assertRefused(MessageType.POST, "[]", "must be a JSON object");
        assertRefused(MessageType.POST, "{\"type\":\"note\",\"time\":1}", "non-empty string 'address'");
        assertRefused(MessageType.POST, "{\"type\":\"note\",\"address\":\"a\"}", "number 'time'");
        assertRefused(MessageType.POST, "{\"type\":\"note\",\"address\":\"a\",\"time\":-1}", "'time' must be between");
        assertRefused(MessageType.POST, "{\"address\":\"a\",\"time\":1}", "POST content needs a string 'type'");
        assertRefused(MessageType.POST, "{\"type\":\"amend\",\"address\":\"a\",\"time\":1}", "needs a 'ref'");
        assertRefused(MessageType.POST, "{\"type\":\"note\",\"address\":\"a\",\"time\":1,\"extra\":1}",
                "unknown field 'extra'");
        assertRefused(MessageType.AGGREGATE, "{\"address\":\"a\",\"time\":1,\"key\":\"k\",\"content\":[1]}",
                "'content' must be a JSON object");
        assertRefused(MessageType.AGGREGATE, "{\"address\":\"a\",\"time\":1,\"key\":3,\"content\":{}}", "'key'");
        assertRefused(MessageType.STORE, "{\"address\":\"a\",\"time\":1,\"item_type\":\"inline\",\"item_hash\":\"" + HASH
                + "\"}", "must be storage or ipfs");
        assertRefused(MessageType.STORE, "{\"address\":\"a\",\"time\":1,\"item_type\":\"storage\",\"item_hash\":\"x\"}",
                "'item_hash'");
        assertRefused(MessageType.FORGET, "{\"address\":\"a\",\"time\":1}", "'hashes' is required");
        assertRefused(MessageType.FORGET, "{\"address\":\"a\",\"time\":1,\"hashes\":[\"nope\"]}", "'hashes'");
        assertRefused(MessageType.FORGET, "{\"address\":\"a\",\"time\":1,\"hashes\":[],\"reason\":\""
                + "r".repeat(1001) + "\"}", "longer than 1000");
    }

    private static void assertRefused(MessageType type, String json, String expected) {
        assertThatThrownBy(() -> ContentParser.parse(type, json)).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(expected);
    }
}
