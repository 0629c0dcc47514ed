package io.aleph4j.kernel.internal.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.kernel.internal.KernelJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The POSTs that carry the network's scoring measurements, and what the node keeps of them, as the reference node
 * does for {@code /api/v0/core/{id}/metrics} and {@code /api/v0/compute/{id}/metrics}: a POST of {@code postType}
 * whose {@code content.address} is one of the scoring {@code addresses} (compared exactly), on {@code channel},
 * yields one row per item of its {@code content.metrics.ccn} and {@code .crn} lists that has a node id and a
 * measurement time; of each item only the reference's columns are kept, coerced as the reference coerces them (a
 * value that is not a finite number is left out).
 */
public record ScoringPosts(Set<String> addresses, String channel, String postType) {

    /** The reference node's defaults (its {@code aleph.scoring} config). */
    public static final ScoringPosts REFERENCE = new ScoringPosts(
            Set.of("0x4D52380D3191274a04846c89c069E6C3F2Ed94e4"), "aleph-scoring", "aleph-network-metrics");

    /** The columns both kinds keep, then each kind's own; the integer ones are truncated as Python's int(). */
    public static final List<String> COMMON = List.of("base_latency", "base_latency_ipv4");
    public static final List<String> CCN_FLOATS = List.of("metrics_latency", "aggregate_latency",
            "file_download_latency");
    public static final List<String> CCN_INTEGERS = List.of("pending_messages", "eth_height_remaining");
    public static final List<String> CRN_FLOATS = List.of("full_check_latency", "diagnostic_vm_latency");

    /** Python's datetime range: measurement times beyond it cannot be stored by the reference either. */
    private static final double LATEST_TIME = 253_402_300_800.0;
    private static final double EARLIEST_TIME = -62_135_596_800.0;

    public ScoringPosts {
        addresses = Set.copyOf(addresses);
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(postType, "postType");
    }

    /** The measurements {@code post} carries; empty for any POST that is not a scoring one. */
    public List<NodeMetric> metricsOf(Message message, PostContent post) {
        if (!postType.equals(post.type()) || !addresses.contains(post.address())
                || !channel.equals(message.channel()) || post.content() == null) {
            return List.of();
        }
        JsonNode body;
        try {
            body = KernelJson.MAPPER.readTree(post.content().json());
        } catch (JsonProcessingException e) {
            return List.of();
        }
        JsonNode metrics = body.path("metrics");
        if (!body.isObject() || !metrics.isObject()) {
            return List.of();
        }
        List<NodeMetric> rows = new ArrayList<>();
        addRows(rows, message.itemHash(), NodeKind.CCN, metrics.path("ccn"));
        addRows(rows, message.itemHash(), NodeKind.CRN, metrics.path("crn"));
        return rows;
    }

    private static void addRows(List<NodeMetric> rows, ItemHash post, NodeKind kind, JsonNode items) {
        if (!items.isArray()) {
            return;
        }
        for (JsonNode item : items) {
            String nodeId = nodeId(item.path("node_id"));
            Double measuredAt = asFloat(item.path("measured_at"));
            if (!item.isObject() || nodeId == null || measuredAt == null || measuredAt < EARLIEST_TIME
                    || measuredAt >= LATEST_TIME) {
                continue;
            }
            Map<String, Double> values = new HashMap<>();
            List<String> floats = new ArrayList<>(COMMON);
            floats.addAll(kind == NodeKind.CCN ? CCN_FLOATS : CRN_FLOATS);
            for (String name : floats) {
                putFinite(values, name, asFloat(item.path(name)));
            }
            if (kind == NodeKind.CCN) {
                for (String name : CCN_INTEGERS) {
                    putFinite(values, name, asInteger(item.path(name)));
                }
            }
            rows.add(new NodeMetric(post, kind, nodeId, measuredAt, values));
        }
    }

    private static void putFinite(Map<String, Double> values, String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            values.put(name, value);
        }
    }

    /** A truthy node id, as Python's {@code str()} writes it; null for a falsy or structured one. */
    private static String nodeId(JsonNode id) {
        if (id.isTextual()) {
            return id.textValue().isEmpty() ? null : id.textValue();
        }
        if (id.isIntegralNumber()) {
            return id.bigIntegerValue().signum() == 0 ? null : id.bigIntegerValue().toString();
        }
        return null;
    }

    /** Python's {@code float(v)}: numbers, numeric text, booleans; null when it would raise. */
    private static Double asFloat(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1.0 : 0.0;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip().replace("_", "");
            try {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "nan", "+nan", "-nan" -> Double.NaN;
                    case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
                    case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                    default -> new BigDecimal(text).doubleValue();
                };
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Python's {@code int(v)}: a number truncated toward zero, integer text, a boolean; null when it would raise. */
    private static Double asInteger(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.doubleValue();
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return Double.isFinite(number) ? (double) (long) number : null;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1.0 : 0.0;
        }
        if (value.isTextual()) {
            try {
                return new BigInteger(value.textValue().strip().replace("_", "")).doubleValue();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
