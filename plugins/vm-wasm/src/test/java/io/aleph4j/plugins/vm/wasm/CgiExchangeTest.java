package io.aleph4j.plugins.vm.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgiExchangeTest {

    @Test
    void headerLinesThenAnEmptyLineThenTheBodyWithLfOrCrlf() throws Exception {
        for (String separator : List.of("\n", "\r\n")) {
            VmResponse response = CgiExchange.response(("Content-Type: text/plain" + separator + "X-A: b" + separator
                    + separator + "body" + separator + "more").getBytes(StandardCharsets.UTF_8));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsExactly(new VmHeader("Content-Type", "text/plain"),
                    new VmHeader("X-A", "b"));
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("body" + separator + "more");
        }
    }

    @Test
    void theStatusHeaderIsTheStatusAndALocationAloneIsARedirect() throws Exception {
        assertThat(CgiExchange.response("Status: 404 Not Found\n\n".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(404);
        VmResponse redirect = CgiExchange.response("Location: /elsewhere\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.headers()).containsExactly(new VmHeader("Location", "/elsewhere"));
    }

    @Test
    void anEmptyFirstLineMeansNoHeaders() throws Exception {
        VmResponse response = CgiExchange.response("\nplain".getBytes(StandardCharsets.UTF_8));

        assertThat(response.headers()).isEmpty();
        assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("plain");
    }

    @Test
    void outputWithoutAHeaderBlockOrWithABadStatusIsNoResponse() {
        assertThatThrownBy(() -> CgiExchange.response("just text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VmException.class).hasMessageContaining("no CGI header block");
        assertThatThrownBy(() -> CgiExchange.response("Status: teapot\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VmException.class).hasMessageContaining("Status header");
    }

    @Test
    void cgiVariablesWinOverMessageVariablesOfTheSameName() {
        Map<String, String> env = CgiExchange.environment(Map.of("REQUEST_METHOD", "FAKE", "MINE", "kept"), "h",
                new VmRequest("GET", "/p", List.of(new VmHeader("Accept", "*/*")), InputStream.nullInputStream()), 0);

        assertThat(env).containsEntry("REQUEST_METHOD", "GET").containsEntry("MINE", "kept")
                .containsEntry("HTTP_ACCEPT", "*/*").containsEntry("QUERY_STRING", "")
                .doesNotContainKey("CONTENT_LENGTH");
    }
}
