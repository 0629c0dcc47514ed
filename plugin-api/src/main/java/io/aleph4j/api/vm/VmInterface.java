package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;

/**
 * How a program answers HTTP, from its message's {@code code.interface} (or, when absent, inferred as the reference
 * does: an entrypoint with a {@code :} is ASGI, anything else an executable).
 */
@Experimental("the CRN's runtime seam")
public enum VmInterface {
    /** An executable that listens on HTTP port 8080 (the reference's {@code binary}, which its CRN calls executable). */
    BINARY,
    /** A Python ASGI application named {@code module:attribute}. */
    ASGI
}
