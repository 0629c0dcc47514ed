package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class PythonUnquoteTest {

    @Test
    void percentEscapesBecomeTheirUtf8CharactersAsInPython() {
        // urllib.parse.unquote('%7B%22a%22%3A%22%C3%A9%22%7D') == '{"a":"é"}'
        assertThat(PythonUnquote.unquote("%7B%22a%22%3A%22%C3%A9%22%7D")).isEqualTo("{\"a\":\"é\"}");
    }

    @Test
    void aPlusStaysAPlusUnlikeUrlDecoder() {
        assertThat(PythonUnquote.unquote("a+b%20c")).isEqualTo("a+b c");
    }

    @Test
    void aPercentWithoutTwoHexDigitsStaysAsItIs() {
        assertThat(PythonUnquote.unquote("100% %zz %4")).isEqualTo("100% %zz %4");
        assertThat(PythonUnquote.unquote("plain {\"json\":1}")).isEqualTo("plain {\"json\":1}");
    }

    @Test
    void bytesThatAreNotUtf8BecomeTheReplacementCharacter() {
        assertThat(PythonUnquote.unquote("a%FFb")).isEqualTo("a\uFFFDb");
    }
}
