package io.aleph4j.plugins.chain.evm;

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

final class ChainEvmPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "chain-evm";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return ChainEvmPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(ChainBridge.class);
    }

    @Test
    void twoNodesLoadingTheArchiveInOneJvmEachVerifyWithLibsecp256k1AndSayItOnTheirStatus() throws Exception {
        assertTwoNodesLoadingTheArchiveShow("{\"point\":\"ChainBridge\",\"name\":\"EvmBridge (libsecp256k1)\"}");
    }

    @Test
    void web3jCanBeChosenAndAnUnknownRecoveryIsRefusedByName() {
        try (EmbeddedNode node = EmbeddedNode.builder().classpathPlugins("chain-evm")
                .set("chain-evm", "secp256k1", "web3j").start()) {
            assertThat(node.get("/aleph4j/status").body()).contains("\"name\":\"EvmBridge (web3j)\"");
        }
        assertThatThrownBy(() -> EmbeddedNode.builder().classpathPlugins("chain-evm")
                .set("chain-evm", "secp256k1", "openssl").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("chain-evm.secp256k1: 'openssl' is not auto, libsecp256k1 or web3j");
    }

    @Test
    void aConfiguredChainTheReferenceDoesNotVerifyWithEip191FailsTheStartByName() {
        assertThatThrownBy(() -> EmbeddedNode.builder().classpathPlugins("chain-evm")
                .set("chain-evm", "chains", "ETH,AVAX").start())
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("chain-evm cannot serve chain 'AVAX'");
    }
}
