package io.aleph4j.api.message;

import io.aleph4j.api.Experimental;
import java.util.Objects;

/**
 * A PROGRAM: a function-style workload a CRN runs on demand. Its fields (code, runtime, volumes, resources,
 * triggers...) are kept as the full content JSON until the CRN work types them.
 */
@Experimental("typed fields arrive with the CRN runtime work")
public record ProgramContent(String address, double time, JsonText specification) implements MessageContent {

    public ProgramContent {
        ContentChecks.base(address, time);
        Objects.requireNonNull(specification, "specification");
    }

    @Override
    public MessageType messageType() {
        return MessageType.PROGRAM;
    }
}
