package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Who asks for an owner operation ({@code /control/machine/{ref}/...}): the reference's two-header scheme. A
 * wallet signs (EIP-191) a payload naming an ephemeral P-256 key, this CRN's domain and an expiry
 * ({@code X-SignedPubKey}); that key signs (ES256) each operation: its method, path, domain and time, which must be
 * within {@link #CLOCK_SKEW} of this node's ({@code X-SignedOperation}). The result is the wallet's address; whether
 * that address may act on the program is the caller's question. Only the ETH chain's wallets for now.
 */
final class OwnerAuth {

    /** How far an operation's time may be from this node's (the reference's two minutes). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The authenticated wallet, or why not, with the reference's status. */
    record Outcome(Optional<String> sender, int status, String error) {
        static Outcome of(String sender) {
            return new Outcome(Optional.of(sender), 200, "");
        }

        static Outcome refused(int status, String error) {
            return new Outcome(Optional.empty(), status, error);
        }
    }

    private final String domain;
    private final Clock clock;

    OwnerAuth(String domain, Clock clock) {
        this.domain = domain;
        this.clock = clock;
    }

    Outcome authenticate(String method, String path, Optional<String> signedPubKey, Optional<String> signedOperation) {
        if (signedPubKey.isEmpty() || signedOperation.isEmpty()) {
            return Outcome.refused(400, "Missing X-SignedPubKey or X-SignedOperation header");
        }
        JsonNode keyHeader;
        JsonNode keyPayload;
        byte[] keyPayloadBytes;
        JsonNode opHeader;
        JsonNode op;
        byte[] opBytes;
        try {
            keyHeader = JSON.readTree(signedPubKey.get());
            keyPayloadBytes = HexFormat.of().parseHex(keyHeader.path("payload").asText());
            keyPayload = JSON.readTree(keyPayloadBytes);
            opHeader = JSON.readTree(signedOperation.get());
            opBytes = HexFormat.of().parseHex(opHeader.path("payload").asText());
            op = JSON.readTree(opBytes);
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.refused(400, "X-SignedPubKey and X-SignedOperation must be JSON {payload: hex of JSON, "
                    + "signature}");
        }
        if (keyPayload == null || op == null || !keyPayload.isObject() || !op.isObject()) {
            return Outcome.refused(400, "the signed payloads must be JSON objects");
        }
        String chain = keyPayload.path("chain").asText("ETH");
        if (!chain.equals("ETH")) {
            return Outcome.refused(401, "Unsupported chain " + chain + " (this CRN checks ETH wallets)");
        }
        String address = keyPayload.path("address").asText();
        Optional<String> signer = Eip191.signer(keyPayloadBytes, keyHeader.path("signature").asText());
        if (signer.isEmpty() || !signer.get().equalsIgnoreCase(address)) {
            return Outcome.refused(401, "Invalid signature");
        }
        Optional<Instant> expires = instant(keyPayload.path("expires").asText());
        if (expires.isEmpty() || !expires.get().isAfter(clock.instant())) {
            return Outcome.refused(401, "Token expired");
        }
        if (!domain.equals(keyPayload.path("domain").asText())) {
            return Outcome.refused(401, "Invalid domain: the key was signed for '" + keyPayload.path("domain")
                    .asText() + "', this CRN is '" + domain + "'");
        }
        PublicKey key;
        try {
            key = p256(keyPayload.path("pubkey"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Outcome.refused(401, "The pubkey is not an EC P-256 JWK");
        }
        if (!es256(key, opBytes, opHeader.path("signature").asText())) {
            return Outcome.refused(401, "Invalid signature of the operation");
        }
        Optional<Instant> time = instant(op.path("time").asText());
        if (time.isEmpty() || Duration.between(time.get(), clock.instant()).abs().compareTo(CLOCK_SKEW) > 0) {
            return Outcome.refused(401, "The operation's time is more than " + CLOCK_SKEW.toMinutes()
                    + " minutes from this node's");
        }
        if (!domain.equals(op.path("domain").asText())) {
            return Outcome.refused(401, "Invalid domain");
        }
        if (!path.equals(op.path("path").asText())) {
            return Outcome.refused(401, "Invalid path: the operation signs " + op.path("path").asText());
        }
        if (!method.equals(op.path("method").asText())) {
            return Outcome.refused(401, "Invalid method: the operation signs " + op.path("method").asText());
        }
        return Outcome.of(address.toLowerCase(Locale.ROOT));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                // Python's isoformat() without a zone: the reference reads it as UTC.
                return Optional.of(java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static PublicKey p256(JsonNode jwk) throws GeneralSecurityException {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())) {
            throw new IllegalArgumentException("not an EC P-256 key");
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        BigInteger x = new BigInteger(1, base64.decode(jwk.path("x").asText()));
        BigInteger y = new BigInteger(1, base64.decode(jwk.path("y").asText()));
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve));
    }

    /** JWA ES256: ECDSA P-256 with SHA-256, the signature as r||s (64 bytes), hex-encoded. */
    private static boolean es256(PublicKey key, byte[] payload, String signatureHex) {
        try {
            byte[] signature = HexFormat.of().parseHex(signatureHex);
            if (signature.length != 64) {
                return false;
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
