package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import io.aleph4j.plugins.support.Base32;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The supervisor's routes, as the reference's: {@code /vm/{ref}} and {@code /vm/{ref}/{path}} forward the request
 * (method, headers, body, query) to the program and its response back, streamed; a host whose first label is the
 * base32 form of an item hash forwards every path outside {@code /about}, {@code /control}, {@code /status} and
 * {@code /vm} to that program; {@code /about/executions/list} and its v2. Errors are JSON {@code {"error": ...}}
 * with the reference's statuses.
 */
final class SupervisorHandler extends Handler.Abstract {

    private static final System.Logger LOG = System.getLogger(SupervisorHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Not copied from a program's response: framing belongs to this connection, not the program's. */
    private static final Set<String> NOT_FORWARDED = Set.of("transfer-encoding", "connection", "keep-alive",
            "server", "date");
    private static final List<String> SUPERVISOR_PREFIXES = List.of("/about/", "/control/", "/status/", "/vm/",
            "/v2/");

    private final ExecutionPool pool;
    private final ControlRoutes control;
    private final SystemUsage usage;
    private final OperatorLogin login;
    private final Map<String, Object> settings;
    private final Clock clock;
    private final String serverHeader;

    /**
     * @param settings the supervisor's settings, shown to the operator at {@code /about/config} (no secrets in them)
     */
    SupervisorHandler(ExecutionPool pool, ControlRoutes control, SystemUsage usage, OperatorLogin login,
                      Map<String, Object> settings, Clock clock, String version) {
        this.pool = pool;
        this.login = login;
        this.settings = Map.copyOf(settings);
        this.usage = usage;
        this.control = control;
        this.clock = clock;
        this.serverHeader = "aleph-vm/aleph4j-" + version;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.SERVER, serverHeader);
        String path = request.getHttpURI().getPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        try {
            Optional<String> hostProgram = programOfHost(Request.getServerName(request));
            if (path.startsWith("/vm/") || path.equals("/vm")) {
                forwardVmPath(request, response, callback, path);
            } else if (hostProgram.isPresent() && SUPERVISOR_PREFIXES.stream().noneMatch(path::startsWith)) {
                forward(request, response, callback, hostProgram.get(), path);
            } else if (ControlRoutes.serves(path)) {
                control.handle(request, response, callback, path);
            } else if (path.equals("/about/login") && isGet(request)) {
                login(request, response, callback);
            } else if (path.equals("/about/config") && isGet(request)) {
                if (login.accepts(cookie(request, "token"))) {
                    json(response, callback, 200, settings);
                } else {
                    error(response, callback, 401, "Invalid token: log in at /about/login?token=... with the token "
                            + "the supervisor logged at start");
                }
            } else if (path.equals("/status/config") && isGet(request)) {
                json(response, callback, 200, publicConfig());
            } else if (path.equals("/about/usage/system") && isGet(request)) {
                json(response, callback, 200, usage.read());
            } else if (path.equals("/about/executions/list") && isGet(request)) {
                json(response, callback, 200, ExecutionsJson.v1(pool.running()));
            } else if (path.equals("/v2/about/executions/list") && isGet(request)) {
                json(response, callback, 200, ExecutionsJson.v2(pool.running()));
            } else if (path.equals("/") && isGet(request)) {
                json(response, callback, 200, Map.of("service", "aleph4j CRN supervisor", "executions",
                        "/about/executions/list", "programs", "/vm/{item_hash}/"));
            } else {
                error(response, callback, 404, "Not found: " + path);
            }
        } catch (RuntimeException | java.io.IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot serve " + request.getMethod() + " " + path, e);
            if (!response.isCommitted()) {
                error(response, callback, 500, "the supervisor failed: " + e);
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    private void forwardVmPath(Request request, Response response, Callback callback, String path) {
        String rest = path.length() > 4 ? path.substring(4) : "";
        int slash = rest.indexOf('/');
        String ref = slash < 0 ? rest : rest.substring(0, slash);
        String suffix = slash < 0 ? "/" : rest.substring(slash);
        forward(request, response, callback, ref, suffix);
    }

    private void forward(Request request, Response response, Callback callback, String ref, String programPath) {
        ItemHash hash;
        try {
            hash = ItemHash.of(ref);
        } catch (IllegalArgumentException e) {
            error(response, callback, 400, "Invalid message reference");
            return;
        }
        Execution execution;
        try {
            execution = pool.acquire(hash);
        } catch (ProgramProblem e) {
            error(response, callback, e.status(), e.getMessage());
            return;
        } catch (VmException e) {
            error(response, callback, 500, "Error during runtime initialisation: " + e.getMessage());
            return;
        }
        if (isUpgrade(request)) {
            upgrade(request, response, callback, hash, execution, programPath);
            return;
        }
        try {
            VmRequest vmRequest = vmRequest(request, programPath, Content.Source.asInputStream(request));
            VmResponse answer = execution.vm().send(vmRequest, Duration.ofSeconds(execution.program().seconds()));
            response.setStatus(answer.status());
            for (VmHeader header : answer.headers()) {
                String name = header.name().toLowerCase(Locale.ROOT);
                if (!NOT_FORWARDED.contains(name)) {
                    response.getHeaders().add(name, header.value());
                }
            }
            response.getHeaders().put("Aleph-Program-ItemHash", hash.value());
            response.getHeaders().put("Aleph-Program-Code-Ref", execution.program().codeRef());
            try (InputStream body = answer.body(); OutputStream out = Content.Sink.asOutputStream(response)) {
                body.transferTo(out);
            }
            callback.succeeded();
        } catch (VmException e) {
            switch (e.kind()) {
                case TIMEOUT -> error(response, callback, 504, "Program did not respond within `resource.seconds` ("
                        + execution.program().seconds() + " s)");
                case NO_RESPONSE -> {
                    pool.stop(hash.value());
                    error(response, callback, 502, "VM did not respond and was shut down: " + e.getMessage());
                }
                default -> error(response, callback, 500, "Error during runtime initialisation: " + e.getMessage());
            }
        } catch (java.io.IOException e) {
            // The client went away, or the program's body broke off after its status was sent.
            callback.failed(e);
        } finally {
            execution.end(clock.instant());
        }
    }

    private static VmRequest vmRequest(Request request, String programPath, InputStream body) {
        String query = request.getHttpURI().getQuery();
        List<VmHeader> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(new VmHeader(field.getName(), field.getValue()));
        }
        return new VmRequest(request.getMethod(), programPath + (query == null ? "" : "?" + query), headers, body);
    }

    /**
     * A WebSocket's handshake. Only that upgrade goes to the program: clients offer others on ordinary requests (the
     * JDK's client offers {@code h2c} on each), which the request itself answers.
     */
    private static boolean isUpgrade(Request request) {
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket") && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /**
     * A WebSocket (or any upgrade) into the program: its handshake carried to the program as the client sent it;
     * when the program switches protocols, the client's connection becomes a {@link TunnelConnection} relaying bytes
     * both ways, and the execution counts as busy until it closes; otherwise the program's refusal is the answer.
     */
    private void upgrade(Request request, Response response, Callback callback, ItemHash hash, Execution execution,
                         String programPath) {
        io.aleph4j.api.vm.VmTunnel tunnel;
        try {
            tunnel = execution.vm().upgrade(vmRequest(request, programPath, InputStream.nullInputStream()),
                    Duration.ofSeconds(execution.program().seconds()));
        } catch (VmException e) {
            execution.end(clock.instant());
            error(response, callback, e.kind() == VmException.Kind.TIMEOUT ? 504 : 502,
                    "The program did not take the upgrade: " + e.getMessage());
            return;
        }
        if (tunnel.status() != 101) {
            tunnel.close();
            execution.end(clock.instant());
            error(response, callback, 502, "The program answered the upgrade with status " + tunnel.status());
            return;
        }
        response.setStatus(101);
        for (VmHeader header : tunnel.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!name.equals("server") && !name.equals("date") && !name.equals("content-length")) {
                response.getHeaders().add(header.name(), header.value());
            }
        }
        request.setAttribute(org.eclipse.jetty.server.HttpStream.UPGRADE_CONNECTION_ATTRIBUTE,
                new TunnelConnection(request.getConnectionMetaData().getConnection().getEndPoint(),
                        request.getComponents().getExecutor(), tunnel, () -> execution.end(clock.instant())));
        callback.succeeded();
    }

    /** The reference's login: the right token sets the cookie and goes to the config; anything else is 401. */
    private void login(Request request, Response response, Callback callback) {
        Optional<String> token = Optional.ofNullable(Request.extractQueryParameters(request).getValue("token"));
        if (!login.accepts(token)) {
            error(response, callback, 401, "Invalid token");
            return;
        }
        response.getHeaders().add(HttpHeader.SET_COOKIE, "token=" + login.token() + "; HttpOnly; SameSite=Strict; Path=/");
        Response.sendRedirect(request, response, callback, 302, "/about/config", true);
    }

    private static Optional<String> cookie(Request request, String name) {
        return Request.getCookies(request).stream().filter(cookie -> cookie.getName().equals(name))
                .map(org.eclipse.jetty.http.HttpCookie::getValue).findFirst();
    }

    /** The reference's public {@code /status/config}, with what applies to this CRN. */
    private Map<String, Object> publicConfig() {
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("DOMAIN_NAME", settings.getOrDefault("domain", "localhost"));
        config.put("node_hash", null);
        config.put("version", serverHeader.substring(serverHeader.indexOf('/') + 1));
        config.put("computing", Map.of("ENABLE_QEMU_SUPPORT", false, "ENABLE_CONFIDENTIAL_COMPUTING", false,
                "ENABLE_GPU_SUPPORT", false, "INSTANCE_DEFAULT_HYPERVISOR", "none"));
        config.put("security", Map.of("USE_JAILER", false, "ALLOW_VM_NETWORKING", true));
        config.put("aleph4j_runtimes", settings.getOrDefault("vm_runtimes", java.util.List.of()));
        return config;
    }

    /** The program a host names by its first label, the base32 form of a 32-byte item hash. */
    static Optional<String> programOfHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        int dot = host.indexOf('.');
        String label = dot < 0 ? host : host.substring(0, dot);
        if (label.length() != 52) {
            return Optional.empty();
        }
        return Base32.decode(label).filter(bytes -> bytes.length == 32).map(bytes -> HexFormat.of().formatHex(bytes));
    }

    private static boolean isGet(Request request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    static void error(Response response, Callback callback, int status, String message) {
        json(response, callback, status, Map.of("error", message));
    }

    static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            bytes = "{\"error\":\"cannot write the answer\"}".getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
