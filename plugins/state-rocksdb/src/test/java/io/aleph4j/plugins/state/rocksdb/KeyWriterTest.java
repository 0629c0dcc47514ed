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

    @Test
    void sha256HashesTakeThirtyTwoBytesSortAsTheirHexAndEveryHashReadsBack() {
        List<String> sha256 = new ArrayList<>(List.of("ff" + "0".repeat(62), "0".repeat(64), "0a" + "f".repeat(62),
                "a0" + "0".repeat(62), "9f" + "e".repeat(62)));
        List<String> byKey = new ArrayList<>(sha256);
        byKey.sort(Comparator.comparing(hash -> KeyWriter.key().code(1).hash(hash).build(), Bytes::compare));
        sha256.sort(Comparator.naturalOrder());
        assertThat(byKey).containsExactlyElementsOf(sha256);
        assertThat(KeyWriter.key().hash(sha256.getFirst()).build()).hasSize(32);

        String cidV0 = "QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB";
        String cidV1 = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
        String cidOf32 = "b" + "a".repeat(31);
        for (String hash : List.of(sha256.getFirst(), sha256.getLast(), cidV0, cidV1, cidOf32)) {
            byte[] key = KeyWriter.key().time(5.0).hash(hash).build();
            KeyReader reader = new KeyReader(key);
            assertThat(reader.time()).isEqualTo(5.0);
            assertThat(reader.hash()).isEqualTo(hash);
        }
        assertThat(KeyWriter.key().hash(cidOf32).build()).hasSize(33);
    }
}
