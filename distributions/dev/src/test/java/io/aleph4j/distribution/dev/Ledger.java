package io.aleph4j.distribution.dev;

import io.aleph4j.distribution.dev.EthereumWallet.Signed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients sent and what the node acknowledged, kept across the node's lives. A message sent without an
 * answer (the node died under it) may or may not be in the log; it is sent again by the next clients, as a real
 * client retries, so the log may hold it twice.
 */
final class Ledger {

    private final Map<String, Signed> sent = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Unanswered messages by the index of the wallet that signed them. */
    private final Map<Integer, Queue<Signed>> unanswered = new ConcurrentHashMap<>();
    /** Each wallet's acknowledged POSTs that are not amends, which its later amends refer to. */
    private final Map<Integer, List<String>> originals = new ConcurrentHashMap<>();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acknowledgedInRound = new AtomicInteger();

    void sending(Signed message) {
        sent.put(message.itemHash(), message);
    }

    void acknowledged(int wallet, Signed message, boolean original) {
        acknowledged.add(message.itemHash());
        acknowledgedInRound.incrementAndGet();
        if (original) {
            originals.computeIfAbsent(wallet, any -> Collections.synchronizedList(new ArrayList<>()))
                    .add(message.itemHash());
        }
    }

    void unanswered(int wallet, Signed message) {
        unanswered.computeIfAbsent(wallet, any -> new ConcurrentLinkedQueue<>()).add(message);
    }

    /** A non-2xx answer: none is expected, as every message sent is valid. */
    void refused(Signed message, int status, String body) {
        refusals.add(message.itemHash() + " (" + message.kind() + "): HTTP " + status + " " + body);
    }

    /** The wallet's unanswered messages, to send again; they leave the ledger's unanswered set. */
    List<Signed> takeUnanswered(int wallet) {
        List<Signed> taken = new ArrayList<>();
        Queue<Signed> queue = unanswered.getOrDefault(wallet, new ConcurrentLinkedQueue<>());
        for (Signed message = queue.poll(); message != null; message = queue.poll()) {
            taken.add(message);
        }
        return taken;
    }

    /** One of the wallet's acknowledged original POSTs, or null when it has none yet. */
    String originalOf(int wallet, int pick) {
        List<String> list = originals.get(wallet);
        if (list == null) {
            return null;
        }
        synchronized (list) {
            return list.isEmpty() ? null : list.get(Math.floorMod(pick, list.size()));
        }
    }

    /** Acknowledgements since the last call. */
    int takeRoundAcknowledgements() {
        return acknowledgedInRound.getAndSet(0);
    }

    int unansweredCount() {
        return unanswered.values().stream().mapToInt(Queue::size).sum();
    }

    boolean wasSent(String itemHash) {
        return sent.containsKey(itemHash);
    }

    int sentCount() {
        return sent.size();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }
}
