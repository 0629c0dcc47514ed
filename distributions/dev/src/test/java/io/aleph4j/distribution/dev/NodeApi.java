package io.aleph4j.distribution.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A node's HTTP API as a client sees it: reads that fail the test when the node does not answer, and posts. */
record NodeApi(HttpClient http, URI address) {

    /** How long one request may take before the client gives up on it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** A GET whose failure to get an answer fails the test. */
    HttpResponse<String> get(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(address.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * {@code POST /api/v0/messages} of a signed message's envelope JSON, as the SDKs send it.
     *
     * @throws IOException when no answer came (the node is gone, or the connection broke): the message may or may
     *                     not have been logged
     */
    HttpResponse<String> postMessage(String envelopeJson, boolean sync) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(address.resolve("/api/v0/messages")).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"sync\":" + sync + ",\"message\":" + envelopeJson + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
