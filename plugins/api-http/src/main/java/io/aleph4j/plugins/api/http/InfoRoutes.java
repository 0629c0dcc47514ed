package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpRequest;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;

/** {@code /api/v0/version} (and {@code /version}, which the SDK calls) and {@code /api/v0/info/public.json}. */
final class InfoRoutes {

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

    /** The node's P2P addresses: none until the P2P transport exists. */
    private HttpResponse publicInfo(HttpRequest request) {
        ObjectNode body = Json.object();
        body.set("node_multi_addresses", Json.array());
        return Json.response(200, body);
    }
}
