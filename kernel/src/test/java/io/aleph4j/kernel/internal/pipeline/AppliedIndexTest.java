package io.aleph4j.kernel.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a {@code sync} submission waits on: woken by the commit that covers its entry, or told why not. */
final class AppliedIndexTest {

    private final AppliedIndex applied = new AppliedIndex();

    @Test
    void aWaiterIsWokenByTheCommitThatCoversItsEntry() throws Exception {
        applied.start(-1);
        applied.advance(4);
        assertThat(applied.await(5, Duration.ofMillis(20))).as("index 4 does not cover entry 5").isFalse();
        FutureTask<Boolean> waiter = new FutureTask<>(() -> applied.await(5, Duration.ofMinutes(1)));
        Thread thread = Thread.ofPlatform().start(waiter);
        awaitWaiting(thread);

        applied.advance(7);

        assertThat(waiter.get(10, TimeUnit.SECONDS)).as("woken, long before its minute is up").isTrue();
    }

    @Test
    void anEntryCoveredAlreadyNeedsNoWaitAndAnUncoveredOneTimesOut() throws Exception {
        applied.start(10);

        assertThat(applied.await(3, Duration.ZERO)).isTrue();
        assertThat(applied.await(11, Duration.ofMillis(20))).isFalse();
    }

    @Test
    void aStoppedPipelineReleasesItsWaitersAndAFailedOneSaysWhy() throws Exception {
        applied.start(-1);
        FutureTask<Boolean> waiter = new FutureTask<>(() -> applied.await(0, Duration.ofMinutes(1)));
        Thread thread = Thread.ofPlatform().start(waiter);
        awaitWaiting(thread);

        applied.stop();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(applied.isRunning()).isFalse();

        applied.start(-1);
        applied.fail(new IllegalStateException("disk full"));
        assertThatThrownBy(() -> applied.await(0, Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("disk full");
    }

    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
    }
}
