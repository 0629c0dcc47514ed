package io.aleph4j.benchmarks;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.Message;
import io.aleph4j.plugins.chain.solana.ChainSolanaPlugin;
import io.aleph4j.plugins.chain.tezos.ChainTezosPlugin;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
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
 * Ed25519 verification for SOL and TEZOS on 20,000 distinct messages from 200 keys (signed in the setup with
 * BouncyCastle, as wallets sign them; TEZOS in {@code raw} mode, one verification each), on one and on two threads.
 * {@code primitive*}: each candidate of {@link Ed25519Candidates} on the bytes the bridges verify (for TEZOS,
 * blake2b-256 of the buffer first, with the candidate's own blake2b where it has one); {@code bridge*}: the chain
 * plugin's bridge as a node builds it with its {@code ed25519} config set to each implementation it can choose, on
 * the same messages (JSON, base58, the sender check and, for TEZOS, the tz1 address's blake2b-160 included);
 * {@code blake2b}: blake2b-256 alone of the TEZOS buffers, BouncyCastle's (what chain-tezos uses) against libsodium's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Ed25519VerificationBenchmark {

    static final int MESSAGES = 20_000;
    private static final int WALLETS = 200;
    private static final double T = 1_795_485_266.0;

    /** The messages of one chain and the raw signature, key and signed buffer of each. */
    record Signed(Message[] messages, byte[][] signatures, byte[][] publicKeys, byte[][] buffers) {

        static Signed of(Chain chain) {
            Ed25519Wallet[] wallets = new Ed25519Wallet[WALLETS];
            for (int i = 0; i < WALLETS; i++) {
                wallets[i] = Ed25519Wallet.of(i);
            }
            Signed signed = new Signed(new Message[MESSAGES], new byte[MESSAGES][], new byte[MESSAGES][],
                    new byte[MESSAGES][]);
            boolean tezos = Chain.TEZOS.equals(chain);
            for (int i = 0; i < MESSAGES; i++) {
                Ed25519Wallet wallet = wallets[i % WALLETS];
                Message message = wallet.post(chain, T + i * 0.001, "message " + i);
                byte[] buffer = message.verificationBuffer();
                signed.messages[i] = message;
                signed.buffers[i] = buffer;
                signed.publicKeys[i] = wallet.publicKey();
                // Ed25519 is deterministic: the signature inside the message, made again.
                signed.signatures[i] = wallet.sign(tezos ? Ed25519Wallet.blake2b(buffer, 256) : buffer);
            }
            return signed;
        }
    }

    /** One candidate on raw bytes. */
    @State(Scope.Benchmark)
    public static class Primitive {
        @Param({"bouncycastle", "aws-lc", "jdk", "libsodium", "openssl", "wolfssl"})
        public String implementation;
        @Param({"SOL", "TEZOS"})
        public String chain;
        Ed25519Candidates.Verifier verifier;
        Signed signed;
        boolean tezos;

        @Setup(Level.Trial)
        public void start() {
            verifier = Ed25519Candidates.of(implementation);
            signed = Signed.of(Chain.of(chain));
            tezos = Chain.TEZOS.equals(Chain.of(chain));
            // Every candidate must accept all the messages and refuse a changed one, or its figure means nothing.
            for (int i = 0; i < MESSAGES; i++) {
                if (!verify(i)) {
                    throw new IllegalStateException(implementation + " refuses message " + i);
                }
            }
            byte[] tampered = signed.signatures[0].clone();
            tampered[5] ^= 1;
            if (verifier.verify(tampered, signed.publicKeys[0], message(0))) {
                throw new IllegalStateException(implementation + " accepts a changed signature");
            }
        }

        boolean verify(int i) {
            return verifier.verify(signed.signatures[i], signed.publicKeys[i], message(i));
        }

        private byte[] message(int i) {
            return tezos ? verifier.blake2b256(signed.buffers[i]) : signed.buffers[i];
        }
    }

    /** The chain plugin's bridge with {@code ed25519} set to one of its choices. */
    @State(Scope.Benchmark)
    public static class Bridge {
        @Param({"SOL", "TEZOS"})
        public String chain;
        @Param({"aws-lc", "bouncycastle"})
        public String ed25519;
        ChainBridge bridge;
        Message[] messages;

        @Setup(Level.Trial)
        public void start() {
            bridge = SignatureVerificationBenchmark.RegisteredBridge.configured(
                    "TEZOS".equals(chain) ? new ChainTezosPlugin() : new ChainSolanaPlugin(), "ed25519", ed25519);
            if (!bridge.extensionName().toLowerCase(Locale.ROOT).contains(ed25519)) {
                throw new IllegalStateException("asked for " + ed25519 + ", got " + bridge.extensionName());
            }
            messages = Signed.of(Chain.of(chain)).messages();
            for (Message message : messages) {
                if (!bridge.verify(message).isValid()) {
                    throw new IllegalStateException(bridge.extensionName() + " refuses " + message.itemHash());
                }
            }
        }
    }

    /** blake2b-256 of the TEZOS buffers. */
    @State(Scope.Benchmark)
    public static class Blake2b {
        @Param({"bouncycastle", "libsodium"})
        public String blake2b;
        Ed25519Candidates.Verifier library;
        byte[][] buffers;

        @Setup(Level.Trial)
        public void start() {
            library = Ed25519Candidates.of(blake2b);
            buffers = Signed.of(Chain.TEZOS).buffers();
            byte[] expected = Ed25519Wallet.blake2b(buffers[0], 256);
            if (!Arrays.equals(library.blake2b256(buffers[0]), expected)) {
                throw new IllegalStateException(blake2b + "'s blake2b-256 differs from BouncyCastle's");
            }
        }
    }

    /** Each thread walks the messages from its own random start. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next = ThreadLocalRandom.current().nextInt(MESSAGES);

        int next() {
            int index = next;
            next = index + 1 == MESSAGES ? 0 : index + 1;
            return index;
        }
    }

    @Benchmark
    @Threads(1)
    public boolean primitiveOneThread(Primitive primitive, Cursor cursor) {
        return primitive.verify(cursor.next());
    }

    @Benchmark
    @Threads(2)
    public boolean primitiveTwoThreads(Primitive primitive, Cursor cursor) {
        return primitive.verify(cursor.next());
    }

    @Benchmark
    @Threads(1)
    public byte[] blake2b(Blake2b blake2b, Cursor cursor) {
        return blake2b.library.blake2b256(blake2b.buffers[cursor.next()]);
    }

    @Benchmark
    @Threads(1)
    public boolean bridgeOneThread(Bridge bridge, Cursor cursor) {
        return bridge.bridge.verify(bridge.messages[cursor.next()]).isValid();
    }

    @Benchmark
    @Threads(2)
    public boolean bridgeTwoThreads(Bridge bridge, Cursor cursor) {
        return bridge.bridge.verify(bridge.messages[cursor.next()]).isValid();
    }
}
