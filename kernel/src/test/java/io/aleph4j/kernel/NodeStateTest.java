package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class NodeStateTest {

    @Test
    void aNodeMovesForwardOnlyAlongItsLifecycle() {
        assertThat(NodeState.CREATED.canMoveTo(NodeState.STARTING)).isTrue();
        assertThat(NodeState.STARTING.canMoveTo(NodeState.STARTED)).isTrue();
        assertThat(NodeState.STARTING.canMoveTo(NodeState.FAILED)).isTrue();
        assertThat(NodeState.STARTED.canMoveTo(NodeState.STOPPING)).isTrue();
        assertThat(NodeState.STOPPING.canMoveTo(NodeState.STOPPED)).isTrue();
    }

    @Test
    void skippingOrGoingBackIsNotAllowed() {
        assertThat(NodeState.CREATED.canMoveTo(NodeState.STARTED)).isFalse();
        assertThat(NodeState.STARTED.canMoveTo(NodeState.STARTING)).isFalse();
        assertThat(NodeState.STARTED.canMoveTo(NodeState.STOPPED)).isFalse();
        for (NodeState next : NodeState.values()) {
            assertThat(NodeState.STOPPED.canMoveTo(next)).isFalse();
            assertThat(NodeState.FAILED.canMoveTo(next)).isFalse();
        }
    }
}
