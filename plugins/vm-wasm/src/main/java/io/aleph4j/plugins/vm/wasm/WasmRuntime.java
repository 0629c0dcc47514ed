package io.aleph4j.plugins.vm.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmInterface;
import io.aleph4j.api.vm.VmRuntime;
import io.aleph4j.api.vm.VmSpec;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Programs whose code is a WASI preview 1 module, run in the JVM by Chicory's interpreter: no process, no sandbox
 * to set up, so a start is the module's parsing. The module speaks HTTP the CGI way ({@link CgiExchange}): one fresh
 * instance per request, the request in its environment and on stdin, the response on stdout.
 */
public final class WasmRuntime implements VmRuntime {

    /** The runtime name crn-supervisor gives a program whose entrypoint is a {@code .wasm} module. */
    public static final String WASI = "wasi";
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    private final WasmConfig config;

    @Inject
    public WasmRuntime(WasmConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return "wasm";
    }

    @Override
    public Optional<String> refusal(VmSpec spec) {
        if (!WASI.equals(spec.runtime())) {
            return Optional.of("vm-wasm runs WASI modules (an entrypoint ending in .wasm), not runtime "
                    + spec.runtime());
        }
        if (!spec.volumes().isEmpty()) {
            return Optional.of("vm-wasm mounts no volumes yet (the program has " + spec.volumes().size() + ")");
        }
        if (spec.vmInterface() != VmInterface.BINARY) {
            return Optional.of("a WebAssembly module is a binary program, not an ASGI app");
        }
        return Optional.empty();
    }

    @Override
    public RunningVm start(VmSpec spec) throws VmException {
        Path file = spec.code().resolve(spec.entrypoint()).normalize();
        if (!file.startsWith(spec.code().normalize()) || !Files.isRegularFile(file)) {
            throw new VmException(VmException.Kind.START_FAILED, "the code has no file " + spec.entrypoint());
        }
        WasmModule module;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 4 || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]
                    || bytes[3] != MAGIC[3]) {
                throw new VmException(VmException.Kind.START_FAILED, spec.entrypoint()
                        + " is not a WebAssembly module (it does not start with \\0asm)");
            }
            module = Parser.parse(bytes);
        } catch (IOException e) {
            throw new VmException(VmException.Kind.START_FAILED, "cannot read " + spec.entrypoint() + ": "
                    + e.getMessage(), e);
        } catch (ChicoryException e) {
            throw new VmException(VmException.Kind.START_FAILED, spec.entrypoint() + " is not a valid module: "
                    + e.getMessage(), e);
        }
        if (!exportsStart(module)) {
            throw new VmException(VmException.Kind.START_FAILED, spec.entrypoint()
                    + " exports no _start: it must be a WASI command module");
        }
        try {
            Files.createDirectories(spec.logFile().getParent());
        } catch (IOException e) {
            throw new VmException(VmException.Kind.START_FAILED, "cannot create the log's directory", e);
        }
        return new RunningModule(spec, module, config);
    }

    private static boolean exportsStart(WasmModule module) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            if ("_start".equals(module.exportSection().getExport(i).name())) {
                return true;
            }
        }
        return false;
    }
}
