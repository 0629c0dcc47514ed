package io.aleph4j.kernel;

import java.util.Set;

/**
 * The states a node goes through. {@code CREATED → STARTING → STARTED → STOPPING → STOPPED}; a start that
 * fails goes {@code STARTING → FAILED} after releasing what it had taken.
 */
public enum NodeState {
    CREATED,
    STARTING,
    STARTED,
    STOPPING,
    STOPPED,
    FAILED;

    /** Whether a node in this state may move to {@code next}. */
    public boolean canMoveTo(NodeState next) {
        return switch (this) {
            case CREATED -> next == STARTING;
            case STARTING -> Set.of(STARTED, FAILED).contains(next);
            case STARTED -> next == STOPPING;
            case STOPPING -> next == STOPPED;
            case STOPPED, FAILED -> false;
        };
    }
}
