package io.aleph4j.kernel.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class OrderedParallelStageTest {

    @Test
    void resultsReachTheSinkInSubmissionOrderWhateverTheWorkTakes() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 4, 16, n -> {
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
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 2, 4, n -> {
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
        try (OrderedParallelStage<Integer, Integer> stage = new OrderedParallelStage<>("test", 2, 2, n -> {
            awaitUninterruptibly(release);
            return n;
        }, (input, result, failure) -> seen.add(result))) {
            stage.submit(0);
            stage.submit(1);
            stage.submit(2); // the sequencer has taken slot 0, so the window of 2 holds 1 and 2
            Thread extra = Thread.ofPlatform().start(() -> {
                try {
                    stage.submit(3);
                    extraSubmitted.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            extra.join(TimeUnit.MILLISECONDS.toMillis(300));
            assertThat(extraSubmitted).as("a submit beyond the window waits").isFalse();

            release.countDown();
            extra.join();
            assertThat(extraSubmitted).isTrue();
        }
        assertThat(seen).containsExactly(0, 1, 2, 3);
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
