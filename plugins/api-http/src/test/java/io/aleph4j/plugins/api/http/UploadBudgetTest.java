package io.aleph4j.plugins.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class UploadBudgetTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final UploadBudget budget = new UploadBudget(Duration.ofHours(1), 100, 250, clock);

    @Test
    void anAddressIsCutOffOnceItsBytesPassItsBudgetAndOthersGoOn() throws Exception {
        budget.charge("alice", 60);

        assertThatThrownBy(() -> budget.charge("alice", 41)).isInstanceOf(UploadBudget.Exceeded.class)
                .hasMessageContaining("alice");
        budget.charge("alice", 40);
        assertThatThrownBy(() -> budget.checkOpen("alice")).isInstanceOf(HttpProblem.class)
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(429));
        budget.checkOpen("bob");
        budget.charge("bob", 100);
    }

    @Test
    void theNodesBudgetBoundsEveryAddressTogetherAndUnsignedUploads() throws Exception {
        budget.charge("a", 100);
        budget.charge("b", 100);
        budget.charge(null, 50);

        assertThatThrownBy(() -> budget.charge("c", 1)).isInstanceOf(UploadBudget.Exceeded.class)
                .hasMessageContaining("this node takes at most 250 bytes");
        assertThatThrownBy(() -> budget.checkOpen("d")).isInstanceOf(HttpProblem.class);
    }

    @Test
    void theBudgetsRenewWhenTheWindowTurns() throws Exception {
        budget.charge("alice", 100);
        budget.charge(null, 150);

        clock.advance(Duration.ofHours(1));

        budget.checkOpen("alice");
        budget.charge("alice", 100);
        budget.charge(null, 150);
    }

    @Test
    void aMeteredStreamIsCutOffWhereTheBudgetEnds() throws Exception {
        InputStream metered = budget.metered(new ByteArrayInputStream(new byte[150]), "alice");

        assertThatThrownBy(metered::readAllBytes).isInstanceOf(UploadBudget.Exceeded.class);
    }

    @Test
    void aStagedFileIsChargedToItsAddressOnceItsMessageArrivesWithoutChargingTheNodeTwice() throws Exception {
        budget.charge(null, 90);

        budget.chargeAddressOnly("alice", 90);

        budget.charge(null, 160);
        assertThatThrownBy(() -> budget.chargeAddressOnly("alice", 11)).isInstanceOf(HttpProblem.class)
                .satisfies(e -> assertThat(((HttpProblem) e).status()).isEqualTo(429))
                .hasMessageContaining("alice");
    }
}
