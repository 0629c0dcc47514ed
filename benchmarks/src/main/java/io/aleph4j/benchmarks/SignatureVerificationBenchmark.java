package io.aleph4j.benchmarks;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.chain.evm.ChainEvmPlugin;
import io.aleph4j.plugins.chain.solana.ChainSolanaPlugin;
import io.aleph4j.plugins.chain.tezos.ChainTezosPlugin;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.SdkVectors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signature verification rate per chain through each chain plugin's bridge, on one and on two threads: the
 * ceiling the message pipeline is measured against. The messages are the official TypeScript SDK's (testkit
 * {@code SdkVectors}): a POST per chain, signed by a real wallet library.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureVerificationBenchmark {

    @Param({"ETH", "SOL", "TEZOS"})
    public String chain;

    private ChainBridge bridge;
    private Message message;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AlephPlugin plugin = switch (chain) {
            case "ETH" -> new ChainEvmPlugin();
            case "SOL" -> new ChainSolanaPlugin();
            default -> new ChainTezosPlugin();
        };
        bridge = RegisteredBridge.of(plugin);
        message = SdkVectors.messages(Chain.of(chain)).get(0);
        if (!bridge.verify(message).isValid()) {
            throw new IllegalStateException("the SDK vector for " + chain + " does not verify");
        }
    }

    @Benchmark
    @Threads(1)
    public SignatureCheck oneThread() {
        return bridge.verify(message);
    }

    @Benchmark
    @Threads(2)
    public SignatureCheck twoThreads() {
        return bridge.verify(message);
    }

    /**
     * The bridge a chain plugin contributes, as a node builds it: a node with the plugin starts, a small inline plugin
     * takes the bridge from the node at start, and the node stops again (a bridge needs nothing of a running node).
     * The benchmark measures the bridge, not the node.
     */
    static final class RegisteredBridge {

        private RegisteredBridge() {
        }

        static ChainBridge of(AlephPlugin plugin) {
            return of(plugin, EmbeddedNode.builder());
        }

        /** The bridge chain-evm builds with {@code chain-evm.secp256k1} set to {@code recovery}. */
        static ChainBridge evm(String recovery) {
            return configured(new ChainEvmPlugin(), "secp256k1", recovery);
        }

        /** The bridge the plugin builds with its config key {@code key} set to {@code value}. */
        static ChainBridge configured(AlephPlugin plugin, String key, String value) {
            return of(plugin, EmbeddedNode.builder().set("bridge", key, value));
        }

        private static ChainBridge of(AlephPlugin plugin, EmbeddedNode.Builder builder) {
            AtomicReference<ChainBridge> bridge = new AtomicReference<>();
            AlephPlugin taker = new AlephPlugin() {
                @Override
                public void start(NodeContext context) {
                    bridge.set(context.extension(ChainBridge.class));
                }
            };
            try (EmbeddedNode ignored = builder.plugin(InlinePlugin.of("bridge", plugin))
                    .plugin(InlinePlugin.of("bridge-taker", taker, "bridge")).start()) {
                return bridge.get();
            }
        }
    }
}
