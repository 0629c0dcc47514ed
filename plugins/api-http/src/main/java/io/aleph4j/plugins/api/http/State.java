package io.aleph4j.plugins.api.http;

import io.aleph4j.api.NodeContext;
import io.aleph4j.api.storage.StateQueries;
import io.aleph4j.api.storage.StateStore;

/** The node's state, looked up on first use: the store is only known once every plugin has registered. */
final class State {

    private final NodeContext context;
    private volatile StateQueries queries;

    State(NodeContext context) {
        this.context = context;
    }

    StateQueries queries() {
        StateQueries current = queries;
        if (current == null) {
            current = context.extension(StateStore.class).queries();
            queries = current;
        }
        return current;
    }
}
