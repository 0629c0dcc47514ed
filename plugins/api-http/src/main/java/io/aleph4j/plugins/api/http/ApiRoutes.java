package io.aleph4j.plugins.api.http;

import io.aleph4j.api.NodeContext;
import io.aleph4j.api.http.HttpRouter;

/** Every route of the API. */
final class ApiRoutes {

    private final NodeContext context;
    private final ApiSettings settings;

    ApiRoutes(NodeContext context, ApiSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    void addTo(HttpRouter router) {
        State state = new State(context);
        new MessageRoutes(context.messageIntake(), state, settings).addTo(router);
        new PostRoutes(state, settings).addTo(router);
        new AggregateRoutes(state).addTo(router);
        new InfoRoutes().addTo(router);
    }
}
