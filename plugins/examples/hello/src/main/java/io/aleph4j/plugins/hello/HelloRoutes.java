package io.aleph4j.plugins.hello;

import io.aleph4j.api.NodeContext;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.http.HttpRoutes;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;

/**
 * {@code GET /hello}: the configured greeting, the node's name and how many inbox entries the plugin saw. The node
 * builds it, handing its constructor the plugin's typed config, its context and its entry object.
 */
final class HelloRoutes implements HttpRoutes {

    private final String greeting;
    private final String nodeName;
    private final LongSupplier inboxEntriesSeen;

    @Inject
    HelloRoutes(HelloConfig config, NodeContext context, HelloPlugin plugin) {
        this(config.greeting(), context.nodeName(), plugin::inboxEntriesSeen);
    }

    HelloRoutes(String greeting, String nodeName, LongSupplier inboxEntriesSeen) {
        this.greeting = greeting;
        this.nodeName = nodeName;
        this.inboxEntriesSeen = inboxEntriesSeen;
    }

    @Override
    public void addRoutes(HttpRouter router) {
        router.get("/hello", request -> HttpResponse.json(200, "{\"greeting\":" + jsonString(greeting)
                + ",\"node\":" + jsonString(nodeName) + ",\"inboxEntriesSeen\":" + inboxEntriesSeen.getAsLong() + "}"));
    }

    /** plugin-api carries no JSON library and this plugin needs only strings: escape per RFC 8259. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
