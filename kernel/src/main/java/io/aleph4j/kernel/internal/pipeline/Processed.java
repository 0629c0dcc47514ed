package io.aleph4j.kernel.internal.pipeline;

/** A message with the outcome of its worker-side checks, on its way to the applier. */
record Processed(Work work, Checked checked) {
}
