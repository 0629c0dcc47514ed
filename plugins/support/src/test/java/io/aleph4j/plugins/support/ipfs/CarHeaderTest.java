package io.aleph4j.plugins.support.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CAR v1 headers: the valid ones written by {@code @ipld/dag-cbor} (js-ipfs 0.66's encoder) for
 * {@code {version: 1, roots: [cid]}}, and each way a header can be refused, with the reference node's reasons.
 */
final class CarHeaderTest {

    private static final HexFormat HEX = HexFormat.of();
    /** "hello world" as a raw block, CIDv1 (01 55 12 20 ...). */
    private static final String RAW_V1 = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
    private static final String RAW_V1_LINK = "d82a58250001551220b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7"
            + "ace2efcde9";
    /** "hello world" as `ipfs add` makes it, CIDv0 (12 20 ...). */
    private static final String DAG_PB_V0 = "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD";
    private static final String DAG_PB_V0_LINK = "d82a5823001220f852c7fa62f971817f54d8a80dcd63fcf7098b3cbde9ae8ec1ee4490"
            + "13ec5db0";
    private static final String ROOTS = "65726f6f7473";
    private static final String VERSION = "6776657273696f6e";

    @Test
    void aCidv1RootReadsAsBase32AndLeavesTheStreamAtTheFirstBlock() throws IOException {
        InputStream car = new ByteArrayInputStream(concat(car("a2" + ROOTS + "81" + RAW_V1_LINK + VERSION + "01"),
                new byte[] {42, 43}));

        assertThat(CarHeader.readRoot(car)).isEqualTo(RAW_V1);
        assertThat(car.readAllBytes()).containsExactly(42, 43);
    }

    @Test
    void aCidv0RootReadsAsBase58() throws IOException {
        assertThat(root("a2" + ROOTS + "81" + DAG_PB_V0_LINK + VERSION + "01")).isEqualTo(DAG_PB_V0);
    }

    @Test
    void otherKeysAndValuesOfEveryKindArePassedOver() throws IOException {
        // {"a": [-1, 1.5, true, false, null, h'01', {"b": "c"}], "roots": [...], "version": 1}
        String other = "61" + "61" + "87" + "20" + "fb3ff8000000000000" + "f5" + "f4" + "f6" + "4101" + "a1" + "6162"
                + "6163";
        assertThat(root("a3" + other + ROOTS + "81" + RAW_V1_LINK + VERSION + "01")).isEqualTo(RAW_V1);
    }

    @Test
    void theLengthVarintIsBoundedAndMustBeThere() {
        assertRefused(new byte[0], "malformed varint: truncated");
        assertRefused(HEX.parseHex("80"), "malformed varint: truncated");
        assertRefused(HEX.parseHex("ffffffffffffffffffff01"), "malformed varint: exceeds 10 bytes");
        assertRefused(HEX.parseHex("8140"), "header exceeds maximum size (8193 > 8192)");
        assertRefused(HEX.parseHex("ffffffffffffffffff01"), "header exceeds maximum size (18446744073709551615 > "
                + "8192)");
        assertRefused(HEX.parseHex("0aa2"), "truncated header");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty                    | ''                                   | the bytes end where an item should start",
        "trailing bytes           | a0 00                                | 1 bytes follow the item at byte 1",
        "indefinite map           | bf ff                                | indefinite length at byte 0",
        "non-minimal integer      | 1801                                 | integer 1 at byte 0 is not minimally encoded",
        "unknown tag              | c1 00                                | tag 1 at byte 0",
        "32-bit float             | fa 3f800000                          | float shorter than 64 bits",
        "NaN                      | fb 7ff8000000000000                  | (DAG-CBOR floats are finite)",
        "undefined                | f7                                   | simple value 23 at byte 0",
        "integer map key          | a1 01 01                             | map key at byte 1 is not a text string",
        "keys out of order        | a2 6776657273696f6e 01 65726f6f7473 80 | map key \"roots\" at byte 10 is out of canonical order",
        "duplicate key            | a2 6176 01 6176 02                   | duplicate map key \"v\"",
        "invalid UTF-8            | 62 c328                              | is not valid UTF-8",
        "length past the end      | 9a 00010000                          | length 65536 at byte 0 runs past the end",
        "link without 0x00        | d82a 4101                            | does not start with 0x00",
        "link to no CID           | d82a 43 000102                       | is not a CID: the CID ends inside its multihash code",
        "link over a text string  | d82a 6161                            | does not hold a byte string",
    })
    void malformedDagCborIsNamed(String name, String hex, String reason) {
        assertThatThrownBy(() -> CarHeader.readRoot(new ByteArrayInputStream(car(hex.replace(" ", "")))))
                .isInstanceOf(CarHeader.InvalidCarException.class).hasMessageStartingWith("malformed DAG-CBOR header: ")
                .hasMessageContaining(reason);
    }

    @Test
    void theHeaderMustBeAVersion1MapWithExactlyOneRootLink() {
        assertRefused(car("80"), "malformed DAG-CBOR header: not a map");
        assertRefused(car("a1" + ROOTS + "81" + RAW_V1_LINK), "unsupported CAR version (got None, expected 1)");
        assertRefused(car("a2" + ROOTS + "81" + RAW_V1_LINK + VERSION + "02"),
                "unsupported CAR version (got 2, expected 1)");
        assertRefused(car("a2" + ROOTS + "81" + RAW_V1_LINK + VERSION + "6131"),
                "unsupported CAR version (got '1', expected 1)");
        assertRefused(car("a2" + ROOTS + "81" + RAW_V1_LINK + VERSION + "f5"),
                "unsupported CAR version (got True, expected 1)");
        assertRefused(car("a1" + VERSION + "01"), "malformed DAG-CBOR header: roots is not a list");
        assertRefused(car("a2" + ROOTS + "a0" + VERSION + "01"), "malformed DAG-CBOR header: roots is not a list");
        assertRefused(car("a2" + ROOTS + "80" + VERSION + "01"), "expected exactly 1 root, got 0");
        assertRefused(car("a2" + ROOTS + "82" + RAW_V1_LINK + DAG_PB_V0_LINK + VERSION + "01"),
                "expected exactly 1 root, got 2");
        assertRefused(car("a2" + ROOTS + "81" + "01" + VERSION + "01"),
                "malformed root CID: unexpected type int (a root is a CID link, DAG-CBOR tag 42)");
        assertRefused(car("a2" + ROOTS + "81" + "4101" + VERSION + "01"),
                "malformed root CID: unexpected type bytes (a root is a CID link, DAG-CBOR tag 42)");
    }

    @Test
    void binaryCidsOfEitherVersionGetTheirCanonicalText() {
        byte[] v1 = HEX.parseHex(RAW_V1_LINK.substring(10));
        byte[] v0 = HEX.parseHex(DAG_PB_V0_LINK.substring(10));

        assertThat(Cid.textOf(v1)).isEqualTo(RAW_V1);
        assertThat(Cid.textOf(v0)).isEqualTo(DAG_PB_V0);
        assertThat(Cid.textOf(HEX.parseHex("017112200000000000000000000000000000000000000000000000000000000000000000")))
                .as("dag-cbor codec").startsWith("bafyrei");
        assertThatThrownBy(() -> Cid.textOf(HEX.parseHex("1220ab"))).hasMessageContaining("34-byte");
        assertThatThrownBy(() -> Cid.textOf(HEX.parseHex("0255122000"))).hasMessageContaining("version 2");
        assertThatThrownBy(() -> Cid.textOf(HEX.parseHex("015512200102"))).hasMessageContaining("32-byte digest but 2");
        assertThatThrownBy(() -> Cid.textOf(HEX.parseHex("01d5"))).hasMessageContaining("ends inside its codec");
        assertThatThrownBy(() -> Cid.textOf(HEX.parseHex("018000"))).hasMessageContaining("not minimally encoded");
    }

    private static String root(String headerHex) throws IOException {
        return CarHeader.readRoot(new ByteArrayInputStream(car(headerHex)));
    }

    private static void assertRefused(byte[] car, String reason) {
        assertThatThrownBy(() -> CarHeader.readRoot(new ByteArrayInputStream(car)))
                .isInstanceOf(CarHeader.InvalidCarException.class).hasMessage(reason);
    }

    /** A CAR's start: the header's length as a varint, then the header. */
    private static byte[] car(String headerHex) {
        byte[] header = HEX.parseHex(headerHex);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProtobufWriter.writeVarint(out, header.length);
        out.writeBytes(header);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
