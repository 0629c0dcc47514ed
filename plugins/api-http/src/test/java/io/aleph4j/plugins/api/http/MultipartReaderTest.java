package io.aleph4j.plugins.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartReaderTest {

    private static final String BODY = "preamble\r\n--b0undary\r\n"
            + "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n"
            + "{\"sync\":true}\r\n--b0undary\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\nContent-Type: text/plain\r\n\r\n"
            + "line one\r\n--b0undar not yet\r\nline two\r\n--b0undary--\r\nepilogue";

    @ParameterizedTest(name = "read {0} bytes at a time")
    @ValueSource(ints = {1, 3, 7, 64, 100_000})
    void partsAreReadInOrderWhateverTheInputsChunking(int chunk) throws IOException {
        MultipartReader reader = new MultipartReader(new Trickle(BODY.getBytes(StandardCharsets.UTF_8), chunk),
                "b0undary");

        MultipartReader.Part metadata = reader.next().orElseThrow();
        assertThat(metadata.name()).isEqualTo("metadata");
        assertThat(metadata.fileName()).isEmpty();
        assertThat(new String(metadata.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"sync\":true}");

        MultipartReader.Part file = reader.next().orElseThrow();
        assertThat(file.name()).isEqualTo("file");
        assertThat(file.fileName()).hasValue("blob");
        assertThat(new String(file.body().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("line one\r\n--b0undar not yet\r\nline two");

        assertThat(reader.next()).isEmpty();
    }

    @Test
    void anUnreadPartIsSkippedWhenTheNextOneIsAskedFor() throws IOException {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.UTF_8)),
                "b0undary");
        reader.next().orElseThrow();

        assertThat(reader.next().orElseThrow().name()).isEqualTo("file");
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsMalformed() throws IOException {
        String cut = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8)),
                "b0undary");
        InputStream body = reader.next().orElseThrow().body();

        assertThatThrownBy(body::readAllBytes).isInstanceOf(MultipartReader.MalformedMultipart.class)
                .hasMessageContaining("closing boundary");
    }

    @Test
    void aPartWithoutANameIsMalformed() {
        String nameless = "--b0undary\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0undary--\r\n";
        MultipartReader reader = new MultipartReader(
                new ByteArrayInputStream(nameless.getBytes(StandardCharsets.UTF_8)), "b0undary");

        assertThatThrownBy(reader::next).isInstanceOf(MultipartReader.MalformedMultipart.class);
    }

    @Test
    void aQuotedFileNameMayHoldSemicolonsAndNonAsciiText() throws IOException {
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b été.txt\"\r\n"
                + "\r\nx\r\n--b0undary--\r\n";
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                "b0undary");

        assertThat(reader.next().orElseThrow().fileName()).hasValue("a;b été.txt");
    }

    @Test
    void theBoundaryComesFromAMultipartContentTypeOnly() {
        assertThat(MultipartReader.boundaryOf("multipart/form-data; boundary=axios-1.21.1-boundary-xyz"))
                .hasValue("axios-1.21.1-boundary-xyz");
        assertThat(MultipartReader.boundaryOf("multipart/form-data; boundary=\"quoted\"")).hasValue("quoted");
        assertThat(MultipartReader.boundaryOf("application/json")).isEmpty();
        assertThat(MultipartReader.boundaryOf("multipart/form-data")).isEmpty();
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    private static final class Trickle extends InputStream {

        private final ByteArrayInputStream in;
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            this.in = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, Math.min(length, chunk));
        }
    }
}
