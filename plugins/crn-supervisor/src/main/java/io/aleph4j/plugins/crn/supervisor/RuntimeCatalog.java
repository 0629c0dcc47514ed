package io.aleph4j.plugins.crn.supervisor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The runtimes this CRN provides, by the runtime refs programs name. A reference runtime is a root filesystem
 * image for a micro-VM, which a process or WebAssembly runtime cannot boot: this CRN maps the refs of the
 * reference's published runtimes to what stands in for them on the host. The official SDK's default ref is the
 * reference's Debian 12 Python runtime; vm-process serves it with the host's Debian Python (its ASGI server is
 * uvicorn, as in the reference's image). Operators add refs with {@code crn-supervisor.runtimes}.
 */
final class RuntimeCatalog {

    /** The official SDK's default runtime ({@code "Aleph Alpine Linux with Python 3.12"} by its comment). */
    static final String SDK_DEFAULT_RUNTIME = "63f07193e6ee9d207b7d1fcf8286f9aee34e6f12f101d2ec77c1229f92964696";
    static final String DEBIAN_PYTHON = "debian-12-python3";
    /** What a program whose entrypoint is a {@code .wasm} module runs on (vm-wasm). */
    static final String WASI = "wasi";

    private final Map<String, String> runtimes;

    RuntimeCatalog(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(SDK_DEFAULT_RUNTIME, DEBIAN_PYTHON);
        all.putAll(extra);
        this.runtimes = Map.copyOf(all);
    }

    /** @param entries {@code ref=name} pairs from the config */
    static RuntimeCatalog of(Iterable<String> entries) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry + "' is not ref=name");
            }
            extra.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        return new RuntimeCatalog(extra);
    }

    Optional<String> runtimeFor(String ref) {
        return Optional.ofNullable(runtimes.get(ref));
    }

    Map<String, String> all() {
        return runtimes;
    }
}
