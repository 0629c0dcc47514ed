package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.AGGREGATE;
import static io.aleph4j.api.message.MessageType.FORGET;
import static io.aleph4j.api.message.MessageType.POST;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the state from the log yields the state built live: 100,000 real signed messages (three chains,
 * every type, amends, delegations, forgets, duplicates and invalid ones) go through the intake (which refuses those
 * whose hash is not their content's) and the pipeline, then
 * {@code replayState} empties the store and processes the inbox again; a digest of every query result must be
 * the same before and after.
 */
final class ReplayIT {

    private static final int MESSAGES = 100_000;
    private static final double T = 1_795_485_266.0;
    private static final List<String> KEYS = List.of("profile", "settings", "keys", "follows", "status");
    private static final List<String> CHANNELS = List.of("TEST", "ALPHA", "BETA");
    private static final List<String> POST_TYPES = List.of("note", "blog", "chat");

    @Test
    void replayingAHundredThousandMessageLogRebuildsTheSameState() throws Exception {
        List<Message> log = new Scenario(new Random(20261125)).messages(MESSAGES);

        try (PipelineNode node = PipelineNode.start()) {
            long started = System.nanoTime();
            long last = -1;
            int refused = 0;
            for (Message message : log) {
                OptionalLong index = node.offer(message);
                if (index.isPresent()) {
                    last = index.getAsLong();
                } else {
                    refused++;
                }
            }
            assertThat(refused).as("messages the intake refused (hashes that are not their content's)")
                    .isGreaterThan(0).isLessThan(MESSAGES / 20);
            node.awaitApplied(last);
            double liveSeconds = (System.nanoTime() - started) / 1e9;
            StateDigest live = StateDigest.of(node.state(), log);

            started = System.nanoTime();
            assertThat(node.embedded().node().replayState(Duration.ofMinutes(15))).isTrue();
            double replaySeconds = (System.nanoTime() - started) / 1e9;
            StateDigest replayed = StateDigest.of(node.state(), log);

            System.out.printf("ReplayIT: %d messages applied live in %.1f s, replayed in %.1f s; %s%n",
                    log.size(), liveSeconds, replaySeconds, live.statuses());
            assertThat(live.statuses().get(MessageStatus.PROCESSED)).isGreaterThan(MESSAGES / 2);
            assertThat(live.statuses().get(MessageStatus.REJECTED)).isGreaterThan(MESSAGES / 50);
            assertThat(live.statuses().get(MessageStatus.FORGOTTEN)).isGreaterThan(MESSAGES / 100);
            assertThat(live.posts()).isGreaterThan(MESSAGES / 10);
            assertThat(live.aggregates()).isGreaterThan(100);
            assertThat(replayed).isEqualTo(live);
        }
    }

    /** A digest of what the queries answer, with the counts that show it covers a rich state. */
    private record StateDigest(String sha256, Map<MessageStatus, Integer> statuses, long posts, long aggregates) {

        static StateDigest of(StateQueries state, List<Message> log) throws NoSuchAlgorithmException {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Map<MessageStatus, Integer> statuses = new EnumMap<>(MessageStatus.class);
            for (MessageStatus status : MessageStatus.values()) {
                statuses.put(status, 0);
            }
            pages(page -> state.messages(MessageFilter.any(), page).items(), record -> {
                statuses.merge(record.status(), 1, Integer::sum);
                update(digest, record);
            });
            long[] posts = {0};
            pages(page -> state.posts(PostFilter.any(), page).items(), view -> {
                posts[0]++;
                update(digest, view);
                update(digest, state.amendsOf(view.original().itemHash()));
            });
            Set<String> owners = new LinkedHashSet<>();
            Set<ItemHash> files = new LinkedHashSet<>();
            for (Message message : log) {
                owners.add(message.sender());
                if (message.type() == STORE) {
                    state.fileReference(message.itemHash()).ifPresent(reference -> files.add(reference.fileHash()));
                }
            }
            long aggregates = 0;
            for (String owner : owners) {
                var ofOwner = state.aggregates(owner, List.of());
                aggregates += ofOwner.size();
                update(digest, ofOwner);
                for (String key : KEYS) {
                    update(digest, state.aggregateElements(owner, key));
                }
            }
            for (ItemHash file : files) {
                update(digest, state.fileReferences(file));
            }
            return new StateDigest(HexFormat.of().formatHex(digest.digest()), statuses, posts[0], aggregates);
        }

        private static <T> void pages(Function<PageRequest, List<T>> query, java.util.function.Consumer<T> each) {
            for (int page = 1; ; page++) {
                List<T> items = query.apply(new PageRequest(page, 10_000, SortOrder.ASCENDING));
                items.forEach(each);
                if (items.size() < 10_000) {
                    return;
                }
            }
        }

        private static void update(MessageDigest digest, Object value) {
            // Records print every component, so their text is a faithful fingerprint of the query result.
            digest.update(value.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
    }

    /**
     * A random but reproducible history. Messages are planned in log order (later ones refer to earlier ones'
     * hashes, which depend only on the content) and signed afterwards, in parallel.
     */
    private static final class Scenario {

        private final Random random;
        private final List<Wallet> wallets = new ArrayList<>();
        private final Map<Wallet, List<ItemHash>> postsOf = new java.util.HashMap<>();
        private final Map<Wallet, List<ItemHash>> messagesOf = new java.util.HashMap<>();
        private final Map<Wallet, Wallet> delegateOf = new java.util.HashMap<>();

        Scenario(Random random) {
            this.random = random;
            for (int i = 0; i < 70; i++) {
                wallets.add(Wallet.ethereum(1_000 + i));
            }
            for (int i = 0; i < 20; i++) {
                wallets.add(Wallet.solana(100 + i));
            }
            for (int i = 0; i < 10; i++) {
                wallets.add(Wallet.tezos(200 + i));
            }
            wallets.forEach(wallet -> {
                postsOf.put(wallet, new ArrayList<>());
                messagesOf.put(wallet, new ArrayList<>());
            });
        }

        List<Message> messages(int count) {
            List<Planned> plan = new ArrayList<>(count);
            // Every tenth wallet lets the next one act for it, in the TEST channel only.
            for (int i = 0; i + 1 < wallets.size(); i += 10) {
                Wallet owner = wallets.get(i);
                Wallet delegate = wallets.get(i + 1);
                delegateOf.put(owner, delegate);
                String authorizations = "[{\"address\":\"" + delegate.address() + "\",\"channels\":[\"TEST\"]}]";
                plan.add(own(owner, AGGREGATE, "TEST", Contents.security(owner.address(), authorizations, T)));
            }
            while (plan.size() < count) {
                plan.add(next(T + plan.size() * 0.001));
            }
            return IntStream.range(0, plan.size()).parallel().mapToObj(i -> plan.get(i).sign()).toList();
        }

        private Planned next(double time) {
            Wallet wallet = wallets.get(random.nextInt(wallets.size()));
            String me = wallet.address();
            List<ItemHash> posts = postsOf.get(wallet);
            List<ItemHash> mine = messagesOf.get(wallet);
            int roll = random.nextInt(100);
            if (roll < 40 || posts.isEmpty()) {
                String body = "{\"body\":\"post " + random.nextLong() + "\",\"tags\":[\"t" + random.nextInt(8) + "\"]}";
                Planned post = own(wallet, POST, pick(CHANNELS), Contents.post(me, pick(POST_TYPES), body, time));
                posts.add(post.unsigned().itemHash());
                return post;
            }
            if (roll < 55) {
                ItemHash original = posts.get(random.nextInt(posts.size()));
                return own(wallet, POST, "TEST", Contents.amend(me, original, "{\"v\":" + random.nextInt() + "}", time));
            }
            if (roll < 57) {
                // An amend of someone else's post: rejected.
                Wallet other = wallets.get(random.nextInt(wallets.size()));
                List<ItemHash> theirs = postsOf.get(other);
                if (other != wallet && !theirs.isEmpty()) {
                    return own(wallet, POST, "TEST", Contents.amend(me, theirs.getFirst(), "{\"stolen\":true}", time));
                }
            }
            if (roll < 75) {
                String body = "{\"n\":" + random.nextInt(1000) + ",\"s" + random.nextInt(4) + "\":\"" + time + "\"}";
                return own(wallet, AGGREGATE, "TEST", Contents.aggregate(me, pick(KEYS), body, time));
            }
            if (roll < 80) {
                ItemHash file = ItemHash.sha256Of("file " + random.nextInt(500));
                return own(wallet, STORE, "TEST", Contents.store(me, file, null, time));
            }
            if (roll < 85 && !mine.isEmpty()) {
                return own(wallet, FORGET, "TEST", Contents.forget(me, time, mine.get(random.nextInt(mine.size()))));
            }
            if (roll < 87) {
                return own(wallet, FORGET, "TEST", Contents.forgetAggregates(me, time, pick(KEYS)));
            }
            if (roll < 89) {
                // A forget of someone else's message: rejected.
                Wallet other = wallets.get(random.nextInt(wallets.size()));
                if (other != wallet && !messagesOf.get(other).isEmpty()) {
                    return own(wallet, FORGET, "TEST", Contents.forget(me, time, messagesOf.get(other).getFirst()));
                }
            }
            if (roll < 92) {
                Message honest = wallet.unsigned(me, POST, "TEST", time, Contents.post(me, "note", "{}", time));
                return new Planned(wallet, new Message(honest.chain(), me, POST, "TEST", time, honest.itemType(),
                        honest.itemContent(), ItemHash.sha256Of("not the content " + time), ""), Planned.Damage.NONE);
            }
            if (roll < 95) {
                return new Planned(wallet, wallet.unsigned(me, POST, "TEST", time,
                        Contents.post(me, "note", "{\"forged\":true}", time)), Planned.Damage.SIGNATURE);
            }
            if (roll < 98 && delegateOf.containsKey(wallet)) {
                // Posted by the delegate for the owner, in and out of the delegation's channel.
                Wallet delegate = delegateOf.get(wallet);
                String channel = random.nextBoolean() ? "TEST" : "BETA";
                Planned post = new Planned(delegate, delegate.unsigned(delegate.address(), POST, channel, time,
                        Contents.post(me, "note", "{\"by\":\"delegate\"}", time)), Planned.Damage.NONE);
                if (channel.equals("TEST")) {
                    posts.add(post.unsigned().itemHash());
                }
                return post;
            }
            if (!mine.isEmpty()) {
                return Planned.duplicate(wallet, mine.get(random.nextInt(mine.size())), this);
            }
            return own(wallet, AGGREGATE, "TEST", Contents.aggregate(me, "profile", "{\"first\":" + time + "}", time));
        }

        private final Map<ItemHash, Planned> planned = new java.util.HashMap<>();

        private Planned own(Wallet wallet, MessageType type, String channel, String content) {
            Message unsigned = wallet.unsigned(wallet.address(), type, channel, timeOf(content), content);
            Planned planned = new Planned(wallet, unsigned, Planned.Damage.NONE);
            messagesOf.get(wallet).add(unsigned.itemHash());
            this.planned.put(unsigned.itemHash(), planned);
            return planned;
        }

        private static double timeOf(String content) {
            String tail = content.substring(content.lastIndexOf("\"time\":") + 7);
            return Double.parseDouble(tail.replaceAll("[,}].*$", ""));
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** A message to sign, possibly damaged on purpose. */
    private record Planned(Wallet wallet, Message unsigned, Damage damage) {

        enum Damage { NONE, SIGNATURE }

        static Planned duplicate(Wallet wallet, ItemHash earlier, Scenario scenario) {
            Planned original = scenario.planned.get(earlier);
            return new Planned(wallet, original.unsigned(), original.damage());
        }

        Message sign() {
            Message signed = wallet.sign(unsigned);
            if (damage == Damage.SIGNATURE) {
                // Signed over other content: a valid signature by the right key, but not for this message.
                Message other = wallet.sign(wallet.unsigned(unsigned.sender(), unsigned.type(), unsigned.channel(),
                        unsigned.time(), unsigned.itemContent() + " "));
                return Wallet.withSignature(signed, other.signature());
            }
            return signed;
        }
    }
}
