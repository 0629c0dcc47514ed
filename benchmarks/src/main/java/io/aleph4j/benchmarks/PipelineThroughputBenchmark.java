package io.aleph4j.benchmarks;

import fr.acinq.secp256k1.Secp256k1;
import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.chain.evm.ChainEvmPlugin;
import io.aleph4j.plugins.state.rocksdb.StateRocksdbPlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.testkit.EmbeddedNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * The message pipeline's throughput for ETH-signed POSTs against its ceiling, both on the same messages in the
 * same run. {@code pipeline}: a fresh node (chain-evm, state-sqlite, log fsync off) takes the messages into its
 * inbox and processes them into state: verification on the worker pool, content parsing, the POST handler,
 * batched SQLite transactions. {@code verificationCeiling}: the chain-evm bridge alone verifying the same
 * messages on as many threads as the pipeline has workers (the cores). Both report messages per second. The
 * pipeline also runs with a bridge that verifies nothing and with a store that keeps nothing ({@link FreshNode}):
 * the best ratio to the ceiling that the rest of the pipeline allows, measured rather than guessed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineThroughputBenchmark {

    static final int MESSAGES = 20_000;
    /** {@code -Dpipeline.cpu=true} (in {@code -jvmArgsAppend}): print each invocation's CPU per message by thread. */
    private static final boolean SHOW_CPU = Boolean.getBoolean("pipeline.cpu");
    private static final int WALLETS = 200;
    private static final double T = 1_795_485_266.0;

    List<Message> messages;

    @Setup(Level.Trial)
    public void signMessages() {
        List<EthereumWallet> wallets = IntStream.range(0, WALLETS)
                .mapToObj(i -> EthereumWallet.of(BigInteger.valueOf(1_000_003L * (i + 1)).add(BigInteger.TEN.pow(30))))
                .toList();
        messages = IntStream.range(0, MESSAGES).parallel()
                .mapToObj(i -> signedPost(wallets.get(i % WALLETS), i))
                .toList();
    }

    /** A POST as the TypeScript SDK writes one. */
    private static Message signedPost(EthereumWallet wallet, int n) {
        double time = T + n * 0.001;
        return wallet.post("TEST", time, "{\"address\":\"" + wallet.address() + "\",\"time\":" + time
                + ",\"content\":{\"body\":\"message " + n + "\"},\"type\":\"test\"}");
    }

    /**
     * A fresh node per invocation, so that every invocation processes the messages from an empty state. The setup
     * names the bridge and the store: {@code evm+sqlite} is the pipeline as a node runs it ({@code evm+rocksdb}: on
     * state-rocksdb instead); the last two are
     * bounds measured in the same run, each with one stand-in that costs nothing ({@link TrustingBridge},
     * {@link NullStateStore}): what everything but verification costs, and what everything but the state store
     * costs.
     */
    @State(Scope.Thread)
    public static class FreshNode {
        @Param({"evm+sqlite", "evm+rocksdb", "evm+null-store", "trusting+sqlite"})
        public String setup;
        EmbeddedNode node;

        @Setup(Level.Invocation)
        public void start() {
            InlinePlugin bridge = setup.startsWith("evm+")
                    ? InlinePlugin.of("chain-evm", new ChainEvmPlugin())
                    : InlinePlugin.of("trusting-bridge",
                            StandIns.contributing(ChainBridge.class, new TrustingBridge()));
            InlinePlugin store = setup.endsWith("+sqlite")
                    ? InlinePlugin.of("state-sqlite", new StateSqlitePlugin())
                    : setup.endsWith("+rocksdb") ? InlinePlugin.of("state-rocksdb", new StateRocksdbPlugin())
                    : InlinePlugin.of("null-store", StandIns.contributing(StateStore.class, new NullStateStore()));
            node = EmbeddedNode.builder().plugin(bridge).plugin(store).start();
        }

        @TearDown(Level.Invocation)
        public void stop() {
            try {
                if (!setup.endsWith("+null-store")) {
                    long processed = node.node().stateQueries().orElseThrow().messages(
                            MessageFilter.builder().statuses(MessageStatus.PROCESSED).build(),
                            PageRequest.first(1, SortOrder.ASCENDING)).total();
                    if (processed != MESSAGES) {
                        throw new IllegalStateException("only " + processed + " of " + MESSAGES + " were processed");
                    }
                }
            } finally {
                node.close();
            }
        }
    }

    /** A pool of one thread per core: as many as the pipeline has verification workers. */
    @State(Scope.Benchmark)
    public static class Cores {
        final int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool;

        @Setup(Level.Trial)
        public void start() {
            pool = Executors.newFixedThreadPool(threads);
        }

        @TearDown(Level.Trial)
        public void stop() {
            pool.shutdownNow();
        }
    }

    /**
     * The bare bridge. {@code secp256k1} is chain-evm's recovery: libsecp256k1 (what a node uses where it loads, so
     * the pipeline's ceiling) or web3j (the pure-Java fallback), measured on the same messages in the same run.
     */
    @State(Scope.Benchmark)
    public static class Verifiers {
        @Param({"libsecp256k1", "web3j"})
        public String secp256k1;
        ChainBridge bridge;

        @Setup(Level.Trial)
        public void start() throws Exception {
            bridge = SignatureVerificationBenchmark.RegisteredBridge.evm(secp256k1);
            if (!bridge.extensionName().contains(secp256k1)) {
                throw new IllegalStateException("asked for " + secp256k1 + ", got " + bridge.extensionName());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long pipeline(FreshNode fresh) throws Exception {
        ThreadCpu before = SHOW_CPU ? ThreadCpu.now() : null;
        long last = -1;
        for (Message message : messages) {
            last = fresh.node.node().messageIntake().submit(message, Origin.API).inboxIndex();
        }
        if (!fresh.node.node().awaitApplied(last, Duration.ofMinutes(5))) {
            throw new IllegalStateException("the pipeline did not catch up");
        }
        if (SHOW_CPU) {
            System.err.println("CPU per message (" + fresh.setup + "): "
                    + ThreadCpu.now().perUnitSince(before, MESSAGES));
        }
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int verificationCeiling(Verifiers verifiers, Cores cores) throws Exception {
        return onEveryCore(cores, i -> verifiers.bridge.verify(messages.get(i)).isValid());
    }

    /**
     * The bound under the ceiling: libsecp256k1's recovery and the address's Keccak alone, on signatures and
     * digests decoded beforehand, with the ceiling's threads. What the bridge adds is the gap to it.
     */
    @State(Scope.Benchmark)
    public static class Recoveries {
        final Secp256k1 secp256k1 = Secp256k1.get();
        byte[][] rs;
        byte[][] digests;
        int[] recoveryIds;

        @Setup(Level.Trial)
        public void decode(PipelineThroughputBenchmark benchmark) {
            List<Message> messages = benchmark.messages;
            rs = new byte[MESSAGES][];
            digests = new byte[MESSAGES][];
            recoveryIds = new int[MESSAGES];
            for (int i = 0; i < MESSAGES; i++) {
                byte[] signature = HexFormat.of().parseHex(messages.get(i).signature(), 2, 132);
                rs[i] = Arrays.copyOf(signature, 64);
                recoveryIds[i] = (signature[64] & 0xFF) - 27;
                digests[i] = Sign.getEthereumMessageHash(messages.get(i).verificationBuffer());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int recoveryBound(Recoveries recoveries, Cores cores) throws Exception {
        return onEveryCore(cores, i -> Hash.sha3(recoveries.secp256k1.ecdsaRecover(
                recoveries.rs[i], recoveries.digests[i], recoveries.recoveryIds[i]), 1, 64).length == 32);
    }

    /** Runs {@code check} on every message index, split in one range per thread; all must pass. */
    private static int onEveryCore(Cores cores, IntPredicate check) throws Exception {
        int threads = cores.threads;
        int share = MESSAGES / threads;
        List<Future<Integer>> parts = IntStream.range(0, threads)
                .mapToObj(part -> cores.pool.submit(() -> {
                    int passed = 0;
                    int end = part == threads - 1 ? MESSAGES : (part + 1) * share;
                    for (int i = part * share; i < end; i++) {
                        passed += check.test(i) ? 1 : 0;
                    }
                    return passed;
                })).toList();
        int passed = 0;
        for (Future<Integer> part : parts) {
            passed += part.get();
        }
        if (passed != MESSAGES) {
            throw new IllegalStateException(MESSAGES - passed + " messages did not verify");
        }
        return passed;
    }
}
