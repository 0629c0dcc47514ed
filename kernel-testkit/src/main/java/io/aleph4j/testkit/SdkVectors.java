package io.aleph4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.kernel.protocol.MessageFormatException;
import io.aleph4j.kernel.protocol.MessageParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages signed by real wallets through the official Aleph TypeScript SDK, as it sent them to a node
 * ({@code vectors/sdk-requests.jsonl}): for ETH, SOL and TEZOS a POST, its amend, an AGGREGATE, a FORGET of the
 * POST, and a STORE (sent inside a multipart upload, with its file).
 */
public final class SdkVectors {

    /** One request of the SDK: the message it carried, and the file for STORE uploads. */
    public record SdkRequest(String path, Message message, String messageJson, String file) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<SdkRequest> ALL = load();

    private SdkVectors() {
    }

    /** Every request, in the order the SDK sent them. */
    public static List<SdkRequest> requests() {
        return ALL;
    }

    /** The messages signed for one chain. */
    public static List<Message> messages(Chain chain) {
        return ALL.stream().map(SdkRequest::message).filter(m -> m.chain().equals(chain)).toList();
    }

    private static List<SdkRequest> load() {
        List<SdkRequest> requests = new ArrayList<>();
        try (InputStream in = SdkVectors.class.getResourceAsStream("vectors/sdk-requests.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    requests.add(request(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SDK vectors", e);
        }
        return List.copyOf(requests);
    }

    private static SdkRequest request(JsonNode line) throws IOException {
        String path = line.get("path").asText();
        JsonNode body = line.get("body");
        if (body.isObject()) {
            JsonNode message = body.get("message");
            return new SdkRequest(path, parse(message), JSON.writeValueAsString(message), null);
        }
        String boundary = "--" + line.get("contentType").asText().replaceFirst(".*boundary=", "");
        String metadata = null;
        String file = null;
        for (String part : body.asText().split(java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + 4, part.length() - 2);
            if (headers.contains("name=\"metadata\"")) {
                metadata = content;
            } else if (headers.contains("name=\"file\"")) {
                file = content;
            }
        }
        JsonNode message = JSON.readTree(metadata).get("message");
        return new SdkRequest(path, parse(message), JSON.writeValueAsString(message), file);
    }

    private static Message parse(JsonNode message) {
        try {
            return MessageParser.parse(message);
        } catch (MessageFormatException e) {
            throw new IllegalStateException("an SDK vector does not parse: " + e.getMessage(), e);
        }
    }
}
