package io.aleph4j.api.chain;

import io.aleph4j.api.Extension;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the node needs from one family of chains: signature verification, and optionally reading,
 * writing and balances. {@link #verify(Message)} is called from several worker threads at once: it must be
 * thread-safe and must not block on I/O.
 */
public interface ChainBridge extends Extension {

    /** The chains whose messages this bridge verifies. */
    Set<Chain> chains();

    /** What this bridge can do; the optional accessors below answer empty for what is not declared. */
    default Set<ChainCapability> capabilities() {
        return Set.of(ChainCapability.VERIFY);
    }

    /** Checks the message's signature over its verification buffer against its sender. */
    SignatureCheck verify(Message message);

    default Optional<ChainReader> reader() {
        return Optional.empty();
    }

    default Optional<ChainWriter> writer() {
        return Optional.empty();
    }

    default Optional<BalanceSource> balances() {
        return Optional.empty();
    }
}
