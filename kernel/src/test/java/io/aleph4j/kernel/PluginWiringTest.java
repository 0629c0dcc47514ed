package io.aleph4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.http.HttpRoutes;
import io.aleph4j.api.log.MessageIntake;
import io.aleph4j.api.state.StateQueries;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the node builds what plugins declare: each plugin's classes in an injector of its own, with the kernel's
 * services, the plugin's typed config, its services and its entry object injected; each extension point gathered in
 * plugin start order; what cannot be built named at start; what was built and holds resources closed after stop.
 */
final class PluginWiringTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    private static final ConfigKey<String> GREETING = ConfigKey.string("greeting", "hello", "What to say.");

    @TempDir
    Path dataDirectory;

    private NodeBuilder builder() {
        return Aleph4j.node().dataDirectory(dataDirectory).set("node", "http.port", 0).set("node", "log.fsync", false)
                .clock(FIXED);
    }

    /** The typed config of {@link GreetingPlugin}. */
    record Greeting(String text) {
        static Greeting from(PluginConfig section) {
            String text = section.get(GREETING);
            if (text.isBlank()) {
                throw new ConfigException("greeting: must not be blank");
            }
            return new Greeting(text);
        }
    }

    /** A service of {@link GreetingPlugin}'s: shared by its classes, closed by the node once the plugin stopped. */
    static final class Punctuation implements AutoCloseable {
        final List<String> journal;

        @Inject
        Punctuation(GreetingPlugin plugin) {
            this.journal = plugin.journal;
        }

        String mark() {
            return "!";
        }

        @Override
        public void close() {
            journal.add("close punctuation");
        }
    }

    /** An extension the node builds, receiving the kernel's services and the plugin's own. */
    static final class GreetingRoutes implements HttpRoutes, AutoCloseable {
        private final String answer;
        private final List<String> journal;

        @Inject
        GreetingRoutes(Greeting greeting, Punctuation punctuation, NodeContext context, Clock clock,
                       GreetingPlugin plugin, MessageIntake intake, StateQueries state, ContentService content) {
            this.answer = greeting.text() + punctuation.mark() + " from " + context.pluginId() + " at "
                    + clock.instant() + " (" + (intake != null && state != null && content != null) + ")";
            this.journal = plugin.journal;
            journal.add("built routes");
        }

        @Override
        public void addRoutes(HttpRouter router) {
            router.get("/greeting", request -> HttpResponse.text(200, answer));
        }

        @Override
        public void close() {
            journal.add("close routes");
        }
    }

    static final class GreetingPlugin implements AlephPlugin {
        final List<String> journal = new CopyOnWriteArrayList<>();

        @Override
        public List<ConfigKey<?>> configKeys() {
            return List.of(GREETING);
        }

        @Override
        public void register(Registrar registrar) {
            registrar.config(Greeting.class, Greeting::from);
            registrar.service(Punctuation.class, Punctuation.class);
            registrar.extension(HttpRoutes.class, GreetingRoutes.class);
            registrar.extension(Marker.class, GreetingMarker.class);
        }

        @Override
        public void stop() {
            journal.add("stop plugin");
        }
    }

    /** An extension point of this test's own. */
    interface Marker extends Extension {
    }

    /** A marker the node builds from its class. */
    static final class GreetingMarker implements Marker {
    }

    @Test
    void anExtensionDeclaredByClassIsBuiltWithTheKernelsServicesTheTypedConfigAServiceAndTheEntry() throws Exception {
        GreetingPlugin plugin = new GreetingPlugin();
        try (Node node = builder().plugin(InlinePlugin.of("greeter", plugin)).set("greeter", "greeting", "hey")
                .start()) {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.httpAddress()
                    .resolve(URI.create("/greeting"))).build(), BodyHandlers.ofString()).body();

            assertThat(body).isEqualTo("hey! from greeter at 2026-12-04T10:00:00Z (true)");
        }
    }

    @Test
    void whatTheNodeBuiltAndHoldsResourcesIsClosedInReverseAfterThePluginStops() {
        GreetingPlugin plugin = new GreetingPlugin();
        builder().plugin(InlinePlugin.of("greeter", plugin)).start().close();

        assertThat(plugin.journal).containsExactly("built routes", "stop plugin", "close routes",
                "close punctuation");
    }

    @Test
    void eachExtensionPointGathersItsContributionsInPluginStartOrder() {
        Marker first = new Marker() { };
        Marker second = new Marker() { };
        AtomicReference<List<Marker>> seen = new AtomicReference<>();
        AlephPlugin reader = new AlephPlugin() {
            @Override
            public void start(NodeContext context) {
                seen.set(context.extensions(Marker.class));
            }
        };

        try (Node ignored = builder()
                .plugin(InlinePlugin.of("reader", reader, "second"))
                .plugin(InlinePlugin.of("second", contributing(second), "first"))
                .plugin(InlinePlugin.of("first", contributing(first)))
                .start()) {
            assertThat(seen.get()).containsExactly(first, second);
        }
    }

    @Test
    void anExtensionWhoseConstructorThrowsFailsTheStartNamingPluginClassAndCause() {
        assertThatThrownBy(() -> builder().plugin(InlinePlugin.of("broken", new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(Marker.class, ExplodingMarker.class);
            }
        })).start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'broken'")
                .hasMessageContaining(ExplodingMarker.class.getName())
                .hasMessageContaining("no disk for markers");
    }

    static final class ExplodingMarker implements Marker {
        @Inject
        ExplodingMarker() {
            throw new IllegalStateException("no disk for markers");
        }
    }

    @Test
    void anExtensionNeedingWhatNobodyBindsFailsTheStartNamingTheMissingType() {
        assertThatThrownBy(() -> builder().plugin(InlinePlugin.of("needy", new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(Marker.class, NeedyMarker.class);
            }
        })).start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'needy'")
                .hasMessageContaining("Greeting");
    }

    static final class NeedyMarker implements Marker {
        @Inject
        NeedyMarker(Greeting greeting) {
        }
    }

    @Test
    void aTypedConfigThatRefusesItsSectionFailsTheStartAsABadConfig() {
        assertThatThrownBy(() -> builder().plugin(InlinePlugin.of("greeter", new GreetingPlugin()))
                .set("greeter", "greeting", " ").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("plugin 'greeter'")
                .hasMessageContaining("bad config: greeting: must not be blank");
    }

    @Test
    void theSameClassContributedTwiceToOnePointIsRefusedAtRegistration() {
        assertThatThrownBy(() -> builder().plugin(InlinePlugin.of("twice", new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(Marker.class, GreetingMarker.class);
                registrar.extension(Marker.class, GreetingMarker.class);
            }
        })).start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("failed to register")
                .hasMessageContaining("as Marker twice");
    }

    @Test
    void declaringAfterTheRegisterPhaseIsRefused() {
        AtomicReference<Registrar> kept = new AtomicReference<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        AlephPlugin late = new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                kept.set(registrar);
            }

            @Override
            public void start(NodeContext context) {
                try {
                    kept.get().extension(Marker.class, new GreetingMarker());
                } catch (IllegalStateException e) {
                    refused.set(e);
                }
            }
        };

        try (Node ignored = builder().plugin(InlinePlugin.of("late", late)).start()) {
            assertThat(refused.get()).hasMessageContaining("after its register phase");
        }
    }

    private static AlephPlugin contributing(Marker marker) {
        return new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(Marker.class, marker);
            }
        };
    }
}
