package io.aleph4j.benchmarks;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import java.util.Set;

/**
 * Accepts every ETH signature without looking at it, for one benchmark only: the pipeline with it measures what
 * everything but verification costs per message. A hand-written stand-in because its point is to cost nothing;
 * never a part of a node.
 */
final class TrustingBridge implements ChainBridge {

    @Override
    public Set<Chain> chains() {
        return Set.of(Chain.ETH);
    }

    @Override
    public SignatureCheck verify(Message message) {
        return SignatureCheck.valid();
    }
}
