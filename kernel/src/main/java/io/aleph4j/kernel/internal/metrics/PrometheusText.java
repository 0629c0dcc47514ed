package io.aleph4j.kernel.internal.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aleph4j.kernel.internal.KernelJson;
import java.util.Map;

/**
 * The reference node's metric lines, written as it writes them (pyaleph's {@code format_dataclass_for_prometheus}):
 * {@code name value}, one line per field in order, no {@code # HELP}/{@code # TYPE} lines, a null field left out, an
 * object field written as the labels of a metric whose value is 1 ({@code key="value"}, the value JSON-quoted, null
 * labels left out). They follow Micrometer's own metrics on {@code /metrics}. Unlike the reference, the last line ends
 * with a newline, as the text format asks (the reference ends without one).
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /** The lines of {@code fields} (name to a number, null, or a map of labels). */
    public static String lines(Map<String, Object> fields) {
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> {
            if (value instanceof Map<?, ?> labels) {
                StringBuilder written = new StringBuilder();
                labels.forEach((label, labelValue) -> {
                    if (labelValue != null) {
                        written.append(written.isEmpty() ? "" : ",").append(label).append('=')
                                .append(json(labelValue));
                    }
                });
                text.append(name).append('{').append(written).append("} 1\n");
            } else if (value != null) {
                text.append(name).append(' ').append(json(value)).append('\n');
            }
        });
        return text.toString();
    }

    private static String json(Object value) {
        try {
            return KernelJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metric value " + value + " has no JSON form", e);
        }
    }
}
