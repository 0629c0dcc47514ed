package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import java.util.Optional;

/**
 * A way to run programs on a CRN. The supervisor asks each runtime, in the node's order, whether it can run a
 * program ({@link #refusal}) and starts it on the first that can. Implementations must be thread-safe: several
 * programs start and stop at once.
 */
@Experimental("the CRN's runtime seam; shaped by vm-process and vm-wasm")
public interface VmRuntime extends Extension {

    /** A short id for logs, the executions list and errors, e.g. {@code process} or {@code wasm}. */
    String id();

    /**
     * Why this runtime cannot run the program on this host (a missing tool, an interface it does not serve), as
     * a sentence a user can act on; empty when it can.
     */
    Optional<String> refusal(VmSpec spec);

    /**
     * Starts the program and returns once it accepts requests, or fails.
     *
     * @throws VmException of kind {@link VmException.Kind#START_FAILED} when it does not start within the
     *                     runtime's start timeout, or exits first (the message says why, from its output)
     */
    RunningVm start(VmSpec spec) throws VmException;
}
