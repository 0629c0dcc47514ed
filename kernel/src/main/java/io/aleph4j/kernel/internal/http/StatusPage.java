package io.aleph4j.kernel.internal.http;

import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.HttpRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The node's status page on {@code /}, as the reference node serves one, and its assets under
 * {@code /aleph4j/static/}: resources of the kernel's jar, read once. The page fetches nothing from elsewhere (no CDN,
 * no web fonts: system font stacks); its script follows {@code /api/ws0/status} and reads {@code /aleph4j/status}
 * for the plugins. The content security policy lets the page load only the node's own script, style and logo and
 * connect only to the node, so that message fields it shows can never run as code.
 */
final class StatusPage {

    private static final String RESOURCES = "/io/aleph4j/kernel/status-page/";
    private static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-cache",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");

    /** One file of the page: the route it is served on, its resource name and its type. */
    private record Asset(String route, String resource, String contentType) {
    }

    private static final List<Asset> ASSETS = List.of(
            new Asset("/", "index.html", "text/html; charset=utf-8"),
            new Asset("/aleph4j/static/status.css", "status.css", "text/css; charset=utf-8"),
            new Asset("/aleph4j/static/status.js", "status.js", "text/javascript; charset=utf-8"),
            new Asset("/aleph4j/static/logo.svg", "logo.svg", "image/svg+xml"));

    void addTo(HttpRouter router) {
        for (Asset asset : ASSETS) {
            HttpResponse response = new HttpResponse(200, asset.contentType(), read(asset.resource()), HEADERS);
            router.get(asset.route(), request -> response);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the kernel's jar lacks " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCES + name + " from the kernel's jar", e);
        }
    }
}
