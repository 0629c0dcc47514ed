package io.aleph4j.plugins.hello;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class HelloRoutesTest {

    @Test
    void greetingsAreEscapedAsJsonStrings() {
        assertThat(HelloRoutes.jsonString("say \"hi\"\n\\ \u0001")).isEqualTo("\"say \\\"hi\\\"\\n\\\\ \\u0001\"");
    }

    @Test
    void plainTextIsQuotedUnchanged() {
        assertThat(HelloRoutes.jsonString("hello from aleph4j")).isEqualTo("\"hello from aleph4j\"");
    }
}
