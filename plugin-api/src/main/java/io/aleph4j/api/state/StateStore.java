package io.aleph4j.api.state;

import io.aleph4j.api.Extension;

/**
 * The node's queryable state, derived from processed messages: everything in it can be rebuilt by replaying the
 * log. The kernel's message pipeline is its only writer; the HTTP API and plugins read it. Implementations pass
 * the testkit's {@code StateStoreContract}.
 *
 * <p>The store also remembers how far into the inbox its state goes, committed with the state itself, so that
 * after a crash the pipeline resumes exactly after the last change that was kept.
 *
 * <p>Writing is driven by the kernel: it opens a transaction with {@link #begin()}, makes its changes through it and
 * commits it with the inbox index the state then covers. The store never calls back into the node while a
 * transaction is open.
 */
public interface StateStore extends Extension {

    /** The inbox index of the last entry whose processing is committed here, or -1 when none is. */
    long appliedInboxIndex();

    /**
     * Opens a write transaction. Only one is open at a time: the kernel calls this from its single applying thread
     * and closes each transaction before it opens the next.
     */
    StateTransaction begin();

    /** Reads of the committed state; safe to use from many threads at once. */
    StateQueries queries();

    /** Drops all state and sets the applied inbox index back to -1, so that a replay rebuilds it. */
    void reset();
}
