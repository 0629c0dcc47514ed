package io.aleph4j.kernel.internal.metrics;

import io.aleph4j.api.message.MessageStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's metrics, one registry per node (no global registry: several nodes may share a JVM), scraped in
 * the Prometheus text format on {@code /metrics}.
 */
public final class NodeMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<MessageStatus, Counter> outcomes = new EnumMap<>(MessageStatus.class);
    private final Timer batches;
    private final DistributionSummary batchSizes;

    public NodeMetrics(String version) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
        Gauge.builder("aleph4j.build.info", () -> 1).tag("version", version)
                .description("this node's aleph4j version").register(registry);
        for (MessageStatus status : MessageStatus.values()) {
            outcomes.put(status, Counter.builder("aleph4j.pipeline.messages")
                    .description("messages the pipeline left in each status since the node started")
                    .tag("status", status.wireName()).register(registry));
        }
        batches = Timer.builder("aleph4j.pipeline.batch.duration")
                .description("time to apply one batch of checked messages in one store transaction")
                .publishPercentiles(0.5, 0.99).register(registry);
        batchSizes = DistributionSummary.builder("aleph4j.pipeline.batch.size")
                .description("checked messages per store transaction").register(registry);
    }

    /** One HTTP request answered: {@code route} is the route's pattern, not the path, to bound the series. */
    public void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("aleph4j.http.requests")
                .description("HTTP requests answered, by route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A message reached {@code status}. */
    public void messageOutcome(MessageStatus status) {
        outcomes.get(status).increment();
    }

    public void batchApplied(int size, Duration took) {
        batches.record(took);
        batchSizes.record(size);
    }

    /** A value read at each scrape. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /**
     * A count kept by {@code source}, read at each scrape; it only grows. Micrometer holds {@code source} weakly: pass
     * an object the caller keeps alive (a lambda made for the call would be collected, and the count read as NaN).
     */
    public <T> void counter(String name, String description, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).description(description).register(registry);
    }

    /** Every metric in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
