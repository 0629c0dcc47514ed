package io.aleph4j.kernel.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.http.HttpAnswer;
import io.aleph4j.api.http.HttpMethod;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.http.HttpResponse;
import io.aleph4j.api.http.StreamedResponse;
import io.aleph4j.kernel.internal.KernelJson;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsHandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP server (Javalin on Jetty, handlers on virtual threads). Every error leaves as JSON
 * {@code {"error": "..."}}: client mistakes with their 4xx, anything unexpected as a 500 that names no
 * internals (the cause goes to the log).
 */
public final class NodeHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeHttpServer.class);
    /** The most of a refused request's unread body the server reads so that its client gets the error. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = KernelJson.MAPPER;

    private final Javalin app;
    private final Map<String, JavalinWebSocketSession> sessions = new ConcurrentHashMap<>();
    private final OpenSockets openSockets;

    /** Set on a request once a handler (or the error writer) has written its answer. */
    private static final String ANSWERED = "aleph4j.answered";

    /**
     * @param corsOrigins the origins a browser page may call the node from ({@code *}: any, as the reference node
     *                    allows); none for no CORS headers at all
     */
    public NodeHttpServer(String host, int port, long maxRequestBytes, List<String> corsOrigins, RouteTable routes,
                          NodeMetrics metrics, OpenSockets openSockets) {
        this.openSockets = openSockets;
        this.app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = maxRequestBytes;
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            if (!corsOrigins.isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (corsOrigins.contains("*")) {
                        rule.anyHost();
                    } else {
                        rule.allowHost(corsOrigins.getFirst(), corsOrigins.subList(1, corsOrigins.size())
                                .toArray(String[]::new));
                    }
                }));
            }
            Set<String> headPaths = new HashSet<>();
            for (RouteTable.Route route : routes.routes()) {
                if (route.method() == HttpMethod.HEAD) {
                    headPaths.add(route.path());
                }
            }
            for (RouteTable.Route route : routes.routes()) {
                addHandler(config, metrics, route.method().name(), route);
                // As aiohttp does for the reference's GET routes: HEAD runs the GET handler (status and headers
                // included) and Jetty leaves the body out, rather than Javalin's empty 200 for any path.
                if (route.method() == HttpMethod.GET && !headPaths.contains(route.path())) {
                    addHandler(config, metrics, HttpMethod.HEAD.name(), route);
                }
            }
            for (RouteTable.WebSocketRoute route : routes.webSocketRoutes()) {
                config.routes.addWsHandler(WsHandlerType.WEBSOCKET, route.path(), ws -> serve(ws, route));
            }
            config.routes.exception(Exception.class, (exception, context) -> {
                LOG.error("unexpected error answering {} {}", context.method(), context.path(), exception);
                writeError(context, 500, "internal error");
            });
            // Javalin runs these for any answer with the status, also one a handler wrote: only fill in for
            // requests no handler answered.
            config.routes.error(404, "*", context -> unlessAnswered(context, 404,
                    "no route for " + context.method() + " " + context.path()));
            config.routes.error(405, "*", context -> unlessAnswered(context, 405,
                    "method " + context.method() + " is not allowed on " + context.path()));
            config.routes.error(413, "*", context -> unlessAnswered(context, 413,
                    "request body is larger than " + maxRequestBytes + " bytes"));
        });
    }

    private void addHandler(JavalinConfig config, NodeMetrics metrics, String method, RouteTable.Route route) {
        config.routes.addHttpHandler(HandlerType.findOrCreate(method), route.path(), context -> {
            long started = System.nanoTime();
            try {
                answer(context, route);
            } finally {
                metrics.httpRequest(method, route.path(), context.statusCode(), System.nanoTime() - started);
            }
        });
    }

    /** Binds a plugin's websocket handler to Javalin's callbacks, with one session object per connection. */
    private void serve(WsConfig ws, RouteTable.WebSocketRoute route) {
        ws.onConnect(context -> {
            JavalinWebSocketSession session = new JavalinWebSocketSession(context,
                    context.session.getUpgradeRequest().getRequestURI().getPath());
            sessions.put(context.sessionId(), session);
            openSockets.opened(route.path());
            try {
                route.handler().onOpen(session);
            } catch (HttpProblem problem) {
                session.send(JSON.writeValueAsString(Map.of("error", problem.getMessage())));
                session.close(problem.status() < 500 ? 1008 : 1011, "refused");
            } catch (Exception e) {
                LOG.error("websocket {} failed to open a session", route.path(), e);
                session.close(1011, "internal error");
            }
        });
        ws.onMessage(context -> {
            JavalinWebSocketSession session = sessions.get(context.sessionId());
            if (session != null) {
                try {
                    route.handler().onText(session, context.message());
                } catch (HttpProblem problem) {
                    session.send(JSON.writeValueAsString(Map.of("error", problem.getMessage())));
                }
            }
        });
        ws.onClose(context -> {
            JavalinWebSocketSession session = sessions.remove(context.sessionId());
            if (session != null) {
                openSockets.closed(route.path());
                route.handler().onClose(session, context.status(), context.reason());
            }
        });
        ws.onError(context -> LOG.debug("websocket {} session {} failed", route.path(), context.sessionId(),
                context.error()));
    }

    private static void answer(Context context, RouteTable.Route route) throws Exception {
        HttpAnswer answer;
        try {
            answer = route.handler().handle(new JavalinRequest(context, route.method()));
        } catch (HttpProblem problem) {
            drainUnread(context);
            writeError(context, problem.status(), problem.getMessage());
            return;
        }
        switch (answer) {
            case HttpResponse response -> {
                context.attribute(ANSWERED, Boolean.TRUE);
                context.status(response.status());
                context.contentType(response.contentType());
                response.headers().forEach(context::header);
                context.result(response.body());
            }
            case StreamedResponse streamed -> stream(context, streamed);
        }
    }

    /**
     * Reads what is left of a refused request's body, up to {@link #DRAIN_LIMIT}, before the error is sent: a client
     * still writing its body (an upload refused part way) then reads the error instead of a broken pipe. A longer
     * rest is not read: the connection is closed after the answer, as before.
     */
    private static void drainUnread(Context context) {
        try {
            InputStream body = context.req().getInputStream();
            byte[] chunk = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            int read;
            while (left > 0 && (read = body.read(chunk, 0, (int) Math.min(chunk.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException | IllegalStateException e) {
            // Nothing left to read, or the client is gone: the answer goes out (or not) all the same.
        }
    }

    /**
     * Sends a streamed body straight to the servlet response (past Javalin's result buffering and compression),
     * serving one byte range of a 200 answer when asked. The source is opened before anything is sent, so a source
     * that fails to open still gets a clean error answer; once the body has started, a failure (the client went
     * away, the source broke) can only end the exchange short of its Content-Length, which tells the client.
     */
    private static void stream(Context context, StreamedResponse streamed) throws IOException {
        long total = streamed.source().length();
        ByteRange.Request asked = streamed.status() == 200
                ? ByteRange.of(Optional.ofNullable(context.header("Range")), total) : new ByteRange.Whole();
        if (asked instanceof ByteRange.Unsatisfiable) {
            context.header("Content-Range", "bytes */" + total);
            writeError(context, 416, "the requested range is outside the " + total + " bytes of the content");
            return;
        }
        Optional<ByteRange> range = asked instanceof ByteRange.Partial(ByteRange partial) ? Optional.of(partial)
                : Optional.empty();
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(total);
        boolean head = "HEAD".equals(context.req().getMethod());
        InputStream in;
        try {
            in = head ? InputStream.nullInputStream() : streamed.source().open(first);
        } catch (NoSuchFileException | FileNotFoundException gone) {
            // Found by the route, gone by now: forgotten, or the bytes of an upload the pipeline rejected. The
            // client asked for something this node no longer holds, which is a 404, not a failure of the node.
            writeError(context, 404, "the content is no longer held by this node");
            return;
        }
        try (in) {
            HttpServletResponse response = context.res();
            context.attribute(ANSWERED, Boolean.TRUE);
            response.setStatus(range.isPresent() ? 206 : streamed.status());
            range.ifPresent(partial -> response.setHeader("Content-Range", partial.contentRange(total)));
            streamed.headers().forEach(response::setHeader);
            response.setHeader("Accept-Ranges", "bytes");
            response.setContentType(streamed.contentType());
            response.setContentLengthLong(length);
            if (!head) {
                copy(in, response.getOutputStream(), length, context);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long length, Context context) {
        byte[] buffer = new byte[64 * 1024];
        long remaining = length;
        try {
            while (remaining > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException("the content ended " + remaining + " bytes early");
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
            out.flush();
        } catch (IOException e) {
            LOG.debug("streaming {} ended {} bytes short: {}", context.path(), remaining, e.getMessage());
        }
    }

    private static void unlessAnswered(Context context, int status, String message) {
        if (context.attribute(ANSWERED) == null) {
            writeError(context, status, message);
        }
    }

    private static void writeError(Context context, int status, String message) {
        context.attribute(ANSWERED, Boolean.TRUE);
        try {
            context.status(status);
            context.contentType(HttpResponse.JSON);
            context.result(JSON.writeValueAsBytes(Map.of("error", message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of one string always serializes", e);
        }
    }

    /** Binds and starts serving; returns the bound port. */
    public int start() {
        app.start();
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
