package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/** A program's HTTP response; the caller reads and closes the body. */
@Experimental("the CRN's runtime seam")
public record VmResponse(int status, List<VmHeader> headers, InputStream body) {

    public VmResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
