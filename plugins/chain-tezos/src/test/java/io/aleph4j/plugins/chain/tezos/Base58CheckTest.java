package io.aleph4j.plugins.chain.tezos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

final class Base58CheckTest {

    /** ../shared/DEPENDENCIES.md's check vector: the Ed25519 key of a seed of 32 zero bytes. */
    @Test
    void theZeroSeedKeyHasTheKnownPublicKeyAndAddress() {
        byte[] publicKey = new Ed25519PrivateKeyParameters(new byte[32], 0).generatePublicKey().getEncoded();

        assertThat(Base58Check.encode(KeyKind.ED25519.publicKeyPrefix, publicKey))
                .isEqualTo("edpku6Pc31JWM3RXfym4pG5RzoKkyNCxQzakzsfQiG1aKXP1J651n8");
        assertThat(KeyKind.ED25519.address(publicKey)).isEqualTo("tz1XvkuUNDk8j2tG3RJaRUo4Xppcjc6FvK39");
    }

    @Test
    void decodingReturnsThePayloadAndChecksPrefixLengthAndChecksum() {
        byte[] publicKey = Base58Check.decode("edpku6Pc31JWM3RXfym4pG5RzoKkyNCxQzakzsfQiG1aKXP1J651n8",
                KeyKind.ED25519.publicKeyPrefix, 32);
        assertThat(publicKey).hasSize(32);

        assertThatThrownBy(() -> Base58Check.decode("edpku6Pc31JWM3RXfym4pG5RzoKkyNCxQzakzsfQiG1aKXP1J651n9",
                KeyKind.ED25519.publicKeyPrefix, 32)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> Base58Check.decode("edpku6Pc31JWM3RXfym4pG5RzoKkyNCxQzakzsfQiG1aKXP1J651n8",
                KeyKind.P256.publicKeyPrefix, 32)).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Base58Check.decode("edpku6Pc31JWM3RXfym4pG5RzoKkyNCxQzakzsfQiG1aKXP1J651n8",
                KeyKind.ED25519.publicKeyPrefix, 33)).hasMessageContaining("bytes");
    }

    @Test
    void everyPrefixProducesItsTextPrefix() {
        for (KeyKind kind : KeyKind.values()) {
            assertThat(Base58Check.encode(kind.addressPrefix, new byte[20])).startsWith(kind.addressText);
            assertThat(Base58Check.encode(kind.publicKeyPrefix, new byte[kind.publicKeyLength])).startsWith(kind.publicKeyText);
            assertThat(Base58Check.encode(kind.signaturePrefix, new byte[64])).startsWith(kind.signatureText);
        }
        assertThat(Base58Check.encode(KeyKind.GENERIC_SIGNATURE_PREFIX, new byte[64])).startsWith("sig");
    }
}
