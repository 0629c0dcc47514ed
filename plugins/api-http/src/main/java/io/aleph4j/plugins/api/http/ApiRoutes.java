package io.aleph4j.plugins.api.http;

import io.aleph4j.api.NodeContext;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.network.MessagePublisher;
import io.aleph4j.api.state.StateQueries;
import jakarta.inject.Inject;
import java.time.Clock;

/** Every route of the API, built by the node with what they need from the kernel. */
final class ApiRoutes implements HttpRoutes {

    private final ApiSettings settings;
    private final StorageLimits limits;
    private final MessageIntake intake;
    private final StateQueries state;
    private final ContentService content;
    private final MessageStream stream;
    private final Clock clock;
    private final UploadBudget budget;
    private final UploadStaging staging;
    private final MessagePublisher publisher;
    private final NodeContext context;

    @Inject
    ApiRoutes(ApiSettings settings, StorageLimits limits, MessageIntake intake, StateQueries state,
              ContentService content, MessageStream stream, Clock clock, UploadBudget budget,
              UploadStaging staging, MessagePublisher publisher, NodeContext context) {
        this.settings = settings;
        this.limits = limits;
        this.intake = intake;
        this.state = state;
        this.content = content;
        this.stream = stream;
        this.clock = clock;
        this.budget = budget;
        this.staging = staging;
        this.publisher = publisher;
        this.context = context;
    }

    @Override
    public void addRoutes(HttpRouter router) {
        // The literal path first: the server matches routes in the order they are added.
        new MessageHashesRoute(state).addTo(router);
        new MessageRoutes(intake, publisher, state, settings).addTo(router);
        new MessageContentRoute(state).addTo(router);
        new PostRoutes(state, settings).addTo(router);
        new AggregateRoutes(state).addTo(router);
        new AggregateListRoute(state).addTo(router);
        new AuthorizationRoutes(state).addTo(router);
        new ChannelsRoute(state).addTo(router);
        new ProgramTriggersRoute(state).addTo(router);
        new AddressViewRoutes(state).addTo(router);
        new NodeMetricsRoutes(state, clock).addTo(router);
        new InfoRoutes(context).addTo(router);
        new AddressRoutes(state, settings).addTo(router);
        new LegacyPublishRoutes(intake, publisher).addTo(router);
        SignedUploads uploads = new SignedUploads(intake, publisher, budget, settings);
        new StorageRoutes(uploads, state, content, limits, budget, staging).addTo(router);
        new CarUploadRoute(uploads, content, limits, budget, staging).addTo(router);
        router.websocket("/api/ws0/messages", stream);
    }
}
