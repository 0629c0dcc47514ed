package io.aleph4j.api.http;

import io.aleph4j.api.Extension;

/** Routes a plugin adds to the node's HTTP server. */
public interface HttpRoutes extends Extension {

    /** Adds this contribution's routes. Called once, after every plugin has registered, before any starts. */
    void addRoutes(HttpRouter router);
}
