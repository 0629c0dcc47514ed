package io.aleph4j.plugins.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class Base58Test {

    /** Bitcoin Core's base58 test vectors (hex → base58). */
    private static final Map<String, String> VECTORS = Map.ofEntries(
            Map.entry("", ""),
            Map.entry("61", "2g"),
            Map.entry("626262", "a3gV"),
            Map.entry("636363", "aPEr"),
            Map.entry("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
            Map.entry("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
            Map.entry("516b6fcd0f", "ABnLTmg"),
            Map.entry("bf4f89001e670274dd", "3SEo3LWLoPntC"),
            Map.entry("572e4794", "3EFU7m"),
            Map.entry("ecac89cad93923c02321", "EJDM8drfXA6uyA"),
            Map.entry("10c8511e", "Rt5zm"),
            Map.entry("00000000000000000000", "1111111111"));

    @Test
    void encodingAndDecodingMatchTheBitcoinVectors() {
        VECTORS.forEach((hex, base58) -> {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThat(Base58.encode(bytes)).as("encode %s", hex).isEqualTo(base58);
            assertThat(Base58.decode(base58)).as("decode %s", base58).isEqualTo(bytes);
        });
    }

    @Test
    void charactersOutsideTheAlphabetAreNamed() {
        for (String bad : new String[] {"0", "O", "I", "l", "é", " "}) {
            assertThatThrownBy(() -> Base58.decode("abc" + bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at position 3 is not a base58 character");
        }
    }
}
