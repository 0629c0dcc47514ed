package io.aleph4j.api.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class PublicationStatusTest {

    @Test
    void publishedOnEveryTransportIsASuccess() {
        PublicationStatus status = new PublicationStatus(List.of(), 1);

        assertThat(status.status()).isEqualTo("success");
        assertThat(status.reportedFailures()).isEmpty();
    }

    @Test
    void aFailedTransportIsAWarningNamingItsProtocol() {
        PublicationStatus status = new PublicationStatus(List.of("p2p"), 1);

        assertThat(status.status()).isEqualTo("warning");
        assertThat(status.reportedFailures()).containsExactly("p2p");
    }

    @Test
    void aNodeWithoutATransportNeverClaimsSuccess() {
        PublicationStatus status = new PublicationStatus(List.of(), 0);

        assertThat(status.status()).isEqualTo("warning");
        assertThat(status.reportedFailures()).containsExactly("p2p");
    }
}
