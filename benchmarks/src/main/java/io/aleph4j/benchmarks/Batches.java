package io.aleph4j.benchmarks;

import io.aleph4j.testkit.EmbeddedNode;

/**
 * The pipeline's store transactions so far, read from the node's {@code /metrics}: how many batches it applied, the
 * messages in them and the time applying them took. Two readings around a phase tell how the phase batched: the
 * sequencer's cost per message depends on it (each transaction pays its commit once, whatever its size).
 */
record Batches(double count, double messages, double seconds) {

    static Batches of(EmbeddedNode node) {
        String metrics = node.get("/metrics").body();
        return new Batches(sample(metrics, "aleph4j_pipeline_batch_size_count"),
                sample(metrics, "aleph4j_pipeline_batch_size_sum"),
                sample(metrics, "aleph4j_pipeline_batch_duration_seconds_sum"));
    }

    /** The batches since {@code before}: their number, mean size and mean time to apply. */
    String summarySince(Batches before) {
        double batches = count - before.count;
        if (batches <= 0) {
            return "no batches";
        }
        return String.format("%,.0f batches of %,.0f messages on average, %.2f ms each to apply (%.0f µs per "
                + "message)", batches, (messages - before.messages) / batches, (seconds - before.seconds) * 1e3
                / batches, (seconds - before.seconds) * 1e6 / (messages - before.messages));
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
