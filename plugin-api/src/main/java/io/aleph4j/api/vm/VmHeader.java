package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.util.Objects;

/** One HTTP header line. */
@Experimental("the CRN's runtime seam")
public record VmHeader(String name, String value) {

    public VmHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
