package io.aleph4j.benchmarks;

import io.aleph4j.api.chain.ChainBridge;
import io.aleph4j.api.message.Chain;
import io.aleph4j.plugins.chain.solana.ChainSolanaPlugin;
import io.aleph4j.plugins.chain.tezos.ChainTezosPlugin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@link Ed25519VerificationBenchmark}'s contenders in interleaved rounds, in one JVM (not JMH): each round, every
 * contender verifies the same 20,000 messages once, split over the threads, in a new random order. JMH measures one
 * contender after the other, so a neighbour's build that starts half-way favours the ones measured before it; here
 * each round's load falls on all contenders alike, and the ratio to BouncyCastle is taken within each round.
 * Prints the median rate of each contender and the median of its per-round ratios.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.aleph4j.benchmarks.Ed25519Rounds [rounds] [threads...]}
 * (defaults: 10 rounds, 1 and 2 threads). The JDK's Ed25519 is left out (20 s a round); Debian's libraries are
 * left out, with a line saying so, where they are not installed.
 */
public final class Ed25519Rounds {

    private static final List<String> PRIMITIVES = List.of("bouncycastle", "aws-lc", "libsodium", "wolfssl",
            "openssl");

    private Ed25519Rounds() {
    }

    /** Verifies message {@code i}; true when it verifies. */
    private interface Contender {
        boolean verify(int i);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Integer> threadCounts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            threadCounts.add(Integer.parseInt(args[i]));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 2);
        }
        for (Chain chain : List.of(Chain.SOL, Chain.TEZOS)) {
            Map<String, Contender> contenders = contenders(chain);
            for (int threads : threadCounts) {
                race(chain, threads, rounds, contenders);
            }
        }
    }

    private static Map<String, Contender> contenders(Chain chain) {
        Ed25519VerificationBenchmark.Signed signed = Ed25519VerificationBenchmark.Signed.of(chain);
        boolean tezos = Chain.TEZOS.equals(chain);
        Map<String, Contender> contenders = new LinkedHashMap<>();
        for (String name : PRIMITIVES) {
            Ed25519Candidates.Verifier verifier;
            try {
                verifier = Ed25519Candidates.of(name);
            } catch (LinkageError | RuntimeException e) {
                System.out.println(chain.code() + ": " + name + " left out: " + e);
                continue;
            }
            contenders.put(name, i -> verifier.verify(signed.signatures()[i], signed.publicKeys()[i],
                    tezos ? verifier.blake2b256(signed.buffers()[i]) : signed.buffers()[i]));
        }
        for (String ed25519 : List.of("aws-lc", "bouncycastle")) {
            ChainBridge bridge = SignatureVerificationBenchmark.RegisteredBridge.configured(
                    tezos ? new ChainTezosPlugin() : new ChainSolanaPlugin(), "ed25519", ed25519);
            contenders.put("bridge " + ed25519, i -> bridge.verify(signed.messages()[i]).isValid());
        }
        return contenders;
    }

    private static void race(Chain chain, int threads, int rounds, Map<String, Contender> contenders)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> order = new ArrayList<>(contenders.keySet());
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Random random = new Random(threads);
        try {
            for (int round = -2; round < rounds; round++) {
                Collections.shuffle(order, random);
                Map<String, Double> thisRound = new LinkedHashMap<>();
                for (String name : order) {
                    thisRound.put(name, rate(pool, threads, contenders.get(name), name));
                }
                if (round < 0) {
                    continue; // warm-up rounds
                }
                for (String name : contenders.keySet()) {
                    rates.computeIfAbsent(name, k -> new ArrayList<>()).add(thisRound.get(name));
                    String baseline = name.startsWith("bridge ") ? "bridge bouncycastle" : "bouncycastle";
                    ratios.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(thisRound.get(name) / thisRound.get(baseline));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%s, %d thread(s), %d rounds of %,d messages%n", chain.code(), threads, rounds,
                Ed25519VerificationBenchmark.MESSAGES);
        for (String name : contenders.keySet()) {
            List<Double> r = sorted(rates.get(name));
            System.out.printf("  %-20s median %,8.0f/s  (min %,8.0f, max %,8.0f)  %5.2fx BouncyCastle%n", name,
                    median(r), r.get(0), r.get(r.size() - 1), median(sorted(ratios.get(name))));
        }
    }

    /** Messages per second for all messages, split over the pool's threads. */
    private static double rate(ExecutorService pool, int threads, Contender contender, String name) throws Exception {
        return ParallelRate.of(pool, threads, Ed25519VerificationBenchmark.MESSAGES, name + " verifying",
                contender::verify);
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
