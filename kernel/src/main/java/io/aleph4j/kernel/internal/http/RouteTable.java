package io.aleph4j.kernel.internal.http;

import io.aleph4j.api.http.HttpHandler;
import io.aleph4j.api.http.HttpMethod;
import io.aleph4j.api.http.HttpRouter;
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

    /** A router that records routes as added by {@code owner} (a plugin id, or {@code kernel}). */
    public HttpRouter routerFor(String owner) {
        return (method, path, handler) -> add(new Route(Objects.requireNonNull(method, "method"),
                Objects.requireNonNull(path, "path"), Objects.requireNonNull(handler, "handler"), owner));
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
