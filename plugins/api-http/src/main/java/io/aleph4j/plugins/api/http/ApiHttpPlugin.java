package io.aleph4j.plugins.api.http;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.storage.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Contributes the CCN's public HTTP API: writing messages and reading the state they built. */
public final class ApiHttpPlugin implements AlephPlugin {

    static final ConfigKey<Duration> SYNC_TIMEOUT = ConfigKey.duration("sync-timeout", Duration.ofSeconds(30),
            "how long POST /api/v0/messages with sync=true waits for the message's processing before answering "
                    + "with its pending status");
    static final ConfigKey<Integer> MAX_PAGE_SIZE = ConfigKey.integer("max-page-size", 10_000,
            "the largest pagination a list query may ask for");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(SYNC_TIMEOUT, MAX_PAGE_SIZE);
    }

    @Override
    public Set<Class<? extends Extension>> requiredExtensions() {
        return Set.of(StateStore.class);
    }

    @Override
    public void register(NodeContext context) {
        ApiSettings settings = new ApiSettings(context.config().get(SYNC_TIMEOUT), context.config().get(MAX_PAGE_SIZE));
        // The store is only known once every plugin has registered: the routes look it up on first use.
        context.contribute(HttpRoutes.class, router -> new ApiRoutes(context, settings).addTo(router));
    }
}
