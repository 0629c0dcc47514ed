package io.aleph4j.plugins.chain.tezos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

final class Base58CheckTest {

    private static final String ZERO_SEED_PUBLIC_KEY = "edpku6Pc31JWM3RXfym4pG5RzoKkyNCxQzakzsfQiG1aKXP1J651n8";

    /** The Bitcoin wiki's "Technical background of version 1 Bitcoin addresses": version 0 + hash160. */
    @Test
    void aBitcoinAddressIsTheBase58checkOfItsVersionAndHash() {
        byte[] hash160 = HexFormat.of().parseHex("010966776006953d5567439e5e39f86a0d273bee");

        assertThat(Base58Check.encode(new byte[] {0}, hash160)).isEqualTo("16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM");
        assertThat(Base58Check.decode("address", "16UwLL9Risc3QfPqBUvKofHmBQ7wMtjvM", new byte[] {0}, 20))
                .isEqualTo(hash160);
    }

    /** ../shared/DEPENDENCIES.md's check vector: the Ed25519 key of a seed of 32 zero bytes. */
    @Test
    void theZeroSeedKeyHasTheKnownPublicKeyAndAddress() {
        byte[] publicKey = new Ed25519PrivateKeyParameters(new byte[32], 0).generatePublicKey().getEncoded();

        assertThat(Base58Check.encode(KeyKind.ED25519.publicKeyPrefix(), publicKey)).isEqualTo(ZERO_SEED_PUBLIC_KEY);
        assertThat(KeyKind.ED25519.address(publicKey)).isEqualTo("tz1XvkuUNDk8j2tG3RJaRUo4Xppcjc6FvK39");
        assertThat(KeyKind.ED25519.decodePublicKey(ZERO_SEED_PUBLIC_KEY)).isEqualTo(publicKey);
    }

    /** Every prefix gives its text prefix and the text length Octez and Taquito list, and decodes back. */
    @Test
    void everyPrefixRoundTripsWithItsTextPrefixAndLength() {
        Random random = new Random(42);
        for (KeyKind kind : KeyKind.values()) {
            byte[] hash = randomBytes(random, 20);
            String address = Base58Check.encode(kind.addressPrefix(), hash);
            assertThat(address).startsWith(kind.addressText()).hasSize(36);
            assertThat(Base58Check.decode("address", address, kind.addressPrefix(), 20)).isEqualTo(hash);

            byte[] publicKey = randomBytes(random, kind.publicKeyLength());
            String publicKeyText = Base58Check.encode(kind.publicKeyPrefix(), publicKey);
            assertThat(publicKeyText).startsWith(kind.publicKeyText()).hasSize(kind == KeyKind.ED25519 ? 54 : 55);
            assertThat(KeyKind.ofPublicKeyText(publicKeyText)).contains(kind);
            assertThat(kind.decodePublicKey(publicKeyText)).isEqualTo(publicKey);

            byte[] signature = randomBytes(random, 64);
            String signatureText = Base58Check.encode(kind.signaturePrefix(), signature);
            assertThat(signatureText).startsWith(kind.signatureText()).hasSize(kind == KeyKind.P256 ? 98 : 99);
            assertThat(kind.decodeSignature(signatureText)).isEqualTo(signature);

            String generic = Base58Check.encode(KeyKind.GENERIC_SIGNATURE_PREFIX, signature);
            assertThat(generic).startsWith(KeyKind.GENERIC_SIGNATURE_TEXT).hasSize(96);
            assertThat(kind.decodeSignature(generic)).isEqualTo(signature);
        }
    }

    @Test
    void theKindsHaveTheirOwnPrefixes() {
        assertThat(KeyKind.values()).extracting(KeyKind::addressText).containsExactly("tz1", "tz2", "tz3");
        assertThat(KeyKind.values()).extracting(KeyKind::publicKeyText).containsExactly("edpk", "sppk", "p2pk");
        assertThat(KeyKind.values()).extracting(KeyKind::signatureText).containsExactly("edsig", "spsig1", "p2sig");
        assertThat(KeyKind.values()).extracting(KeyKind::publicKeyLength).containsExactly(32, 33, 33);
    }

    @Test
    void decodingNamesWhatIsWrong() {
        byte[] prefix = KeyKind.ED25519.publicKeyPrefix();
        String mistyped = ZERO_SEED_PUBLIC_KEY.substring(0, ZERO_SEED_PUBLIC_KEY.length() - 1) + "9";

        assertThatThrownBy(() -> Base58Check.decode("publicKey", mistyped, prefix, 32))
                .hasMessage("publicKey 'edpku6Pc31JWM3RXfym4pG5R...' has a wrong base58check checksum "
                        + "(mistyped or truncated?)");
        assertThatThrownBy(() -> Base58Check.decode("publicKey", ZERO_SEED_PUBLIC_KEY, KeyKind.P256.publicKeyPrefix(),
                32)).hasMessageEndingWith("does not carry the prefix bytes its text prefix announces");
        assertThatThrownBy(() -> Base58Check.decode("publicKey", ZERO_SEED_PUBLIC_KEY, prefix, 33))
                .hasMessageEndingWith("decodes to 40 bytes, not the 41 of its kind");
        assertThatThrownBy(() -> Base58Check.decode("publicKey", "edpkO", prefix, 32))
                .hasMessage("publicKey 'edpkO' is not base58: 'O' at position 4 is not a base58 character");
        assertThatThrownBy(() -> Base58Check.decode("publicKey", "1".repeat(81), prefix, 32))
                .hasMessageEndingWith("is 81 characters long, far more than a Tezos publicKey has");
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
