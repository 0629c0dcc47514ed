package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.kernel.internal.config.KernelConfig.CatchUpConfig;
import io.aleph4j.kernel.internal.pipeline.KernelMessageIntake;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catch-up between nodes, which the reference lacks: a node that was offline or cut off pulls from each of its
 * HTTP peers what they listed while it was away, through the messages API (by time, oldest first, a few pages a
 * round), and logs what it does not know yet in its inbox as a peer's message: the pipeline checks every signature
 * and decides every status, so a peer can make this node do work but never take anything on trust. Each peer's
 * position is saved after every page ({@link CatchUpCursors}), so a restarted node resumes; a peer gets at most
 * {@code pagesPerRound} pages read a round, so none floods the inbox, and a peer that is down is tried again the
 * next round. The peers are asked in turn, on one thread.
 *
 * <p>Works against the reference's API as well as aleph4j's: only {@code messages.json}'s documented parameters are
 * used. What it cannot see: a message listed by its peers with a time more than {@code overlap} before the newest it
 * read already (a sender's clock far behind); chain sync is the network's answer to those.
 */
public final class CatchUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A page of messages bigger than this is refused unread: a peer cannot make the node buffer more. */
    private static final long MAX_PAGE_BYTES = 64L * 1024 * 1024;
    /**
     * A round that left pages unread is followed by the next at once: the bound on pages per round shares the time
     * between peers fairly; it is not a rate limit (the inbox is durable, and the pipeline takes what it can).
     */
    private static final Duration NEXT_ROUND_WHEN_BEHIND = Duration.ZERO;
    private static final List<String> ENVELOPE_FIELDS = List.of("chain", "sender", "type", "channel", "time",
            "item_type", "item_content", "item_hash", "signature");

    private final KernelMessageIntake intake;
    private final StateQueries state;
    private final CatchUpConfig config;
    private final Supplier<List<URI>> peers;
    private final CatchUpCursors saved;
    private final Map<String, CatchUpCursor> cursors = new HashMap<>();
    private final RecentKeys submitted = new RecentKeys(100_000);
    private final HttpClient http;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("aleph4j-catch-up").daemon().factory());
    private final ExecutorService fetcher = Executors.newVirtualThreadPerTaskExecutor();
    private final Counters counters = new Counters();

    /**
     * @param peers the base URLs of the HTTP peers to catch up from, asked again every round (the list may change)
     * @param cursorsFile where the cursors are kept
     */
    public CatchUp(KernelMessageIntake intake, StateQueries state, CatchUpConfig config, Supplier<List<URI>> peers,
                   Path cursorsFile) {
        this.intake = intake;
        this.state = state;
        this.config = config;
        this.peers = peers;
        this.saved = new CatchUpCursors(cursorsFile);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Loads the saved cursors and starts the rounds, the first one at once. */
    public void start() {
        try {
            cursors.putAll(saved.load());
        } catch (IOException e) {
            LOG.warn("the catch-up cursors could not be read; every peer is read from its oldest message", e);
        }
        rounds.schedule(this::round, 0, TimeUnit.MILLISECONDS);
    }

    /** One round over every peer; schedules the next, sooner when some peer has more to read. */
    private void round() {
        boolean behind = false;
        try {
            Set<String> bases = new LinkedHashSet<>();
            for (URI peer : peers.get()) {
                bases.add(base(peer));
            }
            for (String peer : bases) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                behind |= catchUpFrom(peer);
            }
        } catch (RuntimeException e) {
            LOG.warn("a catch-up round failed; the next one tries again", e);
        } finally {
            Duration pause = behind ? NEXT_ROUND_WHEN_BEHIND : config.every();
            if (!rounds.isShutdown()) {
                rounds.schedule(this::round, pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Reads up to {@code pagesPerRound} pages from one peer. They are asked for all at once (the same query, the
     * next pages of it): the peer answers them while this node logs the first ones, so that its pipeline is never
     * left waiting for a page; then the cursor moves on to the newest time read.
     *
     * @return whether the peer has more to read
     */
    boolean catchUpFrom(String peer) {
        CatchUpCursor cursor = cursors.getOrDefault(peer, CatchUpCursor.BEGINNING);
        double overlap = config.overlap().toMillis() / 1000.0;
        List<CompletableFuture<JsonNode>> pages = new ArrayList<>();
        for (int ahead = 0; ahead < config.pagesPerRound(); ahead++) {
            pages.add(fetch(peer, cursor.start(), cursor.page() + ahead));
        }
        try {
            double lastOfRound = cursor.start();
            for (CompletableFuture<JsonNode> page : pages) {
                JsonNode messages;
                try {
                    messages = page.join();
                } catch (CompletionException e) {
                    counters.peerFailures.increment();
                    LOG.debug("catch-up from {} failed: {}", peer, e.getCause().toString());
                    return false;
                } catch (CancellationException e) {
                    return false;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return false;
                }
                double newest = 0;
                double last = 0;
                for (JsonNode message : messages) {
                    double time = message.path("time").asDouble();
                    newest = Math.max(newest, time);
                    last = time;
                }
                logUnknown(peer, messages);
                if (messages.size() < config.pageSize()) {
                    save(peer, cursor.after(messages.size(), config.pageSize(), last, newest, overlap));
                    return false;
                }
                cursor = cursor.nextPage(newest);
                save(peer, cursor);
                lastOfRound = last;
            }
            save(peer, cursor.movedTo(lastOfRound));
            return true;
        } finally {
            pages.forEach(page -> page.cancel(true));
        }
    }

    private void save(String peer, CatchUpCursor cursor) {
        cursors.put(peer, cursor);
        persist();
    }

    private CompletableFuture<JsonNode> fetch(String peer, double start, int page) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return page(peer, start, page);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }, fetcher);
    }

    private JsonNode page(String peer, double start, int page) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(peer).append("/api/v0/messages.json?sortBy=time&sortOrder=1")
                .append("&pagination=").append(config.pageSize()).append("&page=").append(page);
        if (start > 0) {
            url.append("&startDate=").append(BigDecimal.valueOf(start).toPlainString());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                throw new IOException("GET " + url + " answered " + answer.statusCode());
            }
            byte[] bytes = body.readNBytes((int) MAX_PAGE_BYTES + 1);
            if (bytes.length > MAX_PAGE_BYTES) {
                throw new IOException("GET " + url + " answered more than " + MAX_PAGE_BYTES + " bytes");
            }
            JsonNode messages = JSON.readTree(bytes).path("messages");
            if (!messages.isArray()) {
                throw new IOException("GET " + url + " answered no messages array");
            }
            return messages;
        }
    }

    /** Which of a page's messages this node has a record of, whatever its status: one query for the page. */
    private Set<String> known(JsonNode messages) {
        List<ItemHash> hashes = new ArrayList<>();
        for (JsonNode message : messages) {
            try {
                hashes.add(ItemHash.of(message.path("item_hash").asText()));
            } catch (IllegalArgumentException e) {
                // Counted as invalid when taken.
            }
        }
        Set<String> known = new HashSet<>();
        if (hashes.isEmpty()) {
            return known;
        }
        MessageFilter filter = MessageFilter.builder().hashes(hashes).statuses(MessageStatus.values()).build();
        for (MessageRecord record : state.messagesAfter(filter, Optional.empty(), hashes.size(),
                SortOrder.ASCENDING)) {
            known.add(record.itemHash().value());
        }
        return known;
    }

    /**
     * Logs the page's messages this node does not know yet in the inbox, as a peer's, in the peer's order and as
     * one batch (one fsync for the page).
     */
    private void logUnknown(String peer, JsonNode messages) {
        Set<String> known = known(messages);
        List<String> envelopes = new ArrayList<>();
        for (JsonNode listed : messages) {
            String hash = listed.path("item_hash").asText();
            if (known.contains(hash) || !submitted.add(hash)) {
                counters.known.increment();
                continue;
            }
            ObjectNode envelope = JSON.createObjectNode();
            for (String field : ENVELOPE_FIELDS) {
                JsonNode value = listed.get(field);
                if (value != null && !value.isNull()) {
                    envelope.set(field, value);
                }
            }
            envelopes.add(envelope.toString());
        }
        List<KernelMessageIntake.BatchOutcome> outcomes;
        try {
            outcomes = intake.submitAll(envelopes, Origin.P2P);
        } catch (RuntimeException e) {
            // The log refused them (stopping, a full disk): read again on a later round.
            LOG.warn("{} messages caught up from {} could not be logged: {}", envelopes.size(), peer, e.toString());
            return;
        }
        for (KernelMessageIntake.BatchOutcome outcome : outcomes) {
            if (outcome.accepted() != null) {
                counters.logged.increment();
            } else {
                counters.invalid.increment();
                LOG.debug("peer {} listed a message that is not one: {}", peer, outcome.refused().getMessage());
            }
        }
    }

    private void persist() {
        try {
            saved.save(cursors);
        } catch (IOException e) {
            LOG.warn("the catch-up cursors could not be saved; a restart reads again from the last saved ones", e);
        }
    }

    /** The peer's base URL, without a trailing slash. */
    static String base(URI peer) {
        String text = peer.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** What catch-up did since the node started. */
    public Counters counters() {
        return counters;
    }

    @Override
    public void close() throws InterruptedException {
        rounds.shutdownNow();
        rounds.awaitTermination(10, TimeUnit.SECONDS);
        fetcher.shutdownNow();
        http.close();
    }

    /** Counts of listed messages by outcome. */
    public static final class Counters {
        final LongAdder logged = new LongAdder();
        final LongAdder known = new LongAdder();
        final LongAdder invalid = new LongAdder();
        final LongAdder peerFailures = new LongAdder();

        /** Messages this node did not know, logged in its inbox. */
        public long logged() {
            return logged.sum();
        }

        /** Messages this node knew already. */
        public long known() {
            return known.sum();
        }

        /** Listed entries that were not valid messages. */
        public long invalid() {
            return invalid.sum();
        }

        /** Pages a peer did not serve (down, an error, an unreadable answer). */
        public long peerFailures() {
            return peerFailures.sum();
        }
    }
}
