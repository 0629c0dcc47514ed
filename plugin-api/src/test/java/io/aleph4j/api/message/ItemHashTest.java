package io.aleph4j.api.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ItemHashTest {

    /** The first POST of ../shared/protocol/vectors/sdk-requests.jsonl, as the TypeScript SDK sent it. */
    private static final String SDK_ITEM_CONTENT = "{\"type\":\"note\",\"address\":\"0x32B5bdDd8f1f2B2A401cbE2c66E914244a7599eF\","
            + "\"content\":{\"body\":\"hello\"},\"time\":1795485266.056}";

    @Test
    void theHashOfInlineContentIsSha256OfItsExactBytes() {
        assertThat(ItemHash.sha256Of(SDK_ITEM_CONTENT).value())
                .isEqualTo("94e10f1088a04559555e329c0c32b21603a1eb6888951b2c0f40fd9dc6a0793c");
    }

    @Test
    void ipfsCidsAreAccepted() {
        assertThat(ItemHash.of("QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB").isSha256()).isFalse();
        assertThat(ItemHash.of("bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi").isSha256()).isFalse();
    }

    @Test
    void malformedHashesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> ItemHash.of("94E10F1088A04559555E329C0C32B21603A1EB6888951B2C0F40FD9DC6A0793C"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither 64 lower-case hex characters nor an IPFS CID");
        assertThatThrownBy(() -> ItemHash.of("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc'");
    }
}
