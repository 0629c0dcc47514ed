package io.aleph4j.kernel.internal.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.protocol.ContentParser;
import io.aleph4j.kernel.protocol.MessageFormatException;
import io.aleph4j.kernel.protocol.ParsedContent;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Inline messages as the node receives them, their content parsed by the node's own parser so that handlers see
 * exactly what they see in the pipeline. Signatures are not the handlers' business: any text does.
 */
final class TestMessages {

    static final String ALICE = "0xA11ce00000000000000000000000000000000A11";
    static final String BOB = "0xB0b0000000000000000000000000000000000B0B";
    static final String CHANNEL = "TEST";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

    private TestMessages() {
    }

    /** A message on ETH in {@link #CHANNEL}. */
    static IncomingMessage message(MessageType type, String sender, String contentJson) {
        return message(Chain.ETH, CHANNEL, type, sender, contentJson);
    }

    static IncomingMessage message(Chain chain, String channel, MessageType type, String sender,
                                   String contentJson) {
        ParsedContent parsed;
        try {
            parsed = ContentParser.parse(type, contentJson);
        } catch (MessageFormatException e) {
            throw new IllegalArgumentException("a test made content the node refuses: " + e.getMessage(), e);
        }
        Message message = new Message(chain, sender, type, channel, parsed.fields().time(), ItemType.INLINE,
                contentJson, ItemHash.sha256Of(contentJson), "0xsignature");
        return new IncomingMessage(message, parsed.content(), parsed.fields(), RECEIVED);
    }

    static ItemHash hash(IncomingMessage incoming) {
        return incoming.message().itemHash();
    }

    /** A POST's content; {@code body} is the JSON of its {@code content}. */
    static String post(String address, double time, String postType, String body) {
        return base(address, time).put("type", postType).set("content", read(body)).toString();
    }

    /** An amend of {@code original}; {@code body} is the JSON of the content it shows instead. */
    static String amend(String address, double time, ItemHash original, String body) {
        return amend(address, time, original.value(), body);
    }

    static String amend(String address, double time, String ref, String body) {
        return base(address, time).put("type", "amend").put("ref", ref).set("content", read(body)).toString();
    }

    /** An AGGREGATE's content; {@code object} is the JSON object merged into the aggregate. */
    static String aggregate(String address, double time, String key, String object) {
        return base(address, time).put("key", key).set("content", read(object)).toString();
    }

    /** The {@code security} aggregate's content granting these {@code authorizations} entries (JSON objects). */
    static String security(String address, double time, String... authorizations) {
        ArrayNode entries = JSON.createArrayNode();
        for (String entry : authorizations) {
            entries.add(read(entry));
        }
        return base(address, time).put("key", "security")
                .set("content", JSON.createObjectNode().set("authorizations", entries)).toString();
    }

    /** A STORE of a stored file, with a {@code ref} (null for none). */
    static String store(String address, double time, ItemHash file, String ref) {
        ObjectNode content = base(address, time).put("item_type", "storage").put("item_hash", file.value());
        if (ref != null) {
            content.put("ref", ref);
        }
        return content.toString();
    }

    static String forget(String address, double time, List<ItemHash> hashes, List<String> aggregates) {
        ObjectNode content = base(address, time);
        ArrayNode hashList = content.putArray("hashes");
        hashes.forEach(hash -> hashList.add(hash.value()));
        if (!aggregates.isEmpty()) {
            ArrayNode keys = content.putArray("aggregates");
            aggregates.forEach(keys::add);
        }
        return content.toString();
    }

    /** A PROGRAM's content, which the kernel only records: the official SDK's defaults, code on IPFS. */
    static String program(String address, double time) {
        return programMounting(address, time, ItemHash.of("QmcR3Rwc6bg8tchzN2WeEw4BX5hxGXQk6zDmS97ocvR8Uk"));
    }

    /** A PROGRAM whose code is the file of the STORE message {@code code}, as the official SDK builds it. */
    static String programMounting(String address, double time, ItemHash code) {
        ObjectNode content = base(address, time).put("type", "vm-function").put("allow_amend", false);
        content.putObject("on").put("http", true).put("persistent", false);
        content.putObject("environment").put("internet", true).put("aleph_api", true);
        content.putObject("resources").put("vcpus", 1).put("memory", 128).put("seconds", 30);
        content.putObject("runtime").put("ref", "63f07193e6ee9d207b7d1fcf8286f9aee34e6f12f101d2ec77c1229f92964696")
                .put("use_latest", true).put("comment", "Aleph Alpine Linux with Python 3.12");
        content.putObject("code").put("ref", code.value()).put("encoding", "zip").put("entrypoint", "main:app")
                .put("use_latest", true);
        content.putArray("volumes");
        return content.toString();
    }

    private static ObjectNode base(String address, double time) {
        return JSON.createObjectNode().put("address", address).put("time", time);
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("a test wrote JSON that does not parse: " + json, e);
        }
    }
}
