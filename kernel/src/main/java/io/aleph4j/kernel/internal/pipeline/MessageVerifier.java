package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.RejectionReason;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What can be checked from a message alone, in the reference's order: the inline item hash, that a chain
 * bridge serves the message's chain, and the signature (verified once for a message checked twice: see
 * {@link VerifiedSignatures}). Thread-safe; called from the pipeline's worker pool and the intake's checks.
 */
@Singleton
public final class MessageVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(MessageVerifier.class);

    private final Map<Chain, ChainBridge> bridges;
    private final String servedChains;
    private final VerifiedSignatures verified = new VerifiedSignatures(1 << 16);

    /**
     * @throws IllegalStateException when two bridges claim the same chain (the node must not start then)
     */
    @Inject
    public MessageVerifier(Set<ChainBridge> contributed) {
        Map<Chain, ChainBridge> byChain = new HashMap<>();
        for (ChainBridge bridge : contributed) {
            for (Chain chain : bridge.chains()) {
                ChainBridge previous = byChain.putIfAbsent(chain, bridge);
                if (previous != null) {
                    throw new IllegalStateException("chain " + chain + " is served by two bridges: "
                            + previous.extensionName() + " and " + bridge.extensionName());
                }
            }
        }
        this.bridges = Map.copyOf(byChain);
        TreeSet<String> codes = new TreeSet<>();
        byChain.keySet().forEach(chain -> codes.add(chain.code()));
        this.servedChains = codes.isEmpty() ? "none" : String.join(", ", codes);
    }

    /** Empty when the message passes, else why it is rejected. */
    public Optional<RejectionReason> verify(Message message) {
        if (message.itemType() == ItemType.INLINE) {
            ItemHash actual = ItemHash.sha256Of(message.itemContent());
            if (!actual.equals(message.itemHash())) {
                return reject(ErrorCode.INVALID_FORMAT, "item_hash " + message.itemHash()
                        + " is not the sha256 of item_content (" + actual + ")");
            }
        }
        ChainBridge bridge = bridges.get(message.chain());
        if (bridge == null) {
            return reject(ErrorCode.INVALID_FORMAT, "chain " + message.chain()
                    + " is not verified by this node (chains: " + servedChains + ")");
        }
        if (verified.contains(message)) {
            return Optional.empty();
        }
        SignatureCheck check;
        try {
            check = bridge.verify(message);
        } catch (RuntimeException e) {
            // Bridges must not throw; if one does, the message is refused rather than the pipeline stopped.
            LOG.error("{} threw while verifying {}", bridge.extensionName(), message.itemHash(), e);
            return reject(ErrorCode.INVALID_SIGNATURE, "the signature could not be checked: " + e);
        }
        if (check instanceof SignatureCheck.Invalid invalid) {
            return reject(ErrorCode.INVALID_SIGNATURE, invalid.problem());
        }
        verified.add(message);
        return Optional.empty();
    }

    private static Optional<RejectionReason> reject(ErrorCode code, String detail) {
        return Optional.of(RejectionReason.of(code, detail));
    }
}
