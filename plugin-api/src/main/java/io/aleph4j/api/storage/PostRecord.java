package io.aleph4j.api.storage;

import io.aleph4j.api.message.ItemHash;

import java.util.List;
import java.util.Objects;

/**
 * One POST, original or amend, as the posts table keeps it.
 *
 * @param ref         {@code content.ref}; for an amend, the original's item hash
 * @param amends      the original this post amends; null unless {@code type} is {@code amend}
 * @param json        the post's {@code content.content} as JSON text; null when the post had none
 * @param time        the content's time, seconds since the epoch
 * @param latestAmend for an original, the amend whose content is current; null when never amended
 */
public record PostRecord(ItemHash itemHash, String owner, String type, String ref, ItemHash amends, String channel,
                         List<String> tags, String json, double time, ItemHash latestAmend) {

    public PostRecord {
        Objects.requireNonNull(itemHash, "itemHash");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        tags = List.copyOf(tags);
    }

    public boolean isAmend() {
        return amends != null;
    }
}
