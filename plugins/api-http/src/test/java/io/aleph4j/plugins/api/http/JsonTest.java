package io.aleph4j.plugins.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class JsonTest {

    @Test
    void isoOffsetWritesMicrosecondsOnlyWhenThereAreSomeAsPythonsIsoformatDoes() {
        assertThat(Json.isoOffset(1_795_485_266.0)).isEqualTo("2026-11-24T01:54:26+00:00");
        assertThat(Json.isoOffset(1_795_485_266.25)).isEqualTo("2026-11-24T01:54:26.250000+00:00");
        assertThat(Json.isoOffset(1_795_485_266.000001)).isEqualTo("2026-11-24T01:54:26.000001+00:00");
    }

    @Test
    void isoZWritesPydanticsDatetimes() {
        assertThat(Json.isoZ(1_795_485_266.0)).isEqualTo("2026-11-24T01:54:26Z");
        assertThat(Json.isoZ(1_795_485_266.5)).isEqualTo("2026-11-24T01:54:26.500000Z");
    }
}
