package io.aleph4j.api.network;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.Message;

/**
 * The kernel's service that puts a message accepted from a client on the network ({@code ALEPH-TEST} on every
 * transport), as the reference publishes its API's messages. Messages from peers are not published again:
 * propagation is the transport's job.
 */
@Experimental("shaped by the P2P work")
public interface MessagePublisher {

    /** Publishes the message's envelope; never throws for a transport's failure, which the status names. */
    PublicationStatus publish(Message message);
}
