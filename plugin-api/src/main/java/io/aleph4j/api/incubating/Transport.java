package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.log.Subscription;
import java.util.List;
import java.util.function.Consumer;

/** Node-to-node messaging: publish/subscribe on topics and the known peers. */
@Experimental("shaped by the P2P work")
public interface Transport extends Extension {

    /** Publishes bytes on a topic to every peer subscribed to it. */
    void publish(String topic, byte[] payload);

    /** Receives what peers publish on a topic until the subscription is closed. */
    Subscription subscribe(String topic, Consumer<byte[]> receiver);

    /** The addresses of the peers currently connected. */
    List<String> peers();
}
