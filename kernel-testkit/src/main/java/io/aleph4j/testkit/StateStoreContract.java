package io.aleph4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.AddressStats;
import io.aleph4j.api.state.AddressStatsCursor;
import io.aleph4j.api.state.AddressStatsQuery;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.PostView;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link StateStore} passes. Extend it as {@code XxxStoreTest} (or {@code XxxStoreIT} when
 * the store needs a server) and open a fresh, empty store in {@link #openEmptyStore()}.
 */
public abstract class StateStoreContract {

    /** A new, open, empty store. Each test gets its own. */
    protected abstract StateStore openEmptyStore() throws Exception;

    /** Closes a store {@link #openEmptyStore()} returned. */
    protected abstract void close(StateStore store) throws Exception;

    /**
     * Opens again, once closed, the database the last {@link #openEmptyStore()} created: the pipeline resumes
     * after a restart from what the store kept.
     */
    protected abstract StateStore reopen() throws Exception;

    private static final String ALICE = "0xAliceAliceAliceAliceAliceAliceAliceAlice";
    private static final String BOB = "0xBobBobBobBobBobBobBobBobBobBobBobBobBobBo";
    private static final Instant RECEIVED = Instant.parse("2026-11-24T10:15:30.123456Z");

    protected StateStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = openEmptyStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        close(store);
    }

    // --- writes, the applied index and transactions

    @Test
    void stateAndTheAppliedIndexSurviveReopening() throws Exception {
        FileReference reference = new FileReference(hash(1), "0xowner", hash(2), ItemType.STORAGE, null, 1.0);
        write(41, tx -> {
            tx.putFileReference(reference);
            return null;
        });
        close(store);
        store = reopen();
        assertThat(store.appliedInboxIndex()).isEqualTo(41);
        assertThat(store.queries().fileReference(hash(1))).contains(reference);
    }

    @Test
    void aWriteTransactionFindsMessagesStoredBeforeReopeningAndNoneAfterAReset() throws Exception {
        MessageRecord post = post(1, ALICE, "note", 100.0);
        write(1, tx -> {
            tx.putMessage(post);
            assertThat(tx.message(post.itemHash())).as("a message this transaction stored").contains(post);
            return null;
        });
        close(store);
        store = reopen();
        write(2, tx -> {
            assertThat(tx.message(post.itemHash())).as("a message stored before the store reopened").contains(post);
            assertThat(tx.message(hash(2))).isEmpty();
            return null;
        });
        store.reset();
        write(0, tx -> {
            assertThat(tx.message(post.itemHash())).as("after a reset").isEmpty();
            tx.putMessage(post);
            return null;
        });
        assertThat(store.queries().message(post.itemHash())).contains(post);
    }

    @Test
    void anEmptyStoreHasAppliedNothing() {
        assertThat(store.appliedInboxIndex()).isEqualTo(-1);
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.all()).items()).isEmpty();
    }

    @Test
    void aWriteCommitsItsChangesWithTheAppliedInboxIndex() {
        MessageRecord post = post(1, ALICE, "note", 100.0);
        write(7, tx -> {
            tx.putMessage(post);
            return null;
        });
        assertThat(store.appliedInboxIndex()).isEqualTo(7);
        assertThat(store.queries().message(post.itemHash())).contains(post);
    }

    @Test
    void aWriteThatThrowsKeepsNothingAndLeavesTheIndex() {
        write(3, tx -> null);
        MessageRecord post = post(1, ALICE, "note", 100.0);
        assertThatThrownBy(() -> write(4, tx -> {
            tx.putMessage(post);
            throw new IllegalStateException("handler failed");
        })).hasMessage("handler failed");
        assertThat(store.appliedInboxIndex()).isEqualTo(3);
        assertThat(store.queries().message(post.itemHash())).isEmpty();
        write(4, tx -> {
            tx.putMessage(post);
            return null;
        });
        assertThat(store.queries().message(post.itemHash())).contains(post);
    }

    @Test
    void theAppliedIndexNeverGoesBack() {
        write(10, tx -> null);
        assertThatThrownBy(() -> write(9, tx -> null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9");
        assertThat(store.appliedInboxIndex()).isEqualTo(10);
    }

    @Test
    void aTransactionClosedWithoutACommitKeepsNothing() {
        MessageRecord post = post(1, ALICE, "note", 100.0);
        try (StateTransaction transaction = store.begin()) {
            transaction.putMessage(post);
            assertThat(transaction.message(post.itemHash())).as("its own change").contains(post);
        }
        assertThat(store.appliedInboxIndex()).isEqualTo(-1);
        assertThat(store.queries().message(post.itemHash())).isEmpty();
        write(0, tx -> {
            tx.putMessage(post);
            return null;
        });
        assertThat(store.queries().message(post.itemHash())).as("a next transaction commits").contains(post);
    }

    @Test
    void aTransactionCommitsOnce() {
        try (StateTransaction transaction = store.begin()) {
            transaction.commit(1);
            assertThatThrownBy(() -> transaction.commit(2)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.appliedInboxIndex()).isEqualTo(1);
    }

    @Test
    void readsInsideAWriteSeeItsOwnChanges() {
        MessageRecord post = post(1, ALICE, "note", 100.0);
        Optional<MessageRecord> seen = write(0, tx -> {
            tx.putMessage(post);
            return tx.message(post.itemHash());
        });
        assertThat(seen).contains(post);
    }

    @Test
    void resetDropsAllStateAndTheAppliedIndex() {
        write(5, tx -> {
            tx.putMessage(post(1, ALICE, "note", 100.0));
            tx.putPost(postRow(1, ALICE, "note", 100.0));
            tx.putAggregateElement(new AggregateElement(hash(2), ALICE, "profile", "{\"a\":1}", 100.0));
            tx.putAggregate(new AggregateRecord(ALICE, "profile", "{\"a\":1}", 100.0, hash(2), 100.0));
            tx.putFileReference(new FileReference(hash(3), ALICE, hash(4), ItemType.STORAGE, null, 100.0));
            return null;
        });
        store.reset();
        assertThat(store.appliedInboxIndex()).isEqualTo(-1);
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.all()).total()).isZero();
        assertThat(store.queries().posts(PostFilter.any(), PageRequest.all()).total()).isZero();
        assertThat(store.queries().aggregate(ALICE, "profile")).isEmpty();
        assertThat(store.queries().fileReference(hash(3))).isEmpty();
    }

    // --- messages

    @Test
    void aMessageRoundTripsWithEveryField() {
        MessageRecord rejected = MessageRecord.builder().itemHash(hash(9)).chain(Chain.SOL).sender(BOB)
                .type(MessageType.AGGREGATE).time(1.5).itemType(ItemType.STORAGE).signature("{\"signature\":\"x\"}")
                .rejected(RejectionReason.of(ErrorCode.PERMISSION_DENIED, "not allowed: ünïcode ✓"))
                .receivedAt(RECEIVED).build();
        MessageRecord forgotten = post(1, ALICE, "note", 100.0);
        forgotten = forgotten.toBuilder().channel("TEST").itemContent(null).status(MessageStatus.FORGOTTEN)
                .content(forgotten.content().withoutJson()).forgottenBy(List.of(hash(20), hash(21))).size(42).build();
        MessageRecord finalForgotten = forgotten;
        write(0, tx -> {
            tx.putMessage(rejected);
            tx.putMessage(finalForgotten);
            return null;
        });
        assertThat(store.queries().message(rejected.itemHash())).contains(rejected);
        assertThat(store.queries().message(forgotten.itemHash())).contains(forgotten);
        assertThat(store.queries().message(forgotten.itemHash()).orElseThrow().message()).isEmpty();
    }

    @Test
    void puttingAMessageAgainReplacesIt() {
        MessageRecord pending = post(1, ALICE, "note", 100.0).toBuilder().status(MessageStatus.PENDING).build();
        write(0, tx -> {
            tx.putMessage(pending);
            return null;
        });
        MessageRecord processed = pending.toBuilder().status(MessageStatus.PROCESSED).build();
        write(1, tx -> {
            tx.putMessage(processed);
            return null;
        });
        assertThat(store.queries().message(pending.itemHash())).contains(processed);
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.all()).total()).isEqualTo(1);
    }

    @Test
    void cursorPagesWalkEveryMatchingMessageOnceInBothOrdersTiesIncluded() {
        List<MessageRecord> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            all.add(post(i, i % 3 == 0 ? BOB : ALICE, "note", 100.0 + i / 4));
        }
        write(0, tx -> {
            all.forEach(tx::putMessage);
            return null;
        });
        MessageFilter alices = MessageFilter.builder().senders(ALICE).build();
        for (SortOrder order : SortOrder.values()) {
            List<MessageRecord> expected = store.queries().messages(alices, new PageRequest(1, 0, order)).items();
            List<MessageRecord> walked = StateStoreContract.<MessageRecord, MessageCursor>walk(
                    after -> store.queries().messagesAfter(alices, after, 3, order), MessageCursor::of, 3);
            assertThat(expected).hasSize(9);
            assertThat(walked).as("order %s", order).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void postCursorPagesWalkEveryOriginalPostOnceWithItsLatestAmend() {
        write(0, tx -> {
            for (int i = 1; i <= 7; i++) {
                tx.putPost(postRow(i, ALICE, "note", 100.0 + i / 3));
            }
            return null;
        });
        for (SortOrder order : SortOrder.values()) {
            List<PostView> expected = store.queries().posts(PostFilter.builder().build(), new PageRequest(1, 0, order))
                    .items();
            List<PostView> walked = StateStoreContract.<PostView, MessageCursor>walk(
                    after -> store.queries().postsAfter(PostFilter.builder().build(), after, 2, order),
                    last -> new MessageCursor(last.original().time(), last.original().itemHash()), 2);
            assertThat(expected).hasSize(7);
            assertThat(walked).as("order %s", order).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void pageTotalsStayExactAsMessagesAreAddedReplacedAndForgotten() {
        List<MessageRecord> posts = new java.util.ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            MessageRecord post = post(i, i % 3 == 0 ? BOB : ALICE, i % 2 == 0 ? "note" : "blog", 100.0 + i);
            posts.add(i % 4 == 0 ? withChannel(post, "OTHER") : post);
        }
        write(0, tx -> {
            posts.forEach(tx::putMessage);
            tx.putMessage(aggregate(20, ALICE, ALICE, "profile", 50.0));
            tx.putMessage(solana(21, 60.0));
            return null;
        });
        write(1, tx -> {
            tx.putMessage(posts.get(0).toBuilder().status(MessageStatus.PENDING).build());
            tx.putMessage(posts.get(1).toBuilder().rejected(RejectionReason.of(ErrorCode.PERMISSION_DENIED, "no")).build());
            MessageRecord forgotten = posts.get(2);
            tx.putMessage(forgotten.toBuilder().itemContent(null).status(MessageStatus.FORGOTTEN)
                    .content(forgotten.content().withoutJson()).forgottenBy(List.of(hash(30))).size(0).build());
            return null;
        });

        java.util.function.Function<MessageFilter.Builder, MessageFilter.Builder> processed =
                builder -> builder.statuses(MessageStatus.PROCESSED);
        for (MessageFilter filter : List.of(MessageFilter.any(),
                processed.apply(MessageFilter.builder()).build(),
                MessageFilter.builder().statuses(MessageStatus.PENDING, MessageStatus.REJECTED).build(),
                processed.apply(MessageFilter.builder().channels("TEST")).build(),
                MessageFilter.builder().channels("TEST", "OTHER").build(),
                processed.apply(MessageFilter.builder().contentTypes("note")).build(),
                MessageFilter.builder().contentTypes("note").types(MessageType.POST).build(),
                MessageFilter.builder().contentTypes("note").types(MessageType.AGGREGATE).build(),
                processed.apply(MessageFilter.builder().tags("all")).build(),
                MessageFilter.builder().tags("tag-5").build(),
                MessageFilter.builder().tags("tag-5", "all").build(),
                processed.apply(MessageFilter.builder().types(MessageType.POST, MessageType.STORE)).build(),
                processed.apply(MessageFilter.builder().senders(ALICE, BOB)).build(),
                MessageFilter.builder().owners(BOB).build(),
                MessageFilter.builder().chains(Chain.SOL).build(),
                processed.apply(MessageFilter.builder().senders(ALICE).channels("TEST")).build())) {
            long exact = store.queries().messages(filter, PageRequest.all()).items().size();
            assertThat(store.queries().messages(filter, PageRequest.first(1, SortOrder.DESCENDING)).total())
                    .as("total of %s", filter).isEqualTo(exact);
        }
        store.reset();
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.first(1, SortOrder.DESCENDING))
                .total()).isZero();
    }

    @Test
    void messagesAreFoundByTheirContentsItemHashAndPaymentType() {
        MessageRecord base = solana(1, 10.0);
        String json = "{\"address\":\"SoLaNaSender\",\"item_hash\":\"" + hash(9).value()
                + "\",\"payment\":{\"type\":\"credit\"}}";
        MessageRecord paid = base.toBuilder().content(ContentFields.builder("SoLaNaSender", 10.0).json(json)
                .itemHash(hash(9).value()).paymentType("credit").build()).size(json.length()).build();
        write(0, tx -> {
            tx.putMessage(paid);
            tx.putMessage(post(2, ALICE, "note", 20.0));
            return null;
        });

        assertThat(store.queries().message(paid.itemHash())).contains(paid);
        assertThat(store.queries().messages(MessageFilter.builder().contentHashes(hash(9).value()).build(),
                PageRequest.all()).items()).containsExactly(paid);
        assertThat(store.queries().messages(MessageFilter.builder().paymentTypes("credit", "hold").build(),
                PageRequest.all()).items()).containsExactly(paid);
        assertThat(store.queries().messages(MessageFilter.builder().paymentTypes("hold").build(),
                PageRequest.all()).items()).isEmpty();
    }

    @Test
    void messagesAreFilteredByEachCriterion() {
        MessageRecord alicePost = post(1, ALICE, "note", 100.0);
        MessageRecord bobPost = withChannel(post(2, BOB, "blog", 200.0), "OTHER");
        MessageRecord aggregate = aggregate(3, BOB, ALICE, "profile", 300.0);
        MessageRecord rejected = post(4, BOB, "note", 400.0)
                .toBuilder().rejected(RejectionReason.of(ErrorCode.INVALID_FORMAT, "bad")).build();
        MessageRecord solana = solana(5, 500.0);
        write(0, tx -> {
            List.of(alicePost, bobPost, aggregate, rejected, solana).forEach(tx::putMessage);
            return null;
        });

        assertThat(hashes(MessageFilter.builder().hashes(hash(1), hash(3)).build())).containsExactly(hash(1), hash(3));
        assertThat(hashes(MessageFilter.builder().senders(BOB).build())).containsExactly(hash(2), hash(3), hash(4));
        assertThat(hashes(MessageFilter.builder().owners(ALICE).build())).containsExactly(hash(1), hash(3));
        assertThat(hashes(MessageFilter.builder().refs("ref-2").build())).containsExactly(hash(2));
        assertThat(hashes(MessageFilter.builder().channels("OTHER").build())).containsExactly(hash(2));
        assertThat(hashes(MessageFilter.builder().tags("tag-1", "tag-4").build())).containsExactly(hash(1), hash(4));
        assertThat(hashes(MessageFilter.builder().contentTypes("blog").build())).containsExactly(hash(2));
        assertThat(hashes(MessageFilter.builder().contentKeys("profile").build())).containsExactly(hash(3));
        assertThat(hashes(MessageFilter.builder().types(MessageType.AGGREGATE).build())).containsExactly(hash(3));
        assertThat(hashes(MessageFilter.builder().chains(Chain.SOL).build())).containsExactly(hash(5));
        assertThat(hashes(MessageFilter.builder().statuses(MessageStatus.REJECTED).build())).containsExactly(hash(4));
        assertThat(hashes(MessageFilter.builder().startTime(200).endTime(400).build()))
                .containsExactly(hash(2), hash(3));
        assertThat(hashes(MessageFilter.builder().senders(BOB).statuses(MessageStatus.PROCESSED)
                .types(MessageType.POST).build())).containsExactly(hash(2));
        assertThat(hashes(MessageFilter.builder().senders("nobody").build())).isEmpty();
    }

    @Test
    void filterValuesAreDataNotSql() {
        write(0, tx -> {
            tx.putMessage(post(1, ALICE, "note", 100.0));
            return null;
        });
        assertThat(hashes(MessageFilter.builder().senders("x' OR '1'='1").build())).isEmpty();
        assertThat(hashes(MessageFilter.builder().tags("') OR 1=1 --").build())).isEmpty();
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.all()).total()).isEqualTo(1);
    }

    @Test
    void messagesArePagedInTimeOrderWithTheTotal() {
        write(0, tx -> {
            for (int i = 1; i <= 25; i++) {
                tx.putMessage(post(i, ALICE, "note", 1000.0 + i));
            }
            return null;
        });
        Page<MessageRecord> second = store.queries().messages(MessageFilter.any(),
                new PageRequest(2, 10, SortOrder.DESCENDING));
        assertThat(second.total()).isEqualTo(25);
        assertThat(second.items()).extracting(MessageRecord::itemHash)
                .containsExactly(hash(15), hash(14), hash(13), hash(12), hash(11), hash(10), hash(9), hash(8),
                        hash(7), hash(6));
        Page<MessageRecord> third = store.queries().messages(MessageFilter.any(),
                new PageRequest(3, 10, SortOrder.ASCENDING));
        assertThat(third.items()).extracting(MessageRecord::itemHash)
                .containsExactly(hash(21), hash(22), hash(23), hash(24), hash(25));
        assertThat(third.total()).isEqualTo(25);
        Page<MessageRecord> beyond = store.queries().messages(MessageFilter.any(),
                new PageRequest(9, 10, SortOrder.ASCENDING));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(25);
    }

    @Test
    void messagesWithTheSameTimeAreOrderedByItemHash() {
        write(0, tx -> {
            tx.putMessage(post(3, ALICE, "note", 100.0));
            tx.putMessage(post(1, ALICE, "note", 100.0));
            tx.putMessage(post(2, ALICE, "note", 100.0));
            return null;
        });
        List<ItemHash> sorted = new ArrayList<>(List.of(hash(1), hash(2), hash(3)));
        sorted.sort((a, b) -> a.value().compareTo(b.value()));
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.first(10, SortOrder.ASCENDING))
                .items()).extracting(MessageRecord::itemHash).containsExactlyElementsOf(sorted);
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.first(10, SortOrder.DESCENDING))
                .items()).extracting(MessageRecord::itemHash).containsExactlyElementsOf(sorted.reversed());
    }

    // --- posts

    @Test
    void postsShowTheirLatestAmend() {
        PostRecord original = postRow(1, ALICE, "note", 100.0);
        PostRecord amend = amendRow(2, ALICE, hash(1), 200.0, "{\"text\":\"edited\"}");
        PostRecord other = postRow(3, BOB, "blog", 150.0);
        write(0, tx -> {
            tx.putPost(original);
            tx.putPost(amend);
            tx.putPost(other);
            tx.setLatestAmend(hash(1), hash(2));
            return null;
        });
        Page<PostView> posts = store.queries().posts(PostFilter.any(), PageRequest.first(10, SortOrder.ASCENDING));
        assertThat(posts.total()).isEqualTo(2);
        assertThat(posts.items()).extracting(view -> view.original().itemHash()).containsExactly(hash(1), hash(3));
        assertThat(posts.items().get(0).current().json()).isEqualTo("{\"text\":\"edited\"}");
        assertThat(posts.items().get(0).original().latestAmend()).isEqualTo(hash(2));
        assertThat(posts.items().get(1).current()).isEqualTo(other);
        assertThat(store.queries().amendsOf(hash(1))).containsExactly(amend);
        assertThat(store.queries().post(hash(2))).contains(amend);

        write(1, tx -> {
            tx.deletePost(hash(2));
            tx.setLatestAmend(hash(1), null);
            return null;
        });
        PostView reverted = store.queries().posts(PostFilter.builder().hashes(hash(1)).build(), PageRequest.all())
                .items().get(0);
        assertThat(reverted.current()).isEqualTo(reverted.original());
        assertThat(reverted.current().json()).isEqualTo(original.json());
    }

    @Test
    void postsAreFilteredByEachCriterion() {
        write(0, tx -> {
            tx.putPost(postRow(1, ALICE, "note", 100.0));
            tx.putPost(postRow(2, BOB, "blog", 200.0));
            tx.putPost(postRow(3, BOB, "note", 300.0));
            tx.putMessage(post(1, ALICE, "note", 100.0));
            tx.putMessage(post(2, BOB, "blog", 200.0));
            tx.putMessage(post(3, BOB, "note", 300.0));
            return null;
        });
        assertThat(postHashes(PostFilter.builder().owners(BOB).build())).containsExactly(hash(2), hash(3));
        assertThat(postHashes(PostFilter.builder().types("note").build())).containsExactly(hash(1), hash(3));
        assertThat(postHashes(PostFilter.builder().refs("ref-2").build())).containsExactly(hash(2));
        assertThat(postHashes(PostFilter.builder().hashes(hash(3)).build())).containsExactly(hash(3));
        assertThat(postHashes(PostFilter.builder().channels("TEST").build()))
                .containsExactly(hash(1), hash(2), hash(3));
        assertThat(postHashes(PostFilter.builder().tags("tag-2").build())).containsExactly(hash(2));
        assertThat(postHashes(PostFilter.builder().startTime(150).endTime(300).build())).containsExactly(hash(2));
        Page<PostView> page = store.queries().posts(PostFilter.any(), new PageRequest(2, 2, SortOrder.DESCENDING));
        assertThat(page.items()).extracting(view -> view.original().itemHash()).containsExactly(hash(1));
        assertThat(page.total()).isEqualTo(3);
    }

    // --- aggregates and files

    @Test
    void aggregatesAreReadByOwnerAndKeys() {
        write(0, tx -> {
            tx.putAggregate(new AggregateRecord(ALICE, "profile", "{\"name\":\"alice\"}", 100.0, hash(1), 150.0));
            tx.putAggregate(new AggregateRecord(ALICE, "settings", "{\"dark\":true}", 120.0, hash(2), 120.0));
            tx.putAggregate(new AggregateRecord(BOB, "profile", "{\"name\":\"bob\"}", 130.0, hash(3), 130.0));
            return null;
        });
        assertThat(store.queries().aggregate(ALICE, "profile")).contains(
                new AggregateRecord(ALICE, "profile", "{\"name\":\"alice\"}", 100.0, hash(1), 150.0));
        assertThat(store.queries().aggregates(ALICE, List.of())).extracting(AggregateRecord::key)
                .containsExactly("profile", "settings");
        assertThat(store.queries().aggregates(ALICE, List.of("settings", "missing"))).extracting(AggregateRecord::key)
                .containsExactly("settings");
        assertThat(store.queries().aggregates("nobody", List.of())).isEmpty();

        write(1, tx -> {
            tx.putAggregate(new AggregateRecord(ALICE, "profile", "{\"name\":\"alice2\"}", 100.0, hash(4), 200.0));
            tx.deleteAggregate(ALICE, "settings");
            return null;
        });
        assertThat(store.queries().aggregate(ALICE, "profile").orElseThrow().json()).isEqualTo("{\"name\":\"alice2\"}");
        assertThat(store.queries().aggregate(ALICE, "settings")).isEmpty();
    }

    @Test
    void aggregateElementsComeOldestFirst() {
        AggregateElement late = new AggregateElement(hash(1), ALICE, "profile", "{\"b\":2}", 200.0);
        AggregateElement early = new AggregateElement(hash(2), ALICE, "profile", "{\"a\":1}", 100.0);
        AggregateElement otherKey = new AggregateElement(hash(3), ALICE, "settings", "{\"c\":3}", 50.0);
        write(0, tx -> {
            tx.putAggregateElement(late);
            tx.putAggregateElement(early);
            tx.putAggregateElement(otherKey);
            return null;
        });
        assertThat(store.queries().aggregateElements(ALICE, "profile")).containsExactly(early, late);
        write(1, tx -> {
            tx.deleteAggregateElement(hash(2));
            return null;
        });
        assertThat(store.queries().aggregateElements(ALICE, "profile")).containsExactly(late);
    }

    @Test
    void fileReferencesAreFoundByFileAndByMessage() {
        FileReference first = new FileReference(hash(1), ALICE, hash(9), ItemType.STORAGE, null, 100.0);
        FileReference second = new FileReference(hash(2), BOB, hash(9), ItemType.STORAGE, "v2", 200.0);
        write(0, tx -> {
            tx.putFileReference(second);
            tx.putFileReference(first);
            return null;
        });
        assertThat(store.queries().fileReferences(hash(9))).containsExactly(first, second);
        assertThat(store.queries().fileReference(hash(2))).contains(second);
        write(1, tx -> {
            tx.deleteFileReference(hash(1));
            return null;
        });
        assertThat(store.queries().fileReferences(hash(9))).containsExactly(second);
    }

    @Test
    void theLatestFileReferenceOfARefIsFoundByMessageHashOrByOwnerAndText() {
        FileReference original = new FileReference(hash(1), ALICE, hash(7), ItemType.STORAGE, null, 100.0);
        FileReference version = new FileReference(hash(2), ALICE, hash(8), ItemType.STORAGE, hash(1).value(), 200.0);
        FileReference named = new FileReference(hash(3), ALICE, hash(9), ItemType.IPFS, "avatar", 150.0);
        FileReference renamed = new FileReference(hash(4), ALICE, hash(6), ItemType.IPFS, "avatar", 250.0);
        FileReference othersName = new FileReference(hash(5), BOB, hash(5), ItemType.STORAGE, "avatar", 300.0);
        write(0, tx -> {
            for (FileReference reference : List.of(original, version, named, renamed, othersName)) {
                tx.putFileReference(reference);
            }
            return null;
        });

        assertThat(store.queries().latestFileReference(null, hash(1).value())).contains(version);
        assertThat(store.queries().latestFileReference(null, hash(2).value())).as("a version is no original").isEmpty();
        assertThat(store.queries().latestFileReference(ALICE, "avatar")).contains(renamed);
        assertThat(store.queries().latestFileReference(BOB, "avatar")).contains(othersName);
        assertThat(store.queries().latestFileReference(BOB, "missing")).isEmpty();
    }

    // --- concurrency

    @Test
    void queriesRunFromManyThreadsWhileTheWriterCommits() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> reads = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                int base = round * 10;
                write(round, tx -> {
                    for (int i = 1; i <= 10; i++) {
                        tx.putMessage(post(base + i, ALICE, "note", 100.0 + base + i));
                    }
                    return null;
                });
                for (int r = 0; r < 4; r++) {
                    reads.add(readers.submit(() ->
                            store.queries().messages(MessageFilter.any(), PageRequest.first(5, SortOrder.DESCENDING))
                                    .total()));
                }
            }
            for (Future<Long> read : reads) {
                assertThat(read.get()).isBetween(10L, 200L);
            }
            assertThat(store.queries().messages(MessageFilter.any(), PageRequest.all()).total()).isEqualTo(200);
        } finally {
            readers.shutdownNow();
        }
    }

    // --- address stats

    @Test
    void addressStatsCountEachSendersProcessedMessagesByType() {
        write(1, tx -> {
            tx.putMessage(post(1, ALICE, "note", 100.0));
            tx.putMessage(post(2, ALICE, "note", 101.0));
            tx.putMessage(aggregate(3, ALICE, ALICE, "profile", 102.0));
            tx.putMessage(post(4, ALICE, "note", 103.0).toBuilder().rejected(RejectionReason.of(ErrorCode.INVALID_SIGNATURE, "bad")).build());
            tx.putMessage(post(5, BOB, "note", 104.0));
            tx.putMessage(post(6, BOB, "note", 105.0).toBuilder().status(MessageStatus.PENDING).build());
            tx.putMessage(solana(7, 106.0));
            return null;
        });

        Page<AddressStats> all = store.queries().addressStats(AddressStatsQuery.all(),
                PageRequest.first(10, SortOrder.DESCENDING));

        assertThat(all.total()).isEqualTo(3);
        assertThat(all.items()).containsExactly(
                new AddressStats(ALICE, Map.of(MessageType.POST, 2L, MessageType.AGGREGATE, 1L)),
                new AddressStats(BOB, Map.of(MessageType.POST, 1L)),
                new AddressStats("SoLaNaSender", Map.of(MessageType.STORE, 1L)));
        assertThat(store.queries().addressStats(new AddressStatsQuery(Set.of(), null, AddressStatsQuery.SortBy.STORE),
                PageRequest.first(1, SortOrder.DESCENDING)).items()).extracting(AddressStats::address)
                .containsExactly("SoLaNaSender");
        assertThat(store.queries().addressStats(new AddressStatsQuery(Set.of(BOB), null, null),
                PageRequest.all()).items()).extracting(AddressStats::address).containsExactly(BOB);
        assertThat(store.queries().addressStats(new AddressStatsQuery(Set.of(), "solana", null),
                PageRequest.all()).items()).extracting(AddressStats::address).containsExactly("SoLaNaSender");
        assertThat(store.queries().addressStats(new AddressStatsQuery(Set.of(), "%", null),
                PageRequest.all()).items()).as("LIKE wildcards match only themselves").isEmpty();

        for (AddressStatsQuery.SortBy sortBy : List.of(AddressStatsQuery.SortBy.TOTAL, AddressStatsQuery.SortBy.POST)) {
            for (SortOrder order : SortOrder.values()) {
                AddressStatsQuery query = new AddressStatsQuery(Set.of(), null, sortBy);
                List<AddressStats> expected = store.queries().addressStats(query, new PageRequest(1, 0, order))
                        .items();
                List<AddressStats> walked = StateStoreContract.<AddressStats, AddressStatsCursor>walk(
                        after -> store.queries().addressStatsAfter(query, after, 1, order),
                        last -> new AddressStatsCursor(last.count(sortBy), last.address()), 1);
                assertThat(walked).as("%s %s", sortBy, order).hasSize(3).containsExactlyElementsOf(expected);
            }
        }
    }

    // --- fixtures

    /** Runs {@code work} in one transaction of the store and commits it through {@code throughInboxIndex}. */
    protected final <T> T write(long throughInboxIndex, Function<StateTransaction, T> work) {
        return write(store, throughInboxIndex, work);
    }

    /**
     * Runs {@code work} in one transaction of {@code target} and commits it through {@code throughInboxIndex}, as the
     * kernel's pipeline writes: a failing {@code work} leaves nothing behind.
     */
    protected static <T> T write(StateStore target, long throughInboxIndex, Function<StateTransaction, T> work) {
        try (StateTransaction transaction = target.begin()) {
            T result = work.apply(transaction);
            transaction.commit(throughInboxIndex);
            return result;
        }
    }

    /** A distinct, valid item hash per number. */
    protected static ItemHash hash(int number) {
        return ItemHash.sha256Of("contract-" + number);
    }

    /** Every item a cursor-paginated query returns, page after page of {@code size}, until a short page. */
    private static <T, C> List<T> walk(java.util.function.Function<Optional<C>, List<T>> pageAfter,
                                       java.util.function.Function<T, C> cursorOf, int size) {
        List<T> walked = new java.util.ArrayList<>();
        Optional<C> after = Optional.empty();
        List<T> page;
        do {
            page = pageAfter.apply(after);
            walked.addAll(page);
            if (!page.isEmpty()) {
                after = Optional.of(cursorOf.apply(page.getLast()));
            }
        } while (page.size() == size);
        return walked;
    }

    /** A processed POST numbered {@code number} (its hash is {@link #hash}{@code (number)}). */
    protected static MessageRecord post(int number, String owner, String postType, double time) {
        String json = "{\"type\":\"" + postType + "\",\"address\":\"" + owner + "\",\"time\":" + time
                + ",\"ref\":\"ref-" + number + "\",\"content\":{\"tags\":[\"tag-" + number + "\"]}}";
        ContentFields content = ContentFields.builder(owner, time).type(postType).ref("ref-" + number)
                .tags(List.of("tag-" + number, "all")).json(json).build();
        return MessageRecord.builder().itemHash(hash(number)).chain(Chain.ETH).sender(owner).type(MessageType.POST)
                .channel("TEST").time(time).itemType(ItemType.INLINE).itemContent(json).signature("0xsignature" + number)
                .status(MessageStatus.PROCESSED).content(content).receivedAt(RECEIVED).size(json.length()).build();
    }

    private static MessageRecord aggregate(int number, String sender, String owner, String key, double time) {
        String json = "{\"key\":\"" + key + "\",\"address\":\"" + owner + "\",\"time\":" + time + ",\"content\":{}}";
        return MessageRecord.builder().itemHash(hash(number)).chain(Chain.ETH).sender(sender)
                .type(MessageType.AGGREGATE).channel("TEST").time(time).itemType(ItemType.INLINE).itemContent(json)
                .signature("0xsignature" + number).status(MessageStatus.PROCESSED)
                .content(ContentFields.builder(owner, time).key(key).json(json).build()).receivedAt(RECEIVED)
                .size(json.length()).build();
    }

    private static MessageRecord solana(int number, double time) {
        return MessageRecord.builder().itemHash(hash(number)).chain(Chain.SOL).sender("SoLaNaSender")
                .type(MessageType.STORE).channel("TEST").time(time).itemType(ItemType.STORAGE).signature("{}")
                .status(MessageStatus.PROCESSED).content(ContentFields.builder("SoLaNaSender", time).json("{}").build())
                .receivedAt(RECEIVED).size(2).build();
    }

    private static MessageRecord withChannel(MessageRecord record, String channel) {
        return record.toBuilder().channel(channel).build();
    }

    private static PostRecord postRow(int number, String owner, String postType, double time) {
        return PostRecord.builder(hash(number), owner, postType).ref("ref-" + number).channel("TEST")
                .tags(List.of("tag-" + number)).json("{\"text\":\"post " + number + "\"}").time(time).build();
    }

    private static PostRecord amendRow(int number, String owner, ItemHash original, double time, String json) {
        return PostRecord.builder(hash(number), owner, "amend").ref(original.value()).amends(original).channel("TEST")
                .json(json).time(time).build();
    }

    private List<ItemHash> hashes(MessageFilter filter) {
        return store.queries().messages(filter, PageRequest.all()).items().stream().map(MessageRecord::itemHash)
                .toList();
    }

    private List<ItemHash> postHashes(PostFilter filter) {
        return store.queries().posts(filter, PageRequest.all()).items().stream()
                .map(view -> view.original().itemHash()).toList();
    }
}
