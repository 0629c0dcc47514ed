package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class PeerLimitsTest {

    /** A clock the test moves (the kernel's tests cannot use the testkit's ManualClock: it depends on the kernel). */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final PeerLimits limits = new PeerLimits(10, 20, 3, clock);

    @Test
    void aPeerIsCutOffAfterItsBurstAndAdmittedAgainAsItsBucketRefills() {
        for (int i = 0; i < 20; i++) {
            assertThat(limits.admit("flooder")).isTrue();
        }
        assertThat(limits.admit("flooder")).isFalse();
        assertThat(limits.admit("other")).as("another peer is not slowed").isTrue();

        clock.advance(Duration.ofMillis(500));

        for (int i = 0; i < 5; i++) {
            assertThat(limits.admit("flooder")).isTrue();
        }
        assertThat(limits.admit("flooder")).isFalse();
    }

    @Test
    void aPeerIsToBeDisconnectedOnceItsInvalidMessagesPassTheMinutesAllowance() {
        assertThat(limits.invalid("liar")).isFalse();
        assertThat(limits.invalid("liar")).isFalse();
        assertThat(limits.invalid("liar")).isFalse();
        assertThat(limits.invalid("liar")).isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(limits.invalid("liar")).as("a new minute, a new allowance").isFalse();
    }
}
