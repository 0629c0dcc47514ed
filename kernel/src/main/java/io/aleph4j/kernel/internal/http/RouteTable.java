package io.aleph4j.kernel.internal.http;

import io.aleph4j.api.http.HttpHandler;
import io.aleph4j.api.http.HttpMethod;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.http.WebSocketHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The routes contributed by plugins and the kernel; a second route for the same method and path is refused. */
public final class RouteTable {

    /** One route and who added it. */
    public record Route(HttpMethod method, String path, HttpHandler handler, String owner) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, String> owners = new HashMap<>();

    /** One websocket route and who added it. */
    public record WebSocketRoute(String path, WebSocketHandler handler, String owner) {
    }

    private final List<WebSocketRoute> webSocketRoutes = new ArrayList<>();

    /** A router that records routes as added by {@code owner} (a plugin id, or {@code kernel}). */
    public HttpRouter routerFor(String owner) {
        return new HttpRouter() {
            @Override
            public void route(HttpMethod method, String path, HttpHandler handler) {
                add(new Route(Objects.requireNonNull(method, "method"), Objects.requireNonNull(path, "path"),
                        Objects.requireNonNull(handler, "handler"), owner));
            }

            @Override
            public void websocket(String path, WebSocketHandler handler) {
                addWebSocket(new WebSocketRoute(Objects.requireNonNull(path, "path"),
                        Objects.requireNonNull(handler, "handler"), owner));
            }
        };
    }

    private void addWebSocket(WebSocketRoute route) {
        if (!route.path().startsWith("/")) {
            throw new IllegalArgumentException(route.owner() + " added websocket '" + route.path()
                    + "', which does not start with '/'");
        }
        String previous = owners.putIfAbsent("WEBSOCKET " + route.path(), route.owner());
        if (previous != null) {
            throw new IllegalArgumentException("websocket " + route.path() + " is added by both " + previous
                    + " and " + route.owner());
        }
        webSocketRoutes.add(route);
    }

    public List<WebSocketRoute> webSocketRoutes() {
        return List.copyOf(webSocketRoutes);
    }

    private void add(Route route) {
        if (!route.path().startsWith("/")) {
            throw new IllegalArgumentException(route.owner() + " added route '" + route.path()
                    + "', which does not start with '/'");
        }
        String key = route.method() + " " + route.path();
        String previous = owners.putIfAbsent(key, route.owner());
        if (previous != null) {
            throw new IllegalArgumentException("route " + key + " is added by both " + previous + " and "
                    + route.owner());
        }
        routes.add(route);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
