package io.aleph4j.plugins.vm.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import io.aleph4j.api.vm.VmSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A parsed module, ready to serve: every request runs in a fresh instance (no state survives a request, as in
 * CGI), on one of {@code resources.vcpus} threads of its own (more requests wait their turn), with its memory
 * capped at {@code resources.memory} and its run interrupted at {@code resources.seconds}.
 */
final class RunningModule implements RunningVm {

    /** WebAssembly memory grows in pages of 64 KiB: 16 to the MiB. */
    private static final int PAGES_PER_MIB = 16;

    private final VmSpec spec;
    private final WasmModule module;
    private final WasmConfig config;
    private final ExecutorService threads;
    private final int maxPages;
    private volatile boolean closed;

    RunningModule(VmSpec spec, WasmModule module, WasmConfig config) {
        this.spec = spec;
        this.module = module;
        this.config = config;
        this.maxPages = (int) Math.min(MemoryLimits.MAX_PAGES, (long) spec.memoryMib() * PAGES_PER_MIB);
        this.threads = Executors.newFixedThreadPool(spec.vcpus(), Thread.ofPlatform().daemon()
                .name("vm-wasm-" + spec.itemHash().substring(0, Math.min(12, spec.itemHash().length())) + "-", 0)
                .factory());
    }

    @Override
    public VmResponse send(VmRequest request, Duration timeout) throws VmException {
        return exchange(request, timeout, Map.of());
    }

    /**
     * A message event: the module runs as for a {@code POST /} whose body is the message, with {@code ALEPH_EVENT}
     * set to {@code aleph.message} (the reference's event type) so that it knows this is no client's request.
     */
    @Override
    public VmResponse deliverMessage(String messageJson, Duration timeout) throws VmException {
        byte[] body = messageJson.getBytes(StandardCharsets.UTF_8);
        return exchange(new VmRequest("POST", "/", List.of(new VmHeader("Content-Type", "application/json")),
                new ByteArrayInputStream(body)), timeout, Map.of("ALEPH_EVENT", "aleph.message"));
    }

    private VmResponse exchange(VmRequest request, Duration timeout, Map<String, String> event) throws VmException {
        if (closed) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program was stopped");
        }
        byte[] body;
        try (InputStream in = request.body()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBodyBytes() + 1));
        } catch (IOException e) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the request's body could not be read: "
                    + e.getMessage(), e);
        }
        if (body.length > config.maxBodyBytes()) {
            return refusal(413, "the request's body is larger than this CRN gives a wasm program ("
                    + config.maxBodyBytes() / (1024 * 1024) + " MiB, vm-wasm.max-body-mib)");
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(CgiExchange.environment(spec.variables(),
                spec.itemHash(), request, body.length));
        env.putAll(event);
        Future<byte[]> run = threads.submit(() -> run(env, body));
        try {
            return CgiExchange.response(run.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            // Chicory's interpreter checks its thread's interrupt flag as it runs: the instance stops where it is.
            run.cancel(true);
            throw new VmException(VmException.Kind.TIMEOUT, "the program did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VmException failure) {
                throw failure;
            }
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program was stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel(true);
            throw new VmException(VmException.Kind.NO_RESPONSE, "interrupted while waiting for the program", e);
        }
    }

    /** Runs one instance to its end; its stdout. */
    private byte[] run(Map<String, String> env, byte[] body) throws VmException, IOException {
        BoundedOutput stdout = new BoundedOutput(config.maxOutputBytes());
        List<String> args = new ArrayList<>();
        args.add(spec.entrypoint());
        args.addAll(spec.args());
        WasiOptions.Builder options = WasiOptions.builder().withArguments(args)
                .withStdin(new ByteArrayInputStream(body)).withStdout(stdout);
        env.forEach(options::withEnvironment);
        try (OutputStream log = Files.newOutputStream(spec.logFile(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
             WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.withStderr(log).build()).build()) {
            Instance instance = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withMemoryFactory(this::cappedMemory)
                    // _start is called below, once, where its exit is caught (the builder would call it too).
                    .withStart(false)
                    .build();
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            if (e.exitCode() != 0) {
                throw new VmException(VmException.Kind.NO_RESPONSE, "the program exited with code " + e.exitCode()
                        + tail(stdout));
            }
        } catch (ChicoryInterruptedException e) {
            throw new VmException(VmException.Kind.TIMEOUT, "the program was interrupted at its time limit", e);
        } catch (BoundedOutput.Exceeded e) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program wrote more than "
                    + config.maxOutputBytes() / (1024 * 1024) + " MiB (vm-wasm.max-output-mib)", e);
        } catch (ChicoryException e) {
            // A trap (unreachable, out-of-bounds access, a stack overflow), or memory it cannot have.
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program trapped: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program trapped: call stack exhausted", e);
        }
        return stdout.bytes();
    }

    /** The module's memory, its maximum lowered to {@code resources.memory}. */
    private ByteArrayMemory cappedMemory(MemoryLimits declared) {
        if (declared.initialPages() > maxPages) {
            throw new ChicoryException("the module needs " + declared.initialPages() / PAGES_PER_MIB
                    + " MiB of memory at start, more than its resources.memory of " + spec.memoryMib() + " MiB");
        }
        return new ByteArrayMemory(new MemoryLimits(declared.initialPages(),
                Math.min(declared.maximumPages(), maxPages), declared.shared()));
    }

    private static String tail(BoundedOutput stdout) {
        byte[] bytes = stdout.bytes();
        if (bytes.length == 0) {
            return "";
        }
        int from = Math.max(0, bytes.length - 500);
        return "; its output ends with: " + new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    private static VmResponse refusal(int status, String error) {
        String json = "{\"error\":\"" + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return new VmResponse(status, List.of(new VmHeader("Content-Type", "application/json")),
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean alive() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        threads.shutdownNow();
    }
}
