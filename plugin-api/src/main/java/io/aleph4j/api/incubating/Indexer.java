package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;

/** Follows a source (a chain, the node's own events) and publishes what it indexes. */
@Experimental("shaped by the indexer work")
public interface Indexer extends Extension {

    /** What it indexes, for logs and the API. */
    String source();
}
