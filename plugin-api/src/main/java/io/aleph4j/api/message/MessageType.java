package io.aleph4j.api.message;

/** The message types of the protocol; the wire name is the constant's name. */
public enum MessageType {
    POST,
    AGGREGATE,
    STORE,
    PROGRAM,
    INSTANCE,
    FORGET;

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the value when it is not a type. */
    public static MessageType fromWire(String name) {
        for (MessageType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown message type '" + name + "'");
    }
}
