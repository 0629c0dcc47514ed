package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;

/** The kinds of address a node announces on {@code ALIVE} ({@code peer_type}, as the reference writes them). */
@Experimental("first implemented with the ALIVE announcements; shaped by the P2P work")
public enum PeerType {
    /** A libp2p multiaddress ending with {@code /p2p/<peer id>}. */
    P2P,
    /** The base URL of the node's HTTP API. */
    HTTP,
    /** The multiaddress of the node's IPFS daemon. */
    IPFS
}
