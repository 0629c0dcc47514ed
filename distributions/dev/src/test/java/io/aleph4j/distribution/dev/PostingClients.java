package io.aleph4j.distribution.dev;

import io.aleph4j.distribution.dev.EthereumWallet.Signed;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads posting distinct signed messages to one node as fast as it answers, each with a wallet of its own:
 * new POSTs, AGGREGATEs, amends of its acknowledged POSTs, one in ten with {@code sync}. Each first sends again what
 * went unanswered before. A thread stops at the first request without an answer (the node is gone) and leaves the
 * message in the ledger's unanswered set.
 */
final class PostingClients {

    private final NodeApi api;
    private final List<EthereumWallet> wallets;
    private final Ledger ledger;
    private final AtomicLong clock;
    private final long seed;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param clock milliseconds since the epoch of the next message: shared by every round, so that every message
     *              has a time of its own and aggregates merge in an order the replay reproduces
     */
    PostingClients(NodeApi api, List<EthereumWallet> wallets, Ledger ledger, AtomicLong clock, long seed) {
        this.api = api;
        this.wallets = wallets;
        this.ledger = ledger;
        this.clock = clock;
        this.seed = seed;
    }

    void start() {
        for (int i = 0; i < wallets.size(); i++) {
            int wallet = i;
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> post(wallet, new Random(seed + wallet))));
        }
    }

    /** Stops the threads that still post and waits for them all. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void post(int wallet, Random random) {
        List<Signed> backlog = new ArrayList<>(ledger.takeUnanswered(wallet));
        try {
            while (running) {
                Signed message = backlog.isEmpty() ? next(wallet, random) : backlog.removeFirst();
                ledger.sending(message);
                HttpResponse<String> answer;
                try {
                    answer = api.postMessage(message.envelopeJson(), random.nextInt(10) == 0);
                } catch (IOException e) {
                    ledger.unanswered(wallet, message);
                    return;
                }
                if (answer.statusCode() / 100 == 2) {
                    ledger.acknowledged(wallet, message, message.kind() == EthereumWallet.Kind.POST);
                } else {
                    ledger.refused(message, answer.statusCode(), answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            backlog.forEach(message -> ledger.unanswered(wallet, message));
        }
    }

    private Signed next(int wallet, Random random) {
        EthereumWallet signer = wallets.get(wallet);
        long millis = clock.getAndIncrement();
        String time = String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
        int roll = random.nextInt(10);
        if (roll < 2) {
            String original = ledger.originalOf(wallet, random.nextInt());
            if (original != null) {
                return signer.amend(time, original, "{\"amended\":" + millis + "}");
            }
        }
        if (roll < 4) {
            return signer.aggregate(time, "key" + random.nextInt(4), "{\"f" + random.nextInt(6) + "\":" + millis + "}");
        }
        return signer.post(time, "{\"client\":" + wallet + ",\"n\":" + millis + "}");
    }
}
