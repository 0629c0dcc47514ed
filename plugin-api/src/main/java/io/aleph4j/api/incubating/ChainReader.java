package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;

/** Follows a chain and hands the messages it finds to the node's inbox. */
@Experimental("shaped by the chain sync work")
public interface ChainReader {

    /** Starts following the chain from the last height it saved. */
    void start() throws Exception;

    void stop() throws Exception;
}
