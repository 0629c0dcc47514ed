package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import io.aleph4j.api.network.Transport;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/v0/version} (and {@code /version}, which the SDK calls) and {@code /api/v0/info/public.json}. */
final class InfoRoutes {

    private final NodeContext context;

    InfoRoutes(NodeContext context) {
        this.context = context;
    }

    void addTo(HttpRouter router) {
        router.get("/api/v0/version", this::version);
        router.get("/version", this::version);
        router.get("/api/v0/info/public.json", this::publicInfo);
    }

    private HttpResponse version(HttpRequest request) {
        String version = InfoRoutes.class.getPackage().getImplementationVersion();
        ObjectNode body = Json.object();
        body.put("version", version == null ? "version-unavailable" : "aleph4j-" + version);
        return Json.response(200, body);
    }

    /** The multiaddresses other nodes reach this one at, over every transport that runs (none without one). */
    private HttpResponse publicInfo(HttpRequest request) {
        List<String> addresses = new ArrayList<>();
        for (Transport transport : context.extensions(Transport.class)) {
            try {
                addresses.addAll(transport.addresses());
            } catch (IllegalStateException e) {
                // Not started (or restarting): it has no address to give now.
            }
        }
        ObjectNode body = Json.object();
        body.set("node_multi_addresses", Json.strings(addresses));
        return Json.response(200, body);
    }
}
