package io.aleph4j.plugins.api.http;

import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.state.StateQueries;
import jakarta.inject.Inject;

/** Every route of the API, built by the node with what they need from the kernel. */
final class ApiRoutes implements HttpRoutes {

    private final ApiSettings settings;
    private final StorageLimits limits;
    private final MessageIntake intake;
    private final StateQueries state;
    private final ContentService content;
    private final MessageStream stream;

    @Inject
    ApiRoutes(ApiSettings settings, StorageLimits limits, MessageIntake intake, StateQueries state,
              ContentService content, MessageStream stream) {
        this.settings = settings;
        this.limits = limits;
        this.intake = intake;
        this.state = state;
        this.content = content;
        this.stream = stream;
    }

    @Override
    public void addRoutes(HttpRouter router) {
        new MessageRoutes(intake, state, settings).addTo(router);
        new PostRoutes(state, settings).addTo(router);
        new AggregateRoutes(state).addTo(router);
        new InfoRoutes().addTo(router);
        new AddressRoutes(state, settings).addTo(router);
        new LegacyPublishRoutes(intake).addTo(router);
        new StorageRoutes(intake, state, content, settings, limits).addTo(router);
        router.websocket("/api/ws0/messages", stream);
    }
}
