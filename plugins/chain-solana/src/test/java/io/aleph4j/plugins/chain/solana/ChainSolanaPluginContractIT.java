package io.aleph4j.plugins.chain.solana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ChainSolanaPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "chain-solana";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ChainSolanaPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ChainBridge.class);
    }

    @Test
    void twoNodesLoadingTheArchiveInOneJvmEachVerifyWithAwsLcAndSayItOnTheirStatus() throws Exception {
        assertTwoNodesLoadingTheArchiveShow("{\"point\":\"ChainBridge\",\"name\":\"SolanaBridge (AWS-LC)\"}");
    }

    @Test
    void bouncyCastleCanBeChosenAndAnUnknownImplementationIsRefusedByName() {
        try (EmbeddedNode node = EmbeddedNode.builder().classpathPlugins("chain-solana")
                .set("chain-solana", "ed25519", "bouncycastle").start()) {
            assertThat(node.get("/aleph4j/status").body()).contains("\"name\":\"SolanaBridge (BouncyCastle)\"");
        }
        assertThatThrownBy(() -> EmbeddedNode.builder().classpathPlugins("chain-solana")
                .set("chain-solana", "ed25519", "libsodium").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("chain-solana.ed25519: 'libsodium' is not auto, aws-lc or bouncycastle");
    }
}
