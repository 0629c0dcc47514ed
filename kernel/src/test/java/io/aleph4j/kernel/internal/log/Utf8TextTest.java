package io.aleph4j.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8TextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "POST", "{\"body\":\"message 1\",\"type\":\"test\"}", "café", "日本語", "emoji 🚀 here",
            "lone \uD800 surrogate", "\u007F\u0080"})
    void writesTheSameBytesAsChronicleAndReadsWhatChronicleWrote(String text) {
        Bytes<?> ours = Bytes.allocateElasticOnHeap();
        Bytes<?> chronicles = Bytes.allocateElasticOnHeap();
        Utf8Text.write(ours, text);
        ours.writeLong(42);
        chronicles.writeUtf8(text);
        chronicles.writeLong(42);

        assertThat(Arrays.equals(ours.toByteArray(), chronicles.toByteArray())).as("same bytes on disk").isTrue();
        assertThat(Utf8Text.read(chronicles)).isEqualTo(text);
        assertThat(chronicles.readLong()).as("the next field").isEqualTo(42);
        assertThat(ours.readUtf8()).isEqualTo(text);
    }

    @Test
    void nullStaysNull() {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        Utf8Text.write(bytes, null);
        bytes.writeUtf8((String) null);
        assertThat(Utf8Text.read(bytes)).isNull();
        assertThat(Utf8Text.read(bytes)).isNull();
    }
}
