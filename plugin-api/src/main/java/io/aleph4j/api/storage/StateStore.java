package io.aleph4j.api.storage;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;

/**
 * The node's queryable state, derived from processed messages: everything in it can be rebuilt by replaying
 * the log. The message pipeline is its only writer; the HTTP API and plugins read it. Implementations pass
 * the testkit's {@code StateStoreContract}.
 *
 * <p>The store also remembers how far into the inbox its state goes, committed with the state itself, so that
 * after a crash the pipeline resumes exactly after the last change that was kept.
 */
@Experimental("the query surface may grow with the HTTP API work")
public interface StateStore extends Extension {

    /** The inbox index of the last entry whose processing is committed here, or -1 when none is. */
    long appliedInboxIndex();

    /**
     * Runs {@code work} in one transaction and commits its changes together with {@code throughInboxIndex} as
     * the new {@link #appliedInboxIndex()}. When {@code work} throws, nothing of it is kept and the exception
     * propagates. Calls are made from one thread at a time.
     *
     * @param throughInboxIndex the inbox index the state now covers; must not be lower than the current one
     */
    <T> T write(long throughInboxIndex, StateWork<T> work);

    /** Reads of the committed state; safe to use from many threads at once. */
    StateQueries queries();

    /** Drops all state and sets the applied inbox index back to -1, so that a replay rebuilds it. */
    void reset();
}
