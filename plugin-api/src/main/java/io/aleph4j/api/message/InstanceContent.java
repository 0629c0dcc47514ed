package io.aleph4j.api.message;

import io.aleph4j.api.Experimental;
import java.util.Objects;

/**
 * An INSTANCE: a persistent VM a CRN keeps running. Its fields are kept as the full content JSON until the CRN
 * work types them.
 */
@Experimental("typed fields arrive with the CRN runtime work")
public record InstanceContent(String address, double time, JsonText specification) implements MessageContent {

    public InstanceContent {
        ContentChecks.base(address, time);
        Objects.requireNonNull(specification, "specification");
    }

    @Override
    public MessageType messageType() {
        return MessageType.INSTANCE;
    }
}
