package io.aleph4j.kernel.internal.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.JsonText;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ScoringPostsTest {

    private static final String SCORER = "0x4D52380D3191274a04846c89c069E6C3F2Ed94e4";
    private static final ItemHash POST = ItemHash.of("5".repeat(64));

    /** Shaped like the reference's fixture (tests/api/fixtures/test-metric.json), with the odd values it coerces. */
    private static final String BODY = """
            {"tags": ["mainnet"], "metrics": {
              "ccn": [
                {"asn": 16276, "node_id": "b8b9", "version": "v0.5.1", "measured_at": 1701261022.881753,
                 "base_latency": 0.2345, "metrics_latency": "0.39", "pending_messages": 0.9,
                 "aggregate_latency": null, "base_latency_ipv4": true, "eth_height_remaining": "224",
                 "file_download_latency": "nan"},
                {"node_id": "", "measured_at": 1701261021.7},
                {"node_id": "no-time"},
                {"node_id": "bad-time", "measured_at": "soon"},
                "not an object"
              ],
              "crn": [
                {"node_id": "c1", "measured_at": "1701261000", "base_latency": 1, "full_check_latency": 2.5,
                 "diagnostic_vm_latency": "x", "pending_messages": 7}
              ]}}""";

    @Test
    void aScoringPostYieldsOneRowPerMeasuredNodeWithTheReferencesColumnsCoerced() {
        List<NodeMetric> rows = ScoringPosts.REFERENCE.metricsOf(message("aleph-scoring"), post(SCORER, BODY));

        assertThat(rows).hasSize(2);
        NodeMetric ccn = rows.get(0);
        assertThat(ccn.kind()).isEqualTo(NodeKind.CCN);
        assertThat(ccn.nodeId()).isEqualTo("b8b9");
        assertThat(ccn.measuredAt()).isEqualTo(1701261022.881753);
        assertThat(ccn.post()).isEqualTo(POST);
        assertThat(ccn.values()).as("int() truncates, float() reads text and booleans, NaN and null are left out")
                .isEqualTo(Map.of("base_latency", 0.2345, "metrics_latency", 0.39, "pending_messages", 0.0,
                        "base_latency_ipv4", 1.0, "eth_height_remaining", 224.0));
        NodeMetric crn = rows.get(1);
        assertThat(crn.kind()).isEqualTo(NodeKind.CRN);
        assertThat(crn.measuredAt()).isEqualTo(1701261000.0);
        assertThat(crn.values()).as("a compute node keeps its own columns only")
                .isEqualTo(Map.of("base_latency", 1.0, "full_check_latency", 2.5));
    }

    @Test
    void onlyThePostTypeAddressAndChannelOfTheScoringPostsCount() {
        assertThat(ScoringPosts.REFERENCE.metricsOf(message("another-channel"), post(SCORER, BODY))).isEmpty();
        assertThat(ScoringPosts.REFERENCE.metricsOf(message("aleph-scoring"), post(SCORER.toLowerCase(), BODY)))
                .as("addresses are compared exactly, as the reference compares them").isEmpty();
        PostContent amend = new PostContent(SCORER, 1.0, "amend", JsonText.of(BODY), POST.value());
        assertThat(ScoringPosts.REFERENCE.metricsOf(message("aleph-scoring"), amend)).isEmpty();
    }

    @Test
    void aBodyWithoutAMetricsObjectYieldsNothing() {
        assertThat(ScoringPosts.REFERENCE.metricsOf(message("aleph-scoring"),
                post(SCORER, "{\"metrics\": [1, 2]}"))).isEmpty();
        assertThat(ScoringPosts.REFERENCE.metricsOf(message("aleph-scoring"), post(SCORER, "[1]"))).isEmpty();
    }

    private static PostContent post(String address, String body) {
        return new PostContent(address, 1.0, "aleph-network-metrics", JsonText.of(body), null);
    }

    private static Message message(String channel) {
        return new Message(Chain.ETH, SCORER, MessageType.POST, channel, 1.0, ItemType.STORAGE, null, POST,
                "0xsignature");
    }
}
