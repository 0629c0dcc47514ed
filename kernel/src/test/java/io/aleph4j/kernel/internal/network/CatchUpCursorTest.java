package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CatchUpCursorTest {

    private static final int PAGE = 3;
    private static final double OVERLAP = 60;

    @Test
    void aFullPageMovesTheQueryToItsLastMessageTimeAndBackToTheFirstPage() {
        CatchUpCursor next = new CatchUpCursor(100, 1, 100).after(PAGE, PAGE, 250, 250, OVERLAP);

        assertThat(next).isEqualTo(new CatchUpCursor(250, 1, 250));
    }

    @Test
    void aFullPageOfMessagesThatAllShareTheQueryStartReadsTheNextPageOfTheSameQuery() {
        CatchUpCursor next = new CatchUpCursor(100, 2, 100).after(PAGE, PAGE, 100, 100, OVERLAP);

        assertThat(next).isEqualTo(new CatchUpCursor(100, 3, 100));
    }

    @Test
    void aShortPageIsCaughtUpAndTheNextRoundStartsTheOverlapBeforeTheNewestTimeRead() {
        CatchUpCursor next = new CatchUpCursor(100, 1, 100).after(2, PAGE, 400, 400, OVERLAP);

        assertThat(next).isEqualTo(new CatchUpCursor(340, 1, 400));
    }

    @Test
    void anEmptyPageKeepsTheNewestTimeSoRepeatedRoundsDoNotSlideBackwards() {
        CatchUpCursor caughtUp = new CatchUpCursor(340, 1, 400);

        CatchUpCursor next = caughtUp.after(0, PAGE, 0, 0, OVERLAP).after(0, PAGE, 0, 0, OVERLAP);

        assertThat(next).isEqualTo(caughtUp);
    }

    @Test
    void aPageOfOnlyOlderMessagesNeverMovesTheNewestTimeBack() {
        CatchUpCursor next = new CatchUpCursor(340, 1, 400).after(1, PAGE, 350, 350, OVERLAP);

        assertThat(next.highWater()).isEqualTo(400);
        assertThat(next.start()).isEqualTo(340);
    }

    @Test
    void theOverlapNeverStartsBeforeTheEpoch() {
        assertThat(CatchUpCursor.BEGINNING.after(1, PAGE, 10, 10, OVERLAP).start()).isZero();
    }

    @Test
    void aPageBeforeTheFirstIsRefused() {
        assertThatThrownBy(() -> new CatchUpCursor(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNextPageOfARoundKeepsTheQueryAndRemembersTheNewestTime() {
        CatchUpCursor next = new CatchUpCursor(100, 1, 100).nextPage(250).nextPage(240);

        assertThat(next).isEqualTo(new CatchUpCursor(100, 3, 250));
    }

    @Test
    void afterARoundTheQueryMovesToTheLastTimeReadAndBackToItsFirstPage() {
        assertThat(new CatchUpCursor(100, 6, 300).movedTo(300)).isEqualTo(new CatchUpCursor(300, 1, 300));
    }

    @Test
    void aRoundWhoseMessagesAllShareTheStartsTimeKeepsPaging() {
        CatchUpCursor sameTime = new CatchUpCursor(100, 6, 100);

        assertThat(sameTime.movedTo(100)).isEqualTo(sameTime);
    }
}
