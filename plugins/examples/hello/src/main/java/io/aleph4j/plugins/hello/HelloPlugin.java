package io.aleph4j.plugins.hello;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The example every plugin author starts from. It shows the three things most plugins do:
 * declare config keys, contribute an extension (an HTTP route) and follow the message log.
 */
public final class HelloPlugin implements AlephPlugin {

    static final ConfigKey<String> GREETING = ConfigKey.string("greeting", "hello from aleph4j",
            "What GET /hello answers.");

    private final AtomicLong inboxEntriesSeen = new AtomicLong();
    private Subscription inboxSubscription;

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(GREETING);
    }

    @Override
    public void register(NodeContext context) {
        String greeting = context.config().get(GREETING);
        context.contribute(HttpRoutes.class,
                new HelloRoutes(greeting, context.nodeName(), inboxEntriesSeen::get));
    }

    @Override
    public void start(NodeContext context) {
        // A durable name: after a restart the count resumes where the last run stopped reading.
        inboxSubscription = context.log().subscribeInbox("hello-inbox-counter", StartFrom.EARLIEST,
                (index, entry) -> inboxEntriesSeen.incrementAndGet());
    }

    @Override
    public void stop() {
        if (inboxSubscription != null) {
            inboxSubscription.close();
        }
    }
}
