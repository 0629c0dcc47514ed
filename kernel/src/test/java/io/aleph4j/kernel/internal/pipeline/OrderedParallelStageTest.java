package io.aleph4j.kernel.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class OrderedParallelStageTest {

    @Test
    void resultsReachTheSinkInSubmissionOrderWhateverTheWorkTakes() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 4, 16, Duration.ZERO, n -> {
            sleepMicros(ThreadLocalRandom.current().nextInt(500));
            return n * 2;
        }, (input, result, failure) -> seen.add(result))) {
            for (int i = 0; i < 500; i++) {
                stage.submit(i);
            }
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 500).map(n -> n * 2).boxed().toList());
    }

    @Test
    void aFailedItemReachesTheSinkAsAFailureAndLaterItemsStillFollow() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 2, 4, Duration.ZERO, n -> {
            if (n == 1) {
                throw new IllegalArgumentException("bad input " + n);
            }
            return n;
        }, (input, result, failure) -> seen.add(failure == null ? "ok " + result : "failed " + failure.getMessage()))) {
            stage.submit(0);
            stage.submit(1);
            stage.submit(2);
        }
        assertThat(seen).containsExactly("ok 0", "failed bad input 1", "ok 2");
    }

    @Test
    void submitBlocksWhileTheWindowIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean extraSubmitted = new AtomicBoolean();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 2, 2, Duration.ZERO, n -> {
            awaitUninterruptibly(release);
            return n;
        }, (input, result, failure) -> seen.add(result))) {
            try {
                stage.submit(0);
                stage.submit(1); // the window of 2 is full until the sink has had 0
                Thread extra = Thread.ofPlatform().start(() -> {
                    try {
                        stage.submit(2);
                        extraSubmitted.set(true);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                extra.join(TimeUnit.MILLISECONDS.toMillis(300));
                assertThat(extraSubmitted).as("a submit beyond the window waits").isFalse();

                release.countDown();
                extra.join(10_000);
                assertThat(extraSubmitted).isTrue();
            } finally {
                release.countDown();
            }
        }
        assertThat(seen).containsExactly(0, 1, 2);
    }

    @Test
    void aSubmitterWaitingForAFullWindowGoesOnOnlyOnceHalfOfItIsFree() throws Exception {
        List<CountDownLatch> releases = IntStream.range(0, 5).mapToObj(i -> new CountDownLatch(1)).toList();
        AtomicBoolean extraSubmitted = new AtomicBoolean();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 4, 4, Duration.ZERO,
                n -> {
                    awaitUninterruptibly(releases.get(n));
                    return n;
                }, (input, result, failure) -> seen.add(result))) {
            try {
                for (int i = 0; i < 4; i++) {
                    stage.submit(i);
                }
                Thread extra = Thread.ofPlatform().start(() -> {
                    try {
                        stage.submit(4);
                        extraSubmitted.set(true);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                awaitParked(extra);
                releases.get(0).countDown();
                awaitSize(seen, 1);
                extra.join(300);
                assertThat(extraSubmitted).as("three of four in flight: not half free yet").isFalse();

                releases.get(1).countDown();
                extra.join(10_000);
                assertThat(extraSubmitted).as("two of four in flight: half free").isTrue();
            } finally {
                // Lets close() hand everything on even when an assertion failed.
                releases.forEach(CountDownLatch::countDown);
            }
        }
        assertThat(seen).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aSubmitterWaitingForRoomIsRefusedOnceTheSinkFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> refusal = new AtomicReference<>();
        OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 1, 1, Duration.ZERO, n -> {
            awaitUninterruptibly(release);
            return n;
        }, (input, result, failure) -> {
            throw new IllegalStateException("the sink broke on " + input);
        });
        try {
            stage.submit(0);
            Thread waiting = Thread.ofPlatform().start(() -> {
                try {
                    stage.submit(1);
                } catch (IllegalStateException | InterruptedException e) {
                    refusal.set(e);
                }
            });
            awaitParked(waiting);
            release.countDown();
            waiting.join(10_000);
            assertThat(refusal.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sink failed").hasRootCauseMessage("the sink broke on 0");
        } finally {
            release.countDown();
            stage.close();
        }
    }

    @Test
    void aSubmitAfterCloseIsRefused() throws Exception {
        OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 1, 4, Duration.ZERO,
                n -> n, (input, result, failure) -> { });
        stage.close();
        assertThatThrownBy(() -> stage.submit(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        stage.close();
    }

    /** Waits until the thread sleeps (a submitter waiting for room) or has ended. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING
                && thread.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void resultsArrivingWithinTheLingerFormOneBurstEvenWhenSomeAreSlow() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 2, 8,
                Duration.ofMinutes(1), n -> {
                    sleepMicros(n == 1 ? 50_000 : 0);
                    return n;
                }, recordingSink(seen))) {
            stage.submit(0);
            stage.submit(1);
            stage.submit(2);
        }
        assertThat(seen).containsExactly("0", "1", "2", "end of burst");
    }

    @Test
    void withoutALingerABurstEndsWhenTheNextResultIsNotReady() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 2, 8, Duration.ZERO,
                n -> {
                    if (n == 1) {
                        awaitUninterruptibly(release);
                    }
                    return n;
                }, recordingSink(seen))) {
            stage.submit(0);
            stage.submit(1);
            awaitSize(seen, 2);
            release.countDown();
        }
        assertThat(seen).containsExactly("0", "end of burst", "1", "end of burst");
    }

    @Test
    void aLoneResultIsFlushedOnceTheLingerHasPassed() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 1, 8,
                Duration.ofMillis(20), n -> n, recordingSink(seen))) {
            stage.submit(7);
            awaitSize(seen, 2);
            assertThat(seen).containsExactly("7", "end of burst");
        }
    }

    private static OrderedParallelStage.Sink<Integer, Integer> recordingSink(List<String> seen) {
        return new OrderedParallelStage.Sink<>() {
            @Override
            public void accept(Integer input, Integer result, Throwable failure) {
                seen.add(String.valueOf(result));
            }

            @Override
            public void endOfBurst() {
                seen.add("end of burst");
            }
        };
    }

    private static void awaitSize(List<?> seen, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(seen).as("what the sink saw").hasSizeGreaterThanOrEqualTo(size);
    }

    private static void sleepMicros(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
