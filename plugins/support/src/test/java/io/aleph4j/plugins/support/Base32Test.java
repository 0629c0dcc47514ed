package io.aleph4j.plugins.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class Base32Test {

    @Test
    void rfc4648VectorsEncodeAndDecodeWithoutPadding() {
        String[][] vectors = {{"", ""}, {"f", "my"}, {"fo", "mzxq"}, {"foo", "mzxw6"}, {"foob", "mzxw6yq"},
            {"fooba", "mzxw6ytb"}, {"foobar", "mzxw6ytboi"}};
        for (String[] vector : vectors) {
            byte[] bytes = vector[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(Base32.encode(bytes)).isEqualTo(vector[1]);
            assertThat(Base32.decode(vector[1])).hasValueSatisfying(decoded -> assertThat(decoded).isEqualTo(bytes));
            assertThat(Base32.decode(vector[1].toUpperCase())).hasValueSatisfying(
                    decoded -> assertThat(decoded).isEqualTo(bytes));
        }
    }

    @Test
    void aCrnHostnameLabelIsTheFiftyTwoCharacterFormOfAnItemHash() {
        // The example label of aleph-vm's docs: it decodes to 32 bytes and encodes back to itself.
        String label = "du4ef7cck7ap2t44pvoflo5bmjsn5dke6rzglikpr5xljvkc3wra";
        byte[] hash = Base32.decode(label).orElseThrow();

        assertThat(hash).hasSize(32);
        assertThat(Base32.encode(hash)).isEqualTo(label);
        assertThat(HexFormat.of().formatHex(hash)).hasSize(64);
    }

    @Test
    void textsNoBytesEncodeToAreRefused() {
        assertThat(Base32.decode("m")).isEmpty();
        assertThat(Base32.decode("mzx")).isEmpty();
        assertThat(Base32.decode("mz")).isEmpty(); // last bits not zero: "f" encodes to "my"
        assertThat(Base32.decode("my1")).isEmpty();
        assertThat(Base32.decode("m=")).isEmpty();
        assertThat(Base32.decode("www.example")).isEmpty();
    }
}
