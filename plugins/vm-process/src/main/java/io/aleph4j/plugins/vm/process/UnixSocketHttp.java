package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Transport;

/**
 * HTTP/1.1 to programs over their unix sockets, streaming both ways: one Jetty client for every program of the
 * runtime, each request sent over its program's socket. Hop-by-hop headers are not forwarded (RFC 9110 7.6.1): the
 * fixed ones and every header the client's {@code Connection} names (the JDK's client names {@code HTTP2-Settings}
 * there when it offers h2c); Jetty frames the body itself.
 */
final class UnixSocketHttp implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate",
            "content-length", "expect");

    private final HttpClient client = new HttpClient();

    UnixSocketHttp() {
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        // Programs answer what they answer: no cookies kept between users' requests, no decoding of their bodies.
        client.setHttpCookieStore(new org.eclipse.jetty.http.HttpCookieStore.Empty());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty's HTTP client", e);
        }
        client.getContentDecoderFactories().clear();
    }

    VmResponse send(Path socket, VmRequest request, Duration timeout) throws VmException {
        Request outgoing = client.newRequest("http://localhost" + request.pathAndQuery())
                .transport(new Transport.TCPUnix(socket)).method(request.method())
                // Past the answer's own timeout below, so that a silent program is a timeout (504), not an idle
                // connection's abort (which the two timers racing made a 502).
                .idleTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        Set<String> connectionOptions = connectionOptions(request.headers());
        outgoing.headers(headers -> {
            for (VmHeader header : request.headers()) {
                String name = header.name().toLowerCase(Locale.ROOT);
                if (!HOP_BY_HOP.contains(name) && !connectionOptions.contains(name)) {
                    headers.add(header.name(), header.value());
                }
            }
        });
        RequestBody.of(request).ifPresent(outgoing::body);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        outgoing.send(listener);
        Response response;
        try {
            response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outgoing.abort(e);
            throw new VmException(VmException.Kind.TIMEOUT, "the program did not answer within " + timeout.toSeconds()
                    + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new VmException(VmException.Kind.TIMEOUT, "the program did not answer within "
                        + timeout.toSeconds() + " s", e.getCause());
            }
            // Jetty's messages here are dumps of its connection's state: say what happened instead.
            String what = e.getCause() instanceof java.io.EOFException
                    || String.valueOf(e.getCause().getMessage()).contains("EOF")
                    ? "it closed the connection without answering" : e.getCause().getClass().getSimpleName();
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program did not answer (" + what + ")",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outgoing.abort(e);
            throw new VmException(VmException.Kind.NO_RESPONSE, "interrupted while waiting for the program", e);
        }
        List<VmHeader> headers = new ArrayList<>();
        for (HttpField field : response.getHeaders()) {
            headers.add(new VmHeader(field.getName(), field.getValue()));
        }
        return new VmResponse(response.getStatus(), headers, listener.getInputStream());
    }

    /** The header names a request's {@code Connection} fields list, lower-cased: they concern this hop only. */
    private static Set<String> connectionOptions(List<VmHeader> headers) {
        Set<String> names = new HashSet<>();
        for (VmHeader header : headers) {
            if (header.name().equalsIgnoreCase("connection")) {
                for (String option : header.value().split(",")) {
                    if (!option.isBlank()) {
                        names.add(option.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // Stopping a client frees its threads and connections; nothing is lost if it fails at node stop.
        }
    }
}
