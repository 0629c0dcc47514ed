package io.aleph4j.kernel.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void theThreeSingleRangeFormsAreServedClippedToTheBody() {
        assertThat(ByteRange.of(Optional.of("bytes=2-5"), 10)).isEqualTo(new ByteRange.Partial(new ByteRange(2, 5)));
        assertThat(ByteRange.of(Optional.of("bytes=7-"), 10)).isEqualTo(new ByteRange.Partial(new ByteRange(7, 9)));
        assertThat(ByteRange.of(Optional.of("bytes=-3"), 10)).isEqualTo(new ByteRange.Partial(new ByteRange(7, 9)));
        assertThat(ByteRange.of(Optional.of("bytes=-30"), 10)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 9)));
        assertThat(ByteRange.of(Optional.of("bytes=8-100"), 10))
                .isEqualTo(new ByteRange.Partial(new ByteRange(8, 9)));
        assertThat(new ByteRange(8, 9).contentRange(10)).isEqualTo("bytes 8-9/10");
    }

    @Test
    void aRangeStartingPastTheEndCannotBeSatisfied() {
        assertThat(ByteRange.of(Optional.of("bytes=10-"), 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.of(Optional.of("bytes=-0"), 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void headersNotUnderstoodOrAskingSeveralRangesGetTheWholeBody() {
        assertThat(ByteRange.of(Optional.empty(), 10)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of(Optional.of("bytes=0-1,4-5"), 10)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of(Optional.of("items=0-1"), 10)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of(Optional.of("bytes=5-2"), 10)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of(Optional.of("bytes=x-"), 10)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.of(Optional.of("bytes=99999999999999999999-"), 10)).isInstanceOf(ByteRange.Whole.class);
    }
}
