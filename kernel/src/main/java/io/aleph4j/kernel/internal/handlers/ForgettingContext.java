package io.aleph4j.kernel.internal.handlers;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.incubating.HandlerContext;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;

/** What the kernel's FORGET handler needs beyond a plugin handler's context: the other handlers and the statuses. */
public interface ForgettingContext extends HandlerContext {

    /** The handler that undoes the state of messages of this type. */
    ContentHandler handlerFor(MessageType type);

    /** Marks a message forgotten by a FORGET: its content goes, its hash stays with the FORGET's hash. */
    void markForgotten(ItemHash target, ItemHash forgottenBy);
}
