package io.aleph4j.api.handler;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.Extension;
import io.aleph4j.api.message.MessageType;

/** How messages of one type change the node's state. */
@Experimental("the processing contract is shaped by the message pipeline work")
public interface ContentHandler extends Extension {

    /** The message type this handler processes. */
    MessageType messageType();
}
