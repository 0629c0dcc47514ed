package io.aleph4j.benchmarks;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.chain.SignatureCheck;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.plugins.chain.evm.ChainEvmPlugin;
import io.aleph4j.plugins.chain.solana.ChainSolanaPlugin;
import io.aleph4j.plugins.chain.tezos.ChainTezosPlugin;
import io.aleph4j.testkit.SdkVectors;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
     * Runs a plugin's register phase against a minimal context and returns the bridge it contributes. A
     * hand-written stand-in for the kernel: the benchmark measures the bridge, not node start-up.
     */
    record RegisteredBridge(List<ChainBridge> contributed) implements NodeContext {

        static ChainBridge of(AlephPlugin plugin) throws Exception {
            RegisteredBridge context = new RegisteredBridge(new ArrayList<>());
            plugin.register(context);
            return context.contributed.get(0);
        }

        @Override
        public String pluginId() {
            return "benchmark";
        }

        @Override
        public String nodeName() {
            return "benchmark";
        }

        @Override
        public PluginConfig config() {
            return new PluginConfig() {
                @Override
                public String section() {
                    return "benchmark";
                }

                @Override
                public <T> T get(ConfigKey<T> key) {
                    return key.defaultValue();
                }
            };
        }

        @Override
        public Path dataDirectory() {
            throw new IllegalStateException("bridges need no data directory");
        }

        @Override
        public MessageLog log() {
            throw new IllegalStateException("bridges need no log");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public <T extends Extension> void contribute(Class<T> point, T extension) {
            if (point == ChainBridge.class) {
                contributed.add((ChainBridge) extension);
            }
        }

        @Override
        public <T extends Extension> List<T> extensions(Class<T> point) {
            return List.of();
        }
    }
}
