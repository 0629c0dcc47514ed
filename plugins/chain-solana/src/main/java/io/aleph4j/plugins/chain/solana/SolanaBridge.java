package io.aleph4j.plugins.chain.solana;

import io.aleph4j.plugins.support.Base58;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Verifies Solana-style signatures as the reference does (pyaleph {@code src/aleph/chains/solana.py}): the
 * signature field is JSON {@code {"signature": base58, "publicKey": base58, "version"?: 1}}, the public key
 * must be the sender, and the Ed25519 signature must verify over the verification buffer. The verification is
 * AWS-LC's where it loads, else BouncyCastle's ({@code plugins/support-ed25519}); the bridge's name says which, so
 * the node's status shows it.
 */
final class SolanaBridge implements ChainBridge {

    /** Eclipse ("ES") is verified the same way by the reference. */
    static final Set<Chain> CHAINS = Set.of(Chain.SOL, Chain.of("ES"));

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest base58 texts of 32 and 64 bytes. */
    private static final int MAX_PUBLIC_KEY_TEXT = 44;
    private static final int MAX_SIGNATURE_TEXT = 88;

    private final Ed25519Verifier ed25519;

    @Inject
    SolanaBridge(SolanaConfig config) {
        this(config.ed25519().verifier("chain-solana"));
    }

    SolanaBridge(Ed25519Verifier ed25519) {
        this.ed25519 = ed25519;
    }

    @Override
    public String extensionName() {
        return "SolanaBridge (" + ed25519.implementation() + ")";
    }

    @Override
    public Set<Chain> chains() {
        return CHAINS;
    }

    @Override
    public SignatureCheck verify(Message message) {
        if (!CHAINS.contains(message.chain())) {
            return SignatureCheck.invalid("chain-solana does not verify chain " + message.chain());
        }
        JsonNode signature;
        try {
            signature = JSON.readTree(message.signature());
        } catch (JsonProcessingException e) {
            return SignatureCheck.invalid("signature is not the JSON {\"signature\", \"publicKey\"} Solana wallets send");
        }
        if (signature == null || !signature.isObject() || !signature.path("signature").isTextual()
                || !signature.path("publicKey").isTextual()) {
            return SignatureCheck.invalid("signature needs the string fields 'signature' and 'publicKey'");
        }
        if (signature.has("version") && signature.get("version").asInt(-1) != 1) {
            return SignatureCheck.invalid("signature version " + signature.get("version") + " is not supported (only 1)");
        }
        String publicKeyText = signature.get("publicKey").textValue();
        if (!publicKeyText.equals(message.sender())) {
            return SignatureCheck.invalid("publicKey " + publicKeyText + " in the signature is not the sender "
                    + message.sender());
        }
        String signatureText = signature.get("signature").textValue();
        // Base58 decoding is quadratic in the text's length: texts longer than 32 and 64 bytes can be are refused
        // before decoding.
        if (publicKeyText.length() > MAX_PUBLIC_KEY_TEXT || signatureText.length() > MAX_SIGNATURE_TEXT) {
            return SignatureCheck.invalid("an Ed25519 public key has 32 bytes and a signature 64, at most "
                    + MAX_PUBLIC_KEY_TEXT + " and " + MAX_SIGNATURE_TEXT + " base58 characters; got "
                    + publicKeyText.length() + " and " + signatureText.length());
        }
        byte[] publicKey;
        byte[] signatureBytes;
        try {
            publicKey = Base58.decode(publicKeyText);
            signatureBytes = Base58.decode(signatureText);
        } catch (IllegalArgumentException e) {
            return SignatureCheck.invalid("signature or publicKey is not base58: " + e.getMessage());
        }
        if (publicKey.length != Ed25519Verifier.PUBLIC_KEY_SIZE
                || signatureBytes.length != Ed25519Verifier.SIGNATURE_SIZE) {
            return SignatureCheck.invalid("an Ed25519 public key has 32 bytes and a signature 64; got "
                    + publicKey.length + " and " + signatureBytes.length);
        }
        return ed25519.verify(signatureBytes, publicKey, message.verificationBuffer()) ? SignatureCheck.valid()
                : SignatureCheck.invalid("signature does not verify for sender " + message.sender() + " on chain "
                        + message.chain());
    }
}
