package io.aleph4j.plugins.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
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

    @Test
    void randomBytesEncodeAsTheDefinitionSaysAndDecodeBack() {
        Random random = new Random(58);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            for (int zero = 0; zero < bytes.length && random.nextInt(4) == 0; zero++) {
                bytes[zero] = 0;
            }
            String expected = byDefinition(bytes);

            assertThat(Base58.encode(bytes)).as("encode %s", HexFormat.of().formatHex(bytes)).isEqualTo(expected);
            assertThat(Base58.decode(expected)).as("decode %s", expected).isEqualTo(bytes);
        }
    }

    /** Base58 as specified: the number's digits in base 58, and a '1' for each leading zero byte. */
    private static String byDefinition(byte[] bytes) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder text = new StringBuilder();
        BigInteger number = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(58);
        while (number.signum() > 0) {
            BigInteger[] quotientAndRemainder = number.divideAndRemainder(base);
            text.append(alphabet.charAt(quotientAndRemainder[1].intValue()));
            number = quotientAndRemainder[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            text.append('1');
        }
        return text.reverse().toString();
    }
}
