package io.aleph4j.kernel.internal.metrics;

import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.pipeline.AppliedIndex;

/**
 * Where the message log stands: Chronicle indexes (-1: none yet) of the last inbox entry, of the last event, and of
 * the last inbox entry the state store applied, and how many inbox entries it has not applied yet.
 */
public record LogPositions(long inboxLastIndex, long eventsLastIndex, long appliedIndex, long pipelineLag) {

    public static LogPositions of(ChronicleMessageLog log, AppliedIndex applied) {
        long appliedIndex = applied.applied();
        return new LogPositions(log.lastInboxIndex(), log.lastEventIndex(), appliedIndex,
                log.inboxEntriesAfter(appliedIndex));
    }
}
