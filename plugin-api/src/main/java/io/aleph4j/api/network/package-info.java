/**
 * Node-to-node messaging: {@link io.aleph4j.api.network.Transport}, a publish/subscribe link to the network's other
 * nodes that a plugin contributes (transport-libp2p), and {@link io.aleph4j.api.network.MessagePublisher}, the
 * kernel's service that puts a client's message on the network. {@link io.aleph4j.api.Experimental} while the P2P
 * work shapes it: outside the plugin-api compatibility check until it settles.
 */
package io.aleph4j.api.network;
