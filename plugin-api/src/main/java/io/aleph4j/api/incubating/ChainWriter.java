package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.ItemHash;
import java.util.List;

/** Publishes batches of message hashes to a chain (the sync contract). */
@Experimental("shaped by the chain sync work")
public interface ChainWriter {

    /** Publishes one batch; returns the chain's transaction id. */
    String publish(List<ItemHash> batch) throws Exception;
}
