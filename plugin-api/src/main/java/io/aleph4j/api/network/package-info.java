/**
 * Node-to-node messaging: {@link io.aleph4j.api.network.Transport}, a publish/subscribe link to the network's other
 * nodes that a plugin contributes (transport-libp2p); {@link io.aleph4j.api.network.MessagePublisher}, the kernel's
 * service that puts a client's message on the network; and {@link io.aleph4j.api.network.PeerDirectory}, the
 * kernel's service that knows the other nodes from their {@code ALIVE} announcements.
 * {@link io.aleph4j.api.Experimental} while the P2P work shapes it: outside the plugin-api compatibility check until
 * it settles.
 */
package io.aleph4j.api.network;
