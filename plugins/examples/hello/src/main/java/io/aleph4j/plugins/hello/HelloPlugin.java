package io.aleph4j.plugins.hello;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The example every plugin author starts from. It shows what most plugins do: declare config keys and read them
 * into a typed config, contribute an extension that the node builds with its {@code @Inject} constructor (an HTTP
 * route), and follow the message log.
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
    public void register(Registrar registrar) {
        registrar.config(HelloConfig.class, HelloConfig::from);
        registrar.extension(HttpRoutes.class, HelloRoutes.class);
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

    /** How many inbox entries this plugin saw (the route shows it). */
    long inboxEntriesSeen() {
        return inboxEntriesSeen.get();
    }
}
