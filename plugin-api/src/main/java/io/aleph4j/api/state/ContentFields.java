package io.aleph4j.api.state;

import java.util.List;
import java.util.Objects;

/**
 * What the node extracts from a message's content to index and answer queries with, as the reference node's message
 * table keeps it. Built with {@link #builder(String, double)}: a class rather than a record so that it can gain
 * fields without breaking the plugins that build one.
 */
public final class ContentFields {

    private final String address;
    private final double time;
    private final String type;
    private final String ref;
    private final String key;
    private final List<String> tags;
    private final String json;
    private final String itemHash;
    private final String paymentType;
    private final List<String> volumeRefs;

    private ContentFields(Builder builder) {
        this.address = Objects.requireNonNull(builder.address, "address");
        this.time = builder.time;
        this.type = builder.type;
        this.ref = builder.ref;
        this.key = builder.key;
        this.tags = List.copyOf(builder.tags);
        this.json = builder.json;
        this.itemHash = builder.itemHash;
        this.paymentType = builder.paymentType;
        this.volumeRefs = List.copyOf(builder.volumeRefs);
    }

    /** Fields of a content with this owner and time; the rest are absent until set. */
    public static Builder builder(String address, double time) {
        return new Builder(address, time);
    }

    public Builder toBuilder() {
        return new Builder(address, time).type(type).ref(ref).key(key).tags(tags).json(json).itemHash(itemHash)
                .paymentType(paymentType).volumeRefs(volumeRefs);
    }

    /** The owner the message acts for ({@code content.address}). */
    public String address() {
        return address;
    }

    /** The content's own time, seconds since the epoch. */
    public double time() {
        return time;
    }

    /** A POST's {@code content.type}; null for other types. */
    public String type() {
        return type;
    }

    /** A POST's or STORE's {@code content.ref}; null when absent. */
    public String ref() {
        return ref;
    }

    /** An AGGREGATE's {@code content.key}; null for other types. */
    public String key() {
        return key;
    }

    /** A POST's {@code content.content.tags} (strings only); empty when absent. */
    public List<String> tags() {
        return tags;
    }

    /** The content as JSON text; null once the message is forgotten. */
    public String json() {
        return json;
    }

    /** The content's {@code item_hash} (a STORE's file); null when absent. */
    public String itemHash() {
        return itemHash;
    }

    /** The content's {@code payment.type} (hold, superfluid, credit); null when it has no payment. */
    public String paymentType() {
        return paymentType;
    }

    /**
     * The messages a PROGRAM or INSTANCE mounts, by the refs its content names: {@code code.ref},
     * {@code runtime.ref}, {@code data.ref}, each immutable volume's {@code ref} and an instance's
     * {@code rootfs.parent.ref}. A STORE named here may not be forgotten while the workload is processed. Empty for
     * other types.
     */
    public List<String> volumeRefs() {
        return volumeRefs;
    }

    /** The same fields with the content itself dropped, as a forgotten message keeps them. */
    public ContentFields withoutJson() {
        return toBuilder().json(null).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentFields that && Double.compare(time, that.time) == 0
                && address.equals(that.address) && Objects.equals(type, that.type) && Objects.equals(ref, that.ref)
                && Objects.equals(key, that.key) && tags.equals(that.tags) && Objects.equals(json, that.json)
                && Objects.equals(itemHash, that.itemHash) && Objects.equals(paymentType, that.paymentType)
                && volumeRefs.equals(that.volumeRefs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, time, type, ref, key);
    }

    @Override
    public String toString() {
        return "ContentFields[address=" + address + ", time=" + time + ", type=" + type + ", ref=" + ref + ", key="
                + key + ", tags=" + tags + ", itemHash=" + itemHash + ", paymentType=" + paymentType + ", volumeRefs="
                + volumeRefs + ", json=" + json + "]";
    }

    /** Builds {@link ContentFields}. */
    public static final class Builder {
        private final String address;
        private final double time;
        private String type;
        private String ref;
        private String key;
        private List<String> tags = List.of();
        private String json;
        private String itemHash;
        private String paymentType;
        private List<String> volumeRefs = List.of();

        private Builder(String address, double time) {
            this.address = address;
            this.time = time;
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder ref(String value) {
            ref = value;
            return this;
        }

        public Builder key(String value) {
            key = value;
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

        public Builder itemHash(String value) {
            itemHash = value;
            return this;
        }

        public Builder paymentType(String value) {
            paymentType = value;
            return this;
        }

        public Builder volumeRefs(List<String> value) {
            volumeRefs = List.copyOf(value);
            return this;
        }

        public ContentFields build() {
            return new ContentFields(this);
        }
    }
}
