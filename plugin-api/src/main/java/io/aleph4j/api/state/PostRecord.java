package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import java.util.List;
import java.util.Objects;

/**
 * One POST, original or amend, as the posts table keeps it. Built with {@link #builder(ItemHash, String, String)}:
 * a class rather than a record so that it can gain fields without breaking the plugins that build one.
 */
public final class PostRecord {

    private final ItemHash itemHash;
    private final String owner;
    private final String type;
    private final String ref;
    private final ItemHash amends;
    private final String channel;
    private final List<String> tags;
    private final String json;
    private final double time;
    private final ItemHash latestAmend;

    private PostRecord(Builder builder) {
        this.itemHash = Objects.requireNonNull(builder.itemHash, "itemHash");
        this.owner = Objects.requireNonNull(builder.owner, "owner");
        this.type = Objects.requireNonNull(builder.type, "type");
        this.ref = builder.ref;
        this.amends = builder.amends;
        this.channel = builder.channel;
        this.tags = List.copyOf(builder.tags);
        this.json = builder.json;
        this.time = builder.time;
        this.latestAmend = builder.latestAmend;
    }

    /** A post of {@code owner} with this post type; the rest are absent until set. */
    public static Builder builder(ItemHash itemHash, String owner, String type) {
        return new Builder(itemHash, owner, type);
    }

    public Builder toBuilder() {
        return new Builder(itemHash, owner, type).ref(ref).amends(amends).channel(channel).tags(tags).json(json)
                .time(time).latestAmend(latestAmend);
    }

    public ItemHash itemHash() {
        return itemHash;
    }

    /** The post's owner ({@code content.address}). */
    public String owner() {
        return owner;
    }

    /** The post type ({@code content.type}); {@code amend} for an amend. */
    public String type() {
        return type;
    }

    /** {@code content.ref}; for an amend, the original's item hash; null when absent. */
    public String ref() {
        return ref;
    }

    /** The original this post amends; null unless it is an amend. */
    public ItemHash amends() {
        return amends;
    }

    /** The message's channel; null when it has none. */
    public String channel() {
        return channel;
    }

    /** The string tags of {@code content.content.tags}. */
    public List<String> tags() {
        return tags;
    }

    /** The post's {@code content.content} as JSON text; null when the post had none. */
    public String json() {
        return json;
    }

    /** The content's time, seconds since the epoch. */
    public double time() {
        return time;
    }

    /** For an original, the amend whose content is current; null when never amended. */
    public ItemHash latestAmend() {
        return latestAmend;
    }

    public boolean isAmend() {
        return amends != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PostRecord that && Double.compare(time, that.time) == 0
                && itemHash.equals(that.itemHash) && owner.equals(that.owner) && type.equals(that.type)
                && Objects.equals(ref, that.ref) && Objects.equals(amends, that.amends)
                && Objects.equals(channel, that.channel) && tags.equals(that.tags) && Objects.equals(json, that.json)
                && Objects.equals(latestAmend, that.latestAmend);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemHash, owner, type, time);
    }

    @Override
    public String toString() {
        return "PostRecord[itemHash=" + itemHash + ", owner=" + owner + ", type=" + type + ", ref=" + ref
                + ", amends=" + amends + ", channel=" + channel + ", tags=" + tags + ", time=" + time
                + ", latestAmend=" + latestAmend + ", json=" + json + "]";
    }

    /** Builds a {@link PostRecord}. */
    public static final class Builder {
        private final ItemHash itemHash;
        private final String owner;
        private final String type;
        private String ref;
        private ItemHash amends;
        private String channel;
        private List<String> tags = List.of();
        private String json;
        private double time;
        private ItemHash latestAmend;

        private Builder(ItemHash itemHash, String owner, String type) {
            this.itemHash = itemHash;
            this.owner = owner;
            this.type = type;
        }

        public Builder ref(String value) {
            ref = value;
            return this;
        }

        public Builder amends(ItemHash original) {
            amends = original;
            return this;
        }

        public Builder channel(String value) {
            channel = value;
            return this;
        }

        public Builder tags(List<String> value) {
            tags = List.copyOf(value);
            return this;
        }

        public Builder json(String value) {
            json = value;
            return this;
        }

        public Builder time(double seconds) {
            time = seconds;
            return this;
        }

        public Builder latestAmend(ItemHash value) {
            latestAmend = value;
            return this;
        }

        public PostRecord build() {
            return new PostRecord(this);
        }
    }
}
