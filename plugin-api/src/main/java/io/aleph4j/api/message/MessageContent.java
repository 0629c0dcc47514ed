package io.aleph4j.api.message;

/**
 * The parsed content of a message, one record per message type. {@code address} is the owner the message acts
 * for; it equals the sender unless the sender is a delegate.
 */
public sealed interface MessageContent
        permits PostContent, AggregateContent, StoreContent, ForgetContent, ProgramContent, InstanceContent {

    /** The address the message acts for. */
    String address();

    /** The content's own time, in seconds since the epoch. */
    double time();

    /** The message type this content belongs to. */
    MessageType messageType();
}
