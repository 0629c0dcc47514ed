package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.plugins.support.Sha256;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may tell this CRN what to run: the reference's scheduler authentication for {@code POST /control/allocations}
 * ({@code Authorization: Aleph-EIP191-V1 sig=0x…,payload=<hex>}). The payload binds the request's method, path and
 * body hash to a time ({@code iat}, within {@link #MAX_AGE} of this node's clock); the signer must be one of the
 * allocation signers; a payload accepted once is refused for as long as it could be valid (replay). The legacy
 * {@code X-Auth-Signature} token (sha256 compared with a configured hash) is accepted only when no
 * {@code Authorization} header is present, as in the reference.
 */
final class AllocationAuth {

    /** The reference's ALLOCATION_SIGNATURE_MAX_AGE_SECONDS. */
    static final Duration MAX_AGE = Duration.ofSeconds(300);
    /** The reference's limit on an allocation's body. */
    static final long MAX_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEME = "aleph-eip191-v1";

    private final Set<String> signers;
    private final Optional<String> legacyTokenHash;
    private final Clock clock;
    /** Accepted payloads' hashes by signer, with the epoch second they stop being valid. */
    private final Map<String, Long> accepted = new HashMap<>();

    /**
     * @param signers         the addresses allowed to allocate (any case)
     * @param legacyTokenHash the hex sha256 of the legacy token, or empty to refuse that scheme
     */
    AllocationAuth(Set<String> signers, Optional<String> legacyTokenHash, Clock clock) {
        this.signers = signers.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.legacyTokenHash = legacyTokenHash.map(s -> s.toLowerCase(Locale.ROOT));
        this.clock = clock;
    }

    /** Why the request is refused, or empty when it is the signed request of an allocation signer. */
    Optional<String> refusal(String method, String path, String query, Optional<String> authorization,
                             Optional<String> legacyToken, Optional<Long> contentLength, byte[] body) {
        if (authorization.isEmpty()) {
            if (legacyToken.isPresent() && legacyTokenHash.isPresent()) {
                return legacyTokenHash.get().equals(Sha256.hex(legacyToken.get())) ? Optional.empty()
                        : Optional.of("the X-Auth-Signature token is not the configured one");
            }
            return Optional.of("no Authorization header (Aleph-EIP191-V1)");
        }
        Map<String, String> params;
        try {
            params = parameters(authorization.get());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        byte[] payloadBytes;
        JsonNode payload;
        try {
            payloadBytes = HexFormat.of().parseHex(strip0x(params.get("payload")));
            payload = JSON.readTree(payloadBytes);
        } catch (IllegalArgumentException | IOException e) {
            return Optional.of("the payload is not hex of a JSON object");
        }
        if (payload == null || !payload.isObject()) {
            return Optional.of("the payload is not a JSON object");
        }
        for (String field : new String[] {"method", "path", "body_sha256"}) {
            if (!payload.path(field).isTextual()) {
                return Optional.of("the payload has no string '" + field + "'");
            }
        }
        if (!payload.path("iat").isIntegralNumber()) {
            return Optional.of("the payload's 'iat' is not an integer");
        }
        long now = clock.instant().getEpochSecond();
        long iat = payload.path("iat").asLong();
        if (Math.abs(now - iat) > MAX_AGE.toSeconds()) {
            return Optional.of("the payload's iat " + iat + " is more than " + MAX_AGE.toSeconds()
                    + " s from this node's time " + now);
        }
        if (query != null && !query.isEmpty()) {
            return Optional.of("a signed allocation request has no query string");
        }
        if (!payload.path("method").asText().equals(method) || !payload.path("path").asText().equals(path)) {
            return Optional.of("the payload signs " + payload.path("method").asText() + " "
                    + payload.path("path").asText() + ", not " + method + " " + path);
        }
        Optional<String> signer = Eip191.signer(payloadBytes, params.get("sig"));
        if (signer.isEmpty() || !signers.contains(signer.get())) {
            return Optional.of(signer.map(s -> s + " is not an allocation signer")
                    .orElse("the signature recovers no address"));
        }
        if (contentLength.isEmpty() || contentLength.get() > MAX_BODY) {
            return Optional.of("an allocation needs a Content-Length of at most " + MAX_BODY + " bytes");
        }
        if (!Sha256.hex(body).equals(payload.path("body_sha256").asText().toLowerCase(Locale.ROOT))) {
            return Optional.of("the body's sha256 is not the payload's body_sha256");
        }
        return replay(signer.get(), Sha256.hex(payloadBytes), iat + MAX_AGE.toSeconds(), now);
    }

    private synchronized Optional<String> replay(String signer, String payloadHash, long validUntil, long now) {
        for (Iterator<Map.Entry<String, Long>> it = accepted.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() < now) {
                it.remove();
            }
        }
        if (accepted.putIfAbsent(signer + ":" + payloadHash, validUntil) != null) {
            return Optional.of("this signed request was accepted already (replay)");
        }
        return Optional.empty();
    }

    /** {@code Aleph-EIP191-V1 sig=…,payload=…}: the scheme in any case, exactly those two parameters. */
    static Map<String, String> parameters(String header) {
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw new IllegalArgumentException("the Authorization scheme is not Aleph-EIP191-V1");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : trimmed.substring(space + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("the Authorization parameter '" + part.strip() + "' is not name=value");
            }
            String name = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (!name.equals("sig") && !name.equals("payload")) {
                throw new IllegalArgumentException("unknown Authorization parameter '" + name + "'");
            }
            params.put(name, part.substring(equals + 1).strip());
        }
        if (!params.containsKey("sig") || !params.containsKey("payload")) {
            throw new IllegalArgumentException("the Authorization header needs sig and payload");
        }
        return params;
    }

    private static String strip0x(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }

}
