package io.aleph4j.api.chain;

import io.aleph4j.api.Extension;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import java.util.Set;

/**
 * Signature verification for one family of chains. The contract:
 * <ul>
 *   <li>{@link #verify(Message)} is called from the pipeline's worker threads, several at once: it must be
 *   thread-safe;</li>
 *   <li>it must not do I/O or block: it runs once per message on the node's hot path;</li>
 *   <li>it never throws: a message it cannot check is {@link SignatureCheck#invalid invalid}, with a sentence a
 *   user can act on (a bridge that throws anyway gets the message rejected and the exception logged);</li>
 *   <li>a chain is served by one bridge: two bridges claiming the same chain fail the node start.</li>
 * </ul>
 * Reading from a chain, writing to it and balances are incubating ({@code io.aleph4j.api.incubating}); they will
 * join this interface as {@code default} methods when the chain-sync work implements them.
 */
public interface ChainBridge extends Extension {

    /** The chains whose messages this bridge verifies; read once, at start. */
    Set<Chain> chains();

    /** Checks the message's signature over its verification buffer against its sender. */
    SignatureCheck verify(Message message);
}
