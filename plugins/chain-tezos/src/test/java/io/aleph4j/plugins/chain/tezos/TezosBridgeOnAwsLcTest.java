package io.aleph4j.plugins.chain.tezos;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.plugins.support.ed25519.Ed25519Choice;
import io.aleph4j.plugins.support.ed25519.Ed25519Verifier;
import org.junit.jupiter.api.Test;

/**
 * The bridge's suite with tz1 keys on AWS-LC, which must load here: CI runs on Linux x86-64, whose native library
 * ACCP carries.
 */
final class TezosBridgeOnAwsLcTest extends TezosBridgeSuite {

    @Override
    Ed25519Verifier ed25519() {
        return Ed25519Choice.AWS_LC.verifier("chain-tezos test");
    }

    @Test
    void theBridgeIsNamedAfterAwsLcSoTheNodesStatusShowsIt() {
        assertThat(bridge().extensionName()).isEqualTo("TezosBridge (AWS-LC)");
    }
}
