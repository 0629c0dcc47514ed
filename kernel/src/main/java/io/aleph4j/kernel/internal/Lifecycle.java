package io.aleph4j.kernel.internal;

import io.aleph4j.kernel.NodeState;

/** The node's state, moved only along {@link NodeState#canMoveTo} edges. */
final class Lifecycle {

    private NodeState state = NodeState.CREATED;

    synchronized NodeState state() {
        return state;
    }

    /** @throws IllegalStateException when the move is not allowed from the current state */
    synchronized void moveTo(NodeState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("node cannot move from " + state + " to " + next);
        }
        state = next;
    }

    /** Moves only when in {@code expected}; answers whether it moved. */
    synchronized boolean moveToIfIn(NodeState expected, NodeState next) {
        if (state != expected) {
            return false;
        }
        moveTo(next);
        return true;
    }
}
