package io.aleph4j.plugins.chain.tezos;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * The JSON a Tezos message carries in its signature field, read as the reference reads it (pyaleph
 * {@code TezosVerifier}): {@code signature} and {@code publicKey} required, {@code signingType} {@code raw} unless
 * given, {@code dAppUrl} {@code aleph.im} unless given (used by {@code micheline} only).
 *
 * @param signature   the base58check signature text ({@code edsig}, {@code spsig1}, {@code p2sig} or {@code sig})
 * @param publicKey   the base58check public key text ({@code edpk}, {@code sppk}, {@code p2pk})
 * @param signingType what was signed
 * @param dAppUrl     the dApp URL of a Micheline-wrapped payload
 */
record SignatureFields(String signature, String publicKey, SigningType signingType, String dAppUrl) {

    /** The reference node's default ({@code DEFAULT_DAPP_URL}); the official TypeScript SDK always sends its own. */
    static final String DEFAULT_DAPP_URL = "aleph.im";

    /** An ObjectMapper is thread-safe once configured; one serves every verification. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What the wallet signed: the verification buffer itself, or its Micheline wrapping (Beacon wallets). */
    enum SigningType {
        RAW("raw"),
        MICHELINE("micheline");

        private final String text;

        SigningType(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    SignatureFields {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signingType, "signingType");
        Objects.requireNonNull(dAppUrl, "dAppUrl");
    }

    /**
     * Reads the signature field of a Tezos message.
     *
     * @throws IllegalArgumentException saying which field is missing or of the wrong kind
     */
    static SignatureFields parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the signature field is not the JSON object {\"signature\", "
                    + "\"publicKey\", \"signingType\", \"dAppUrl\"} that Tezos wallets send");
        }
        if (!root.path("signature").isTextual() || !root.path("publicKey").isTextual()) {
            throw new IllegalArgumentException(
                    "the signature JSON needs the string fields 'signature' and 'publicKey'");
        }
        SigningType signingType = signingType(root.get("signingType"));
        String dAppUrl = DEFAULT_DAPP_URL;
        JsonNode dAppUrlNode = root.get("dAppUrl");
        // The reference reads dAppUrl for Micheline payloads only, so a raw signature ignores whatever it holds.
        if (signingType == SigningType.MICHELINE && dAppUrlNode != null) {
            if (!dAppUrlNode.isTextual()) {
                throw new IllegalArgumentException("dAppUrl must be a string, not " + dAppUrlNode.getNodeType());
            }
            dAppUrl = dAppUrlNode.textValue();
        }
        return new SignatureFields(root.get("signature").textValue(), root.get("publicKey").textValue(), signingType,
                dAppUrl);
    }

    private static SigningType signingType(JsonNode node) {
        if (node == null) {
            return SigningType.RAW;
        }
        for (SigningType type : SigningType.values()) {
            if (node.isTextual() && node.textValue().equals(type.text())) {
                return type;
            }
        }
        throw new IllegalArgumentException("signingType must be \"raw\" or \"micheline\", not "
                + Quoted.abbreviated(node.toString()));
    }
}
