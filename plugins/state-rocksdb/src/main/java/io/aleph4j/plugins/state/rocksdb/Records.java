package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.PostRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of each record kind ({@link Values}). The parts a record's key holds (a message's time and hash, an
 * aggregate's owner and key...) are not repeated in its value. A message's first two bytes are its status and type
 * codes, so that a scan can filter on them without decoding the rest.
 */
final class Records {

    private static final int JSON_NONE = 0;
    private static final int JSON_SAME_AS_ITEM_CONTENT = 1;
    private static final int JSON_OWN = 2;

    private Records() {
    }

    // --- messages

    static byte[] message(MessageRecord record) {
        Values.Writer out = new Values.Writer()
                .code(Codes.STATUS.of(record.status()))
                .code(Codes.TYPE.of(record.type()))
                .text(record.chain().code())
                .text(record.sender())
                .nullableText(record.channel())
                .code(Codes.ITEM_TYPE.of(record.itemType()))
                .nullableText(record.itemContent());
        signature(out, record.signature());
        if (record.rejection().isPresent()) {
            out.code(1).signed(record.rejection().get().code().code()).text(record.rejection().get().detail());
        } else {
            out.code(0);
        }
        ContentFields content = record.content();
        if (content == null) {
            out.code(0);
        } else {
            // The owner is nearly always the sender: then one byte says so.
            if (content.address().equals(record.sender())) {
                out.code(1);
            } else {
                out.code(2).text(content.address());
            }
            out.real(content.time()).nullableText(content.type())
                    .nullableText(content.ref()).nullableText(content.key()).texts(content.tags());
            // An inline message's content JSON is its item content: kept once.
            if (content.json() == null) {
                out.code(JSON_NONE);
            } else if (content.json().equals(record.itemContent())) {
                out.code(JSON_SAME_AS_ITEM_CONTENT);
            } else {
                out.code(JSON_OWN).text(content.json());
            }
            out.nullableText(content.itemHash()).nullableText(content.paymentType()).texts(content.volumeRefs());
        }
        out.texts(record.forgottenBy().stream().map(ItemHash::value).toList());
        out.signed(receivedMicros(record.receivedAt()));
        out.unsigned(record.size());
        return out.build();
    }

    static MessageRecord message(String hash, double time, byte[] value) {
        Values.Reader in = new Values.Reader(value);
        MessageRecord.Builder builder = MessageRecord.builder().itemHash(ItemHash.of(hash)).time(time);
        builder.status(Codes.STATUS.constant(in.code()));
        builder.type(Codes.TYPE.constant(in.code()));
        builder.chain(Chain.of(in.text()));
        String sender = in.text();
        builder.sender(sender);
        builder.channel(in.nullableText());
        builder.itemType(Codes.ITEM_TYPE.constant(in.code()));
        String itemContent = in.nullableText();
        builder.itemContent(itemContent);
        builder.signature(signature(in));
        if (in.code() == 1) {
            builder.rejected(RejectionReason.of(ErrorCode.ofCode((int) in.signed()), in.text()));
        }
        int contentCode = in.code();
        if (contentCode != 0) {
            String address = contentCode == 1 ? sender : in.text();
            ContentFields.Builder content = ContentFields.builder(address, in.real()).type(in.nullableText())
                    .ref(in.nullableText()).key(in.nullableText()).tags(in.texts());
            int json = in.code();
            content.json(json == JSON_SAME_AS_ITEM_CONTENT ? itemContent : json == JSON_OWN ? in.text() : null);
            content.itemHash(in.nullableText()).paymentType(in.nullableText()).volumeRefs(in.texts());
            builder.content(content.build());
        }
        builder.forgottenBy(in.texts().stream().map(ItemHash::of).toList());
        builder.receivedAt(Instant.EPOCH.plus(in.signed(), ChronoUnit.MICROS));
        builder.size(in.unsigned());
        return builder.build();
    }

    /**
     * An EVM signature ({@code 0x} and lower-case hex, nearly every message) as its bytes, half the size; any other
     * signature as text.
     */
    private static void signature(Values.Writer out, String signature) {
        if (isLowerHex(signature)) {
            out.code(1).unsigned((signature.length() - 2) / 2).raw(java.util.HexFormat.of().parseHex(signature, 2,
                    signature.length()));
        } else {
            out.code(0).text(signature);
        }
    }

