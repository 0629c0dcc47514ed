package io.aleph4j.plugins.chain.tezos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import java.util.Set;

/**
 * Verifies Tezos signatures as the reference does (pyaleph {@code src/aleph/chains/tezos.py}, pytezos keys):
 * the signature field is JSON {@code {"signature", "publicKey", "signingType"?, "dAppUrl"?}}; the sender must
 * be the public key's tz address; the signature (Ed25519, secp256k1 or P-256, by the key's kind) must verify
 * over blake2b-256 of the signed bytes: the verification buffer itself ({@code raw}, the default), or its
 * Micheline wrapping ({@code micheline}), whose time is tried as the reference reads it (seconds) and as the
 * official TypeScript SDK signs it (milliseconds).
 */
final class TezosBridge implements ChainBridge {

    static final String DEFAULT_DAPP_URL = "aleph.im";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Set<Chain> chains() {
        return Set.of(Chain.TEZOS);
    }

    @Override
    public SignatureCheck verify(Message message) {
        if (!Chain.TEZOS.equals(message.chain())) {
            return SignatureCheck.invalid("chain-tezos does not verify chain " + message.chain());
        }
        JsonNode fields;
        try {
            fields = JSON.readTree(message.signature());
        } catch (JsonProcessingException e) {
            return SignatureCheck.invalid("signature is not the JSON {\"signature\", \"publicKey\"} Tezos wallets send");
        }
        if (fields == null || !fields.isObject() || !fields.path("signature").isTextual()
                || !fields.path("publicKey").isTextual()) {
            return SignatureCheck.invalid("signature needs the string fields 'signature' and 'publicKey'");
        }
        String signingType = fields.path("signingType").asText("raw");
        if (!signingType.equals("raw") && !signingType.equals("micheline")) {
            return SignatureCheck.invalid("signingType '" + signingType + "' is neither raw nor micheline");
        }
        String publicKeyText = fields.get("publicKey").textValue();
        KeyKind kind = KeyKind.ofPublicKey(publicKeyText);
        if (kind == null) {
            return SignatureCheck.invalid("publicKey " + publicKeyText + " is not an edpk, sppk or p2pk key");
        }
        byte[] publicKey;
        byte[] signature;
        try {
            publicKey = Base58Check.decode(publicKeyText, kind.publicKeyPrefix, kind.publicKeyLength);
            signature = decodeSignature(fields.get("signature").textValue(), kind);
        } catch (IllegalArgumentException e) {
            return SignatureCheck.invalid(e.getMessage());
        }
        String address = kind.address(publicKey);
        if (!address.equals(message.sender())) {
            return SignatureCheck.invalid("publicKey belongs to " + address + ", not to the sender " + message.sender());
        }
        byte[] buffer = message.verificationBuffer();
        boolean valid;
        try {
            if (signingType.equals("raw")) {
                valid = verifies(kind, publicKey, signature, buffer);
            } else {
                String dAppUrl = fields.path("dAppUrl").asText(DEFAULT_DAPP_URL);
                valid = verifies(kind, publicKey, signature, MichelinePayload.of(buffer,
                        MichelinePayload.secondsReading(message.time()), dAppUrl))
                        || verifies(kind, publicKey, signature, MichelinePayload.of(buffer,
                        MichelinePayload.millisecondsReading(message.time()), dAppUrl));
            }
        } catch (RuntimeException e) {
            valid = false; // a key that is not a curve point, for instance
        }
        return valid ? SignatureCheck.valid()
                : SignatureCheck.invalid("signature does not verify for sender " + message.sender()
                        + " on chain TEZOS (signingType " + signingType + ")");
    }

    private static boolean verifies(KeyKind kind, byte[] publicKey, byte[] signature, byte[] signedBytes) {
        return kind.verify(publicKey, signature, Blake2b.digest(signedBytes, 32));
    }

    /** A signature of the key's curve ({@code edsig}, {@code spsig1}, {@code p2sig}) or a generic {@code sig}. */
    private static byte[] decodeSignature(String text, KeyKind kind) {
        if (text.startsWith(kind.signatureText)) {
            return Base58Check.decode(text, kind.signaturePrefix, 64);
        }
        if (text.startsWith(KeyKind.GENERIC_SIGNATURE_TEXT)) {
            return Base58Check.decode(text, KeyKind.GENERIC_SIGNATURE_PREFIX, 64);
        }
        throw new IllegalArgumentException("signature " + abbreviate(text) + " is not a " + kind.signatureText
                + " or generic sig signature, as the " + kind.publicKeyText + " key needs");
    }

    private static String abbreviate(String text) {
        return text.length() > 16 ? text.substring(0, 16) + "..." : text;
    }
}
