package io.aleph4j.plugins.chain.solana;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import org.junit.jupiter.api.Test;

/** The bridge's suite on BouncyCastle, the fallback where AWS-LC does not load. */
final class SolanaBridgeOnBouncyCastleTest extends SolanaBridgeSuite {

    @Override
    Ed25519Verifier ed25519() {
        return Ed25519Choice.BOUNCYCASTLE.verifier("chain-solana test");
    }

    @Test
    void theBridgeIsNamedAfterBouncyCastleSoTheNodesStatusShowsIt() {
        assertThat(bridge().extensionName()).isEqualTo("SolanaBridge (BouncyCastle)");
    }
}