    private static String signature(Values.Reader in) {
        if (in.code() == 0) {
            return in.text();
        }
        return "0x" + java.util.HexFormat.of().formatHex(in.bytes(Math.toIntExact(in.unsigned())));
    }

    private static boolean isLowerHex(String text) {
        return text.length() >= 4 && text.length() % 2 == 0 && text.startsWith("0x")
                && KeyWriter.isLowerHexFrom(text, 2);
    }

    static int statusCode(byte[] messageValue) {
        return messageValue[0] & 0xFF;
    }

    static int typeCode(byte[] messageValue) {
        return messageValue[1] & 0xFF;
    }

    /** Reception times are kept to the microsecond, as the SQL stores keep them. */
    static long receivedMicros(Instant receivedAt) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt);
    }

    // --- posts

    static byte[] post(PostRecord post) {
        return new Values.Writer().code(post.isAmend() ? 1 : 0).text(post.owner()).text(post.type())
                .nullableText(post.ref()).nullableText(post.amends() == null ? null : post.amends().value())
                .nullableText(post.channel()).texts(post.tags()).nullableText(post.json())
                .nullableText(post.latestAmend() == null ? null : post.latestAmend().value()).build();
    }

    static PostRecord post(String hash, double time, byte[] value) {
        Values.Reader in = new Values.Reader(value);
        in.code();
        PostRecord.Builder builder = PostRecord.builder(ItemHash.of(hash), in.text(), in.text()).ref(in.nullableText());
        String amends = in.nullableText();
        builder.amends(amends == null ? null : ItemHash.of(amends)).channel(in.nullableText()).tags(in.texts())
                .json(in.nullableText()).time(time);
        String latest = in.nullableText();
        return builder.latestAmend(latest == null ? null : ItemHash.of(latest)).build();
    }

    static boolean isAmend(byte[] postValue) {
        return postValue[0] == 1;
    }

    // --- aggregates

    static byte[] aggregate(AggregateRecord aggregate) {
        return new Values.Writer().text(aggregate.json()).real(aggregate.creationTime())
                .text(aggregate.lastRevision().value()).real(aggregate.lastRevisionTime()).build();
    }

    static AggregateRecord aggregate(String owner, String key, byte[] value) {
        Values.Reader in = new Values.Reader(value);
        return new AggregateRecord(owner, key, in.text(), in.real(), ItemHash.of(in.text()), in.real());
    }

    // --- file references

    static byte[] file(FileReference reference) {
        return new Values.Writer().text(reference.owner()).text(reference.fileHash().value())
                .code(Codes.ITEM_TYPE.of(reference.itemType())).nullableText(reference.ref()).real(reference.time())
                .unsigned(reference.size()).build();
    }

    static FileReference file(String messageHash, byte[] value) {
        Values.Reader in = new Values.Reader(value);
        return new FileReference(ItemHash.of(messageHash), in.text(), ItemHash.of(in.text()),
                Codes.ITEM_TYPE.constant(in.code()), in.nullableText(), in.real(), in.unsigned());
    }

    // --- node metrics

    /** A post's measurements, in its order: what deleting them needs to find their index entries. */
    static byte[] metrics(List<NodeMetric> metrics) {
        Values.Writer out = new Values.Writer().unsigned(metrics.size());
        for (NodeMetric metric : metrics) {
            out.code(Codes.NODE_KIND.of(metric.kind())).text(metric.nodeId()).real(metric.measuredAt());
            measurements(out, metric.values());
        }
        return out.build();
    }

    static List<NodeMetric> metrics(String post, byte[] value) {
        Values.Reader in = new Values.Reader(value);
        int count = Math.toIntExact(in.unsigned());
        List<NodeMetric> metrics = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            metrics.add(new NodeMetric(ItemHash.of(post), Codes.NODE_KIND.constant(in.code()), in.text(), in.real(),
                    measurements(in)));
        }
        return metrics;
    }

    static byte[] measurements(Map<String, Double> values) {
        Values.Writer out = new Values.Writer();
        measurements(out, values);
        return out.build();
    }

    static Map<String, Double> measurements(byte[] value) {
        return measurements(new Values.Reader(value));
    }

    private static void measurements(Values.Writer out, Map<String, Double> values) {
        out.unsigned(values.size());
        values.forEach((name, number) -> out.text(name).real(number));
    }

    private static Map<String, Double> measurements(Values.Reader in) {
        int count = Math.toIntExact(in.unsigned());
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < count; i++) {
            values.put(in.text(), in.real());
        }
        return values;
    }
}
