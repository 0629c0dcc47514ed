package io.aleph4j.plugins.chain.tezos;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Verifies Tezos signatures as the reference does (pyaleph {@code src/aleph/chains/tezos.py}, pytezos keys): the
 * signature field is JSON {@code {"signature", "publicKey", "signingType"?, "dAppUrl"?}}; the sender must be the
 * public key's tz address; the signature must verify over blake2b-256 of the signed bytes, which are the
 * verification buffer ({@code raw}) or its Micheline wrapping ({@code micheline}, tried with the reference's and
 * with the official SDK's reading of the time). Ed25519 (tz1) is verified by AWS-LC where it loads, else by
 * BouncyCastle ({@code plugins/support-ed25519}); the bridge's name says which, so the node's status shows it.
 *
 * <p>Stateless, so thread-safe; no I/O; never throws: every refusal is a {@link SignatureCheck.Invalid} whose
 * problem says what to fix.
 */
final class TezosBridge implements ChainBridge {

    private final Ed25519Verifier ed25519;

    @Inject
    TezosBridge(TezosConfig config) {
        this(config.ed25519().verifier("chain-tezos"));
    }

    TezosBridge(Ed25519Verifier ed25519) {
        this.ed25519 = ed25519;
    }

    @Override
    public String extensionName() {
        return "TezosBridge (" + ed25519.implementation() + ")";
    }

    @Override
    public Set<Chain> chains() {
        return Set.of(Chain.TEZOS);
    }

    @Override
    public SignatureCheck verify(Message message) {
        if (!Chain.TEZOS.equals(message.chain())) {
            return SignatureCheck.invalid("chain-tezos verifies TEZOS messages, not " + message.chain().code());
        }
        SignatureFields fields;
        TezosPublicKey publicKey;
        byte[] signature;
        try {
            fields = SignatureFields.parse(message.signature());
            publicKey = TezosPublicKey.decode(fields.publicKey(), ed25519);
            signature = publicKey.kind().decodeSignature(fields.signature());
        } catch (IllegalArgumentException e) {
            return SignatureCheck.invalid(e.getMessage() + " (TEZOS message from " + message.sender() + ")");
        }
        String address = publicKey.address();
        if (!address.equals(message.sender())) {
            return SignatureCheck.invalid("publicKey belongs to " + address + ", not to the sender "
                    + message.sender() + ": sign with the sender's key or send from " + address);
        }
        try {
            for (byte[] signedBytes : signedBytesCandidates(message, fields)) {
                if (publicKey.verifies(signature, Blake2b.digest256(signedBytes))) {
                    return SignatureCheck.valid();
                }
            }
        } catch (RuntimeException e) {
            // Not expected once the key and signature decoded; kept so that verify stays total, as the API demands.
            return SignatureCheck.invalid("the TEZOS signature of " + message.sender() + " could not be checked: " + e);
        }
        if (!publicKey.wellFormed()) {
            return SignatureCheck.invalid("publicKey is not a valid " + publicKey.kind().publicKeyText()
                    + " key (not a curve point, or of small order) (TEZOS message from " + message.sender() + ")");
        }
        return SignatureCheck.invalid("signature does not match sender " + message.sender() + " for chain TEZOS ("
                + describe(fields) + "): was the message changed after signing, or signed with other settings?");
    }

    private static String describe(SignatureFields fields) {
        return switch (fields.signingType()) {
            case RAW -> "raw payload";
            case MICHELINE -> "micheline payload, dAppUrl " + Quoted.abbreviated(fields.dAppUrl());
        };
    }

    /** The byte strings the wallet may have signed: one for raw, one per time reading for Micheline. */
    private static List<byte[]> signedBytesCandidates(Message message, SignatureFields fields) {
        byte[] buffer = message.verificationBuffer();
        if (fields.signingType() == SignatureFields.SigningType.RAW) {
            return List.of(buffer);
        }
        List<byte[]> candidates = new ArrayList<>(2);
        for (Instant time : MichelinePayload.timeReadings(message.time())) {
            candidates.add(MichelinePayload.of(buffer, time, fields.dAppUrl()));
        }
        return candidates;
    }
}
