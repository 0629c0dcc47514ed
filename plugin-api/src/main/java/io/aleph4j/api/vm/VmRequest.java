package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP request for a program. {@code pathAndQuery} is what the program sees (the part after {@code /vm/<hash>},
 * starting with {@code /}); headers keep their order and repeats; the body is streamed.
 */
@Experimental("the CRN's runtime seam")
public record VmRequest(String method, String pathAndQuery, List<VmHeader> headers, InputStream body) {

    public VmRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path '" + pathAndQuery + "' does not start with /");
        }
    }
}
