package io.aleph4j.api.log;

/** Where an inbox entry came from. */
public enum Origin {
    /** A client of the node's HTTP API. */
    API,
    /** Another node, over the P2P transport. */
    P2P,
    /** A chain reader (sync contract, indexer). */
    CHAIN,
    /** The node itself or an embedding application. */
    LOCAL
}
