package io.aleph4j.plugins.hello;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;

/** A plugin whose start fails, packaged into an archive by the loading tests. */
public final class FailingStartPlugin implements AlephPlugin {

    @Override
    public void start(NodeContext context) {
        throw new IllegalStateException("cannot reach the chain RPC at 127.0.0.1:1");
    }
}
