package io.aleph4j.api.message;

import java.util.Objects;

/**
 * A POST: a free JSON {@code content} of a given post {@code type}. A post of type {@code amend} replaces the
 * content of the post named by {@code ref}.
 *
 * @param ref for amends the item hash of the original post, otherwise an optional free reference; may be null
 */
public record PostContent(String address, double time, String type, JsonText content, String ref)
        implements MessageContent {

    /** The post type that marks an edit of the post named by {@code ref}. */
    public static final String AMEND = "amend";

    public PostContent {
        ContentChecks.base(address, time);
        Objects.requireNonNull(type, "type");
    }

    public boolean isAmend() {
        return AMEND.equals(type);
    }

    @Override
    public MessageType messageType() {
        return MessageType.POST;
    }
}
