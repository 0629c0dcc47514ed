package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import java.util.Set;

/** A CRN runtime that runs PROGRAM and INSTANCE workloads (sandboxed processes, WebAssembly...). */
@Experimental("shaped by the CRN runtime work")
public interface VmRuntime extends Extension {

    /** The runtime kinds it can run, e.g. {@code wasm} or {@code process}. */
    Set<String> kinds();
}
