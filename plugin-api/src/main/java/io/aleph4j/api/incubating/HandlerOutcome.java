package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.RejectionReason;
import java.util.Objects;

/** What a {@link ContentHandler} did with a message. */
@Experimental("the processing contract is settled by the first plugin that handles a message type (the CRN work)")
public sealed interface HandlerOutcome {

    /** The message changed the state; it is processed. */
    record Applied() implements HandlerOutcome {
    }

    /** The message is invalid for good; it is rejected and nothing it asked for happened. */
    record Rejected(RejectionReason reason) implements HandlerOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The message depends on something this node has not processed yet (an amend's target, a FORGET's target,
     * a STORE's ref, an aggregate to forget); it stays pending and is tried again once {@code awaited} changes.
     */
    record Waiting(Dependency awaited, RejectionReason reason) implements HandlerOutcome {
        public Waiting {
            Objects.requireNonNull(awaited, "awaited");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static HandlerOutcome applied() {
        return new Applied();
    }

    static HandlerOutcome rejected(RejectionReason reason) {
        return new Rejected(reason);
    }

    static HandlerOutcome waitingFor(ItemHash message, RejectionReason reason) {
        return new Waiting(new Dependency.OnMessage(message), reason);
    }

    static HandlerOutcome waitingFor(String owner, String aggregateKey, RejectionReason reason) {
        return new Waiting(new Dependency.OnAggregate(owner, aggregateKey), reason);
    }

    /** What a waiting message needs before it can be tried again. */
    sealed interface Dependency {

        /** A message with this hash being processed. */
        record OnMessage(ItemHash itemHash) implements Dependency {
            public OnMessage {
                Objects.requireNonNull(itemHash, "itemHash");
            }
        }

        /** An element of this aggregate being processed. */
        record OnAggregate(String owner, String key) implements Dependency {
            public OnAggregate {
                Objects.requireNonNull(owner, "owner");
                Objects.requireNonNull(key, "key");
            }
        }
    }
}
