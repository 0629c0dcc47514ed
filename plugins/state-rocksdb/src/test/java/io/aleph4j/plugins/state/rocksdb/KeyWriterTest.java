package io.aleph4j.plugins.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

final class KeyWriterTest {

    @Test
    void textKeysSortInCodePointOrderWithPrefixesFirstAndNulCharactersKept() {
        List<String> texts = new ArrayList<>(List.of("b", "B", "a", "ab", "a\u0000", "a\u0000b", "", "\u00e9",
                "\uFFFD", "\uD83D\uDE00", "a\u0001"));
        List<String> byKey = new ArrayList<>(texts);
        byKey.sort(Comparator.comparing(text -> KeyWriter.key().text(text).code(7).build(), Bytes::compare));
        texts.sort(Reads.CODE_POINT_ORDER);
        assertThat(byKey).containsExactlyElementsOf(texts);
        for (String text : texts) {
            assertThat(new KeyReader(KeyWriter.key().text(text).code(7).build()).text()).isEqualTo(text);
        }
    }

    @Test
    void timeKeysSortAsDoubleCompareOrdersAndReadBack() {
        List<Double> times = new ArrayList<>(List.of(1.5, -1.0, 0.0, -0.0, 1e300, -1e300, 1_795_485_266.123,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1e-300, -2.5));
        List<Double> byKey = new ArrayList<>(times);
        byKey.sort(Comparator.comparing(time -> KeyWriter.key().time(time).build(), Bytes::compare));
        times.sort(Double::compare);
        assertThat(byKey).containsExactlyElementsOf(times);
        for (double time : times) {
            assertThat(new KeyReader(KeyWriter.key().time(time).build()).time()).isEqualTo(time);
        }
    }

    @Test
    void numberKeysSortByValue() {
        List<Long> numbers = new ArrayList<>(List.of(5L, -5L, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 1_700_000_000_000_000L));
        List<Long> byKey = new ArrayList<>(numbers);
        byKey.sort(Comparator.comparing(number -> KeyWriter.key().number(number).build(), Bytes::compare));
        numbers.sort(Long::compare);
        assertThat(byKey).containsExactlyElementsOf(numbers);
    }
}
