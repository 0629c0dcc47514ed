package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.aleph4j.api.network.PeerType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code ALIVE} announcement: an address of a node, what kind it is, and the node's version. Written as the
 * reference writes it, Python's {@code json.dumps} of {@code {"address", "interests": null, "peer_type", "version"}}
 * (in that order, {@code ", "} and {@code ": "} between items, non-ASCII escaped), and read as the reference reads
 * one: URL-unquoted, then parsed.
 *
 * <p>One key is added at the end, {@code "time"} (when it was sent, in seconds), which the reference's reader
 * ignores as it ignores every key but two ({@code peers/monitor.py}). Without it every announcement of a node is
 * the same bytes, so the same gossipsub message ID, which gossipsub refuses to publish again (and peers drop as
 * seen) for its whole duplicate-cache time, 30 minutes: a node that joins would hear of the others only that late.
 *
 * @param time when the announcement was sent (seconds since the epoch), or 0 when a received one had none
 */
record AliveAnnouncement(String address, PeerType type, String version, double time) {

    /** Addresses longer than this are not announcements (a multiaddress or URL is far shorter). */
    static final int MAX_ADDRESS_LENGTH = 1024;
    private static final ObjectMapper PYTHON_STRINGS = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    AliveAnnouncement {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
    }

    /** The bytes published on {@code ALIVE}. */
    byte[] toJson() {
        try {
            return ("{\"address\": " + PYTHON_STRINGS.writeValueAsString(address) + ", \"interests\": null, "
                    + "\"peer_type\": " + PYTHON_STRINGS.writeValueAsString(type.name()) + ", \"version\": "
                    + PYTHON_STRINGS.writeValueAsString(version) + ", \"time\": " + BigDecimal.valueOf(time)
                    .toPlainString() + "}").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string did not serialize", e);
        }
    }

    /**
     * Reads an announcement.
     *
     * @throws IllegalArgumentException naming what makes {@code text} not one
     */
    static AliveAnnouncement parse(String text) {
        JsonNode announcement;
        try {
            announcement = JSON.readTree(PythonUnquote.unquote(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (announcement == null || !announcement.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode address = announcement.get("address");
        if (address == null || !address.isTextual() || address.asText().isBlank()
                || address.asText().length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("no address");
        }
        JsonNode type = announcement.get("peer_type");
        PeerType peerType;
        try {
            peerType = PeerType.valueOf(type == null ? "" : type.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peer_type " + type + " is not P2P, HTTP or IPFS");
        }
        JsonNode version = announcement.get("version");
        return new AliveAnnouncement(address.asText(), peerType, version == null || version.isNull() ? null
                : version.asText(), announcement.path("time").asDouble(0));
    }
}
