package io.aleph4j.plugins.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class Base64LinesTest {

    @Test
    void linesAreWhatPythonsEncodebytesWritesWithTheirNewlinesEscapedForJson() throws IOException {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        // base64.encodebytes(bytes(range(100))), each "\n" written as the two characters of a JSON escape.
        String python = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\\n"
                + "OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiYw==\\n";

        assertThat(encode(bytes)).isEqualTo(python);
        assertThat(Base64Lines.length(bytes.length)).isEqualTo(python.length());
    }

    @Test
    void aWholeLineEndsWithoutPaddingAndNothingIsEmpty() throws IOException {
        assertThat(encode(new byte[57])).isEqualTo("A".repeat(76) + "\\n");
        assertThat(Base64Lines.length(57)).isEqualTo(78);
        assertThat(encode(new byte[0])).isEmpty();
        assertThat(Base64Lines.length(0)).isZero();
    }

    @Test
    void theLengthIsExactForEverySizeAroundLineAndGroupBoundaries() throws IOException {
        for (int size = 0; size < 200; size++) {
            assertThat(encode(new byte[size]).length()).as("size %d", size).isEqualTo(Base64Lines.length(size));
        }
    }

    private static String encode(byte[] bytes) throws IOException {
        try (InputStream in = new Base64Lines(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
