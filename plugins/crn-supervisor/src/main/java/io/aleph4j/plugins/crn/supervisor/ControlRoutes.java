package io.aleph4j.plugins.crn.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.plugins.support.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The supervisor's {@code /control} routes: {@code POST /control/allocations} (a scheduler's signed list of the
 * programs this CRN must keep running) and the owner operations {@code /control/machine/{ref}/stop|reboot|erase}
 * (POST) and {@code .../logs} (GET), allowed to the program's owner or to an address its {@code security}
 * aggregate authorizes.
 */
final class ControlRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MACHINE = "/control/machine/";
    /** The most of a program's log {@code .../logs} answers: its end. */
    private static final int MAX_LOG_BYTES = 1024 * 1024;

    private final ExecutionPool pool;
    private final ProgramResolver resolver;
    private final StateQueries state;
    private final AllocationAuth allocationAuth;
    private final OwnerAuth ownerAuth;

    ControlRoutes(ExecutionPool pool, ProgramResolver resolver, StateQueries state, AllocationAuth allocationAuth,
                  OwnerAuth ownerAuth) {
        this.pool = pool;
        this.resolver = resolver;
        this.state = state;
        this.allocationAuth = allocationAuth;
        this.ownerAuth = ownerAuth;
    }

    static boolean serves(String path) {
        return path.equals("/control/allocations") || path.startsWith(MACHINE);
    }

    void handle(Request request, Response response, Callback callback, String path) throws IOException {
        if (path.equals("/control/allocations")) {
            if (!request.getMethod().equals("POST")) {
                SupervisorHandler.error(response, callback, 405, "POST only");
                return;
            }
            allocations(request, response, callback, path);
        } else {
            machine(request, response, callback, path);
        }
    }

    private void allocations(Request request, Response response, Callback callback, String path) throws IOException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes((int) AllocationAuth.MAX_BODY + 1);
        }
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        Optional<String> refusal = allocationAuth.refusal(request.getMethod(), path, request.getHttpURI().getQuery(),
                Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)),
                Optional.ofNullable(request.getHeaders().get("X-Auth-Signature")),
                declared < 0 ? Optional.empty() : Optional.of(declared), body);
        if (refusal.isPresent()) {
            SupervisorHandler.json(response, callback, 401, Map.of("error",
                    "Authentication token received is invalid", "reason", refusal.get()));
            return;
        }
        JsonNode allocation;
        Set<ItemHash> programs = new LinkedHashSet<>();
        List<String> instances = new ArrayList<>();
        try {
            allocation = JSON.readTree(body);
            if (allocation == null || !allocation.isObject() || !allocation.path("persistent_vms").isArray()
                    || !allocation.path("instances").isArray()) {
                throw new IllegalArgumentException("an allocation is {\"persistent_vms\": [...], \"instances\": "
                        + "[...]}");
            }
            for (JsonNode hash : allocation.path("persistent_vms")) {
                programs.add(ItemHash.of(hash.asText()));
            }
            for (JsonNode hash : allocation.path("instances")) {
                instances.add(ItemHash.of(hash.asText()).value());
            }
        } catch (IOException | IllegalArgumentException e) {
            SupervisorHandler.error(response, callback, 400, "Invalid allocation: " + e.getMessage());
            return;
        }
        ExecutionPool.Allocation done = pool.allocate(programs);
        List<String> failing = new ArrayList<>(done.failing());
        Map<String, String> errors = new LinkedHashMap<>(done.errors());
        for (String instance : instances) {
            failing.add(instance);
            errors.put(instance, "INSTANCE messages need a VM runtime (Firecracker or QEMU), which this CRN has not");
        }
        int status = failing.isEmpty() ? 200 : done.successful().isEmpty() ? 503 : 207;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", failing.isEmpty());
        answer.put("successful", done.successful());
        answer.put("failing", failing);
        answer.put("stopped", done.stopped());
        answer.put("errors", errors);
        SupervisorHandler.json(response, callback, status, answer);
    }

    private void machine(Request request, Response response, Callback callback, String path) throws IOException {
        String[] parts = path.substring(MACHINE.length()).split("/");
        if (parts.length != 2) {
            SupervisorHandler.error(response, callback, 404, "Not found: " + path);
            return;
        }
        ItemHash hash;
        try {
            hash = ItemHash.of(parts[0]);
        } catch (IllegalArgumentException e) {
            SupervisorHandler.error(response, callback, 400, "Invalid message reference");
            return;
        }
        String operation = parts[1];
        String method = switch (operation) {
            case "stop", "reboot", "erase" -> "POST";
            case "logs" -> "GET";
            default -> null;
        };
        if (method == null) {
            SupervisorHandler.error(response, callback, 404, "Not found: " + path);
            return;
        }
        if (!request.getMethod().equals(method)) {
            SupervisorHandler.error(response, callback, 405, operation + " is " + method + " only");
            return;
        }
        OwnerAuth.Outcome auth = ownerAuth.authenticate(request.getMethod(), path,
                Optional.ofNullable(request.getHeaders().get("X-SignedPubKey")),
                Optional.ofNullable(request.getHeaders().get("X-SignedOperation")));
        if (auth.sender().isEmpty()) {
            SupervisorHandler.error(response, callback, auth.status(), auth.error());
            return;
        }
        ProgramDefinition program;
        try {
            program = resolver.definition(hash);
        } catch (ProgramProblem e) {
            SupervisorHandler.error(response, callback, e.status(), e.getMessage());
            return;
        }
        if (!authorized(auth.sender().get(), program.owner())) {
            SupervisorHandler.error(response, callback, 403, "Unauthorized sender");
            return;
        }
        switch (operation) {
            case "stop" -> SupervisorHandler.json(response, callback, 200, pool.stopAndForget(hash.value())
                    ? "Stopped VM with ref " + hash.value() : "Already stopped, nothing to do");
            case "reboot" -> reboot(response, callback, hash);
            case "erase" -> {
                // As the reference's erase: stopped, forgotten, and its writable volumes deleted.
                pool.stopAndForget(hash.value());
                Files.deleteIfExists(pool.logFile(hash.value()));
                Directories.deleteTree(pool.persistentVolumes(hash.value()));
                SupervisorHandler.json(response, callback, 200, "Erased VM with ref " + hash.value());
            }
            default -> logs(response, callback, hash);
        }
    }

    private void reboot(Response response, Callback callback, ItemHash hash) {
        pool.stopAndForget(hash.value());
        try {
            pool.ensureRunning(hash);
            SupervisorHandler.json(response, callback, 200, "Rebooted VM with ref " + hash.value());
        } catch (ProgramProblem e) {
            SupervisorHandler.error(response, callback, e.status(), e.getMessage());
        } catch (io.aleph4j.api.vm.VmException e) {
            SupervisorHandler.error(response, callback, 500, "Error during runtime initialisation: " + e.getMessage());
        }
    }

    /** The program's output as the reference's journal entries; lines carry no time of their own here. */
    private void logs(Response response, Callback callback, ItemHash hash) throws IOException {
        Path file = pool.logFile(hash.value());
        List<Map<String, String>> entries = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            byte[] bytes;
            try (var channel = Files.newByteChannel(file)) {
                long size = channel.size();
                channel.position(Math.max(0, size - MAX_LOG_BYTES));
                bytes = java.nio.channels.Channels.newInputStream(channel).readAllBytes();
            }
            String micros = Long.toString(Files.getLastModifiedTime(file).toMillis() * 1000);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    entries.add(Map.of("SYSLOG_IDENTIFIER", "vm-" + hash.value() + "-stdout", "MESSAGE", line,
                            "file", "stdout", "__REALTIME_TIMESTAMP", micros));
                }
            }
        }
        SupervisorHandler.json(response, callback, 200, entries);
    }

    /** The program's owner, or an address its security aggregate authorizes (for every type, or INSTANCE/PROGRAM). */
    private boolean authorized(String sender, String owner) {
        if (sender.equalsIgnoreCase(owner)) {
            return true;
        }
        Optional<AggregateRecord> security = state.aggregate(owner, "security");
        if (security.isEmpty()) {
            return false;
        }
        try {
            for (JsonNode grant : JSON.readTree(security.get().json()).path("authorizations")) {
                if (!grant.path("address").asText().equalsIgnoreCase(sender)) {
                    continue;
                }
                JsonNode types = grant.path("types");
                if (!types.isArray() || types.isEmpty()) {
                    return true;
                }
                for (JsonNode type : types) {
                    String name = type.asText().toUpperCase(Locale.ROOT);
                    if (name.equals("INSTANCE") || name.equals("PROGRAM")) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
