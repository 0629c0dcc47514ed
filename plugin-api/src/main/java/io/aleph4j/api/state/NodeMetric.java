package io.aleph4j.api.state;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.ItemHash;
import java.util.Map;
import java.util.Objects;

/**
 * One node's measurement from a scoring POST (the network's metrics, published by the scoring addresses), as the
 * reference node keeps them for {@code /api/v0/core/{id}/metrics} and {@code /api/v0/compute/{id}/metrics}.
 *
 * @param post       the POST it came from; forgetting that POST removes it
 * @param kind       which list of the post it was in
 * @param nodeId     the measured node's id
 * @param measuredAt seconds since the epoch
 * @param values     the kept measurements by name ({@code base_latency}, {@code pending_messages}...); a name that
 *                   is absent had no usable value
 */
@Experimental("shaped by the scoring metrics the reference keeps; may move with the peers work")
public record NodeMetric(ItemHash post, NodeKind kind, String nodeId, double measuredAt, Map<String, Double> values) {

    public NodeMetric {
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nodeId, "nodeId");
        values = Map.copyOf(values);
        if (!Double.isFinite(measuredAt)) {
            throw new IllegalArgumentException("measuredAt " + measuredAt + " is not a time");
        }
    }
}
