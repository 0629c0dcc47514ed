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
import io.aleph4j.api.state.AggregateCursor;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateFilter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.AggregateSort;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.FileTotals;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
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
        FileReference reference = new FileReference(hash(1), "0xowner", hash(2), ItemType.STORAGE, null, 1.0,
                5_000_000_000L);
        NodeMetric metric = metric(hash(5), NodeKind.CRN, "node-1", 100.0, Map.of("base_latency", 0.25));
        AggregateRecord security = security(BOB, 10.0, ALICE);
        MessageRecord program = program(6, ALICE, 100.0, List.of(hash(2).value(), "runtime-ref"));
        write(41, tx -> {
            tx.putFileReference(reference);
            tx.putNodeMetrics(hash(5), List.of(metric));
            tx.putAggregate(security);
            tx.putMessage(program);
            return null;
        });
        close(store);
        store = reopen();
        assertThat(store.appliedInboxIndex()).isEqualTo(41);
        assertThat(store.queries().fileReference(hash(1))).contains(reference);
        assertThat(store.queries().nodeMetrics(NodeKind.CRN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(metric);
        assertThat(store.queries().securityAggregatesNaming(ALICE)).containsExactly(security);
        assertThat(store.queries().message(program.itemHash())).contains(program);
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
            tx.putFileReference(new FileReference(hash(3), ALICE, hash(4), ItemType.STORAGE, null, 100.0, 7));
            tx.putAggregate(security(BOB, 100.0, ALICE));
            tx.putNodeMetrics(hash(5), List.of(metric(hash(5), NodeKind.CCN, "node-1", 100.0, Map.of())));
            tx.putMessage(program(6, ALICE, 100.0, List.of("volume")));
            return null;
        });
        store.reset();
        assertThat(store.appliedInboxIndex()).isEqualTo(-1);
        assertThat(store.queries().messages(MessageFilter.any(), PageRequest.all()).total()).isZero();
        assertThat(store.queries().posts(PostFilter.any(), PageRequest.all()).total()).isZero();
        assertThat(store.queries().aggregate(ALICE, "profile")).isEmpty();
        assertThat(store.queries().fileReference(hash(3))).isEmpty();
        assertThat(store.queries().fileTotals(ALICE)).isEqualTo(FileTotals.NONE);
        assertThat(store.queries().aggregates(AggregateFilter.builder().build(), PageRequest.all()).total()).isZero();
        assertThat(store.queries().securityAggregatesNaming(ALICE)).isEmpty();
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).isEmpty();
        assertThat(store.queries().channels(MessageFilter.any())).isEmpty();
        assertThat(store.queries().messages(MessageFilter.builder().volumeRefs("volume").build(),
                PageRequest.all()).items()).isEmpty();

        AggregateRecord withoutAlice = security(BOB, 200.0, "0xsomeoneelse");
        write(0, tx -> {
            tx.putAggregate(withoutAlice);
            return null;
        });
        assertThat(store.queries().securityAggregatesNaming(ALICE)).as("no grantee outlives a reset").isEmpty();
        assertThat(store.queries().securityAggregatesNaming("0xsomeoneelse")).containsExactly(withoutAlice);
    }

    @Test
    void readsInsideAWriteSeeItsOwnListingsIndexesAndMetricsAndNobodyElseDoesBeforeTheCommit() {
        AggregateRecord security = security(BOB, 100.0, ALICE);
        NodeMetric metric = metric(hash(5), NodeKind.CCN, "node-1", 100.0, Map.of("pending_messages", 3.0));
        FileReference file = new FileReference(hash(3), ALICE, hash(4), ItemType.STORAGE, null, 100.0, 7);
        MessageRecord program = withChannel(program(6, ALICE, 100.0, List.of("volume")), "WORKLOADS");
        try (StateTransaction transaction = store.begin()) {
            transaction.putAggregate(security);
            transaction.putNodeMetrics(hash(5), List.of(metric));
            transaction.putFileReference(file);
            transaction.putMessage(program);

            assertThat(transaction.securityAggregatesNaming(ALICE)).containsExactly(security);
            assertThat(transaction.aggregates(AggregateFilter.builder().build(), PageRequest.all()).items())
                    .containsExactly(security);
            assertThat(transaction.nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                    SortOrder.ASCENDING)).containsExactly(metric);
            assertThat(transaction.filesOf(ALICE, Optional.empty(), PageRequest.all()).items()).containsExactly(file);
            assertThat(transaction.fileTotals(ALICE)).isEqualTo(new FileTotals(1, 7));
            assertThat(transaction.channels(MessageFilter.any())).containsExactly("WORKLOADS");
            assertThat(transaction.messagesByReception(MessageFilter.builder().volumeRefs("volume").build(),
                    PageRequest.all()).items()).containsExactly(program);

            assertThat(store.queries().securityAggregatesNaming(ALICE)).isEmpty();
            assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                    SortOrder.ASCENDING)).isEmpty();
            assertThat(store.queries().fileTotals(ALICE)).isEqualTo(FileTotals.NONE);
            assertThat(store.queries().channels(MessageFilter.any())).isEmpty();
        }
        assertThat(store.queries().securityAggregatesNaming(ALICE)).as("closed without a commit").isEmpty();
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).isEmpty();
        assertThat(store.queries().filesOf(ALICE, Optional.empty(), PageRequest.all()).items()).isEmpty();

        write(0, tx -> {
            tx.putAggregate(security);
            tx.putNodeMetrics(hash(5), List.of(metric));
            return null;
        });
        assertThat(store.queries().securityAggregatesNaming(ALICE)).containsExactly(security);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(metric);
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

    /**
     * However often a message and its post are put, within one transaction and across several, each is kept once,
     * and a tag its content repeats matches it once: listed, counted and looked up by hash.
     */
    @Test
    void aMessageAndItsPostPutRepeatedlyAreEachKeptOnceWithARepeatedTagMatchingOnce() {
        MessageRecord plain = post(1, ALICE, "note", 100.0);
        MessageRecord message = plain.toBuilder()
                .content(plain.content().toBuilder().tags(List.of("twice", "twice", "all")).build()).build();
        write(0, tx -> {
            putAsThePipelineDoes(tx, message);
            putAsThePipelineDoes(tx, message);
            tx.putMessage(post(2, BOB, "note", 200.0));
            return null;
        });
        write(1, tx -> {
            putAsThePipelineDoes(tx, message);
            assertThat(tx.post(message.itemHash())).as("inside the transaction").contains(postOf(message));
            putAsThePipelineDoes(tx, message);
            return null;
        });
        PageRequest onePerPage = PageRequest.first(1, SortOrder.DESCENDING);
        Map<MessageFilter, Long> messageTotals = Map.of(MessageFilter.any(), 2L,
                MessageFilter.builder().tags("twice").build(), 1L,
                MessageFilter.builder().tags("twice", "all").build(), 2L,
                MessageFilter.builder().hashes(message.itemHash()).build(), 1L);
        messageTotals.forEach((filter, total) -> {
            assertThat(hashes(filter)).as("%s", filter).containsOnlyOnce(message.itemHash()).hasSize(total.intValue());
            assertThat(store.queries().messages(filter, onePerPage).total()).as("%s", filter).isEqualTo(total);
        });
        for (PostFilter filter : List.of(PostFilter.any(), PostFilter.builder().tags("twice").build(),
                PostFilter.builder().tags("twice", "all").build(),
                PostFilter.builder().hashes(message.itemHash()).build())) {
            assertThat(postHashes(filter)).as("%s", filter).containsExactly(message.itemHash());
            assertThat(store.queries().posts(filter, onePerPage).total()).as("%s", filter).isEqualTo(1);
        }
        assertThat(store.queries().post(message.itemHash())).contains(postOf(message));
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

    /**
     * Posts as the pipeline writes them, each built from its message and put before it, listed with posts whose
     * message says otherwise (another time) or that have none, among messages of other types and a rejected POST: a
     * store may list a post through its message's indexes, but every criterion, order, page and cursor sees each
     * post once, in post time order.
     */
    @Test
    void postsBuiltFromTheirMessagesAreFilteredByEachCriterionInPostTimeOrderAlongsideAllOthers() {
        MessageRecord second = post(2, BOB, "blog", 200.0);
        write(0, tx -> {
            putAsThePipelineDoes(tx, post(1, ALICE, "note", 100.0));
            tx.putPost(postOf(second));
            tx.putMessage(second.toBuilder().time(250.0).build());
            putAsThePipelineDoes(tx, post(3, BOB, "note", 300.0));
            tx.putPost(postRow(4, ALICE, "note", 50.0));
            tx.putMessage(aggregate(5, BOB, BOB, "profile", 150.0));
            tx.putMessage(post(6, BOB, "note", 175.0).toBuilder()
                    .rejected(RejectionReason.of(ErrorCode.PERMISSION_DENIED, "no")).build());
            putOthers(tx);
            return null;
        });
        assertThat(postHashes(PostFilter.builder().owners(BOB).build())).containsExactly(hash(2), hash(3));
        assertThat(postHashes(PostFilter.builder().owners(ALICE).build())).containsExactly(hash(4), hash(1));
        assertThat(postHashes(PostFilter.builder().types("note").build())).containsExactly(hash(4), hash(1), hash(3));
        assertThat(postHashes(PostFilter.builder().channels("TEST").build()))
                .containsExactly(hash(4), hash(1), hash(2), hash(3));
        assertThat(postHashes(PostFilter.builder().tags("tag-1", "tag-2", "tag-3").build()))
                .containsExactly(hash(1), hash(2), hash(3));
        assertThat(postHashes(PostFilter.builder().refs("ref-2", "ref-3").build())).containsExactly(hash(2), hash(3));
        assertThat(postHashes(PostFilter.builder().hashes(hash(1), hash(2), hash(4), hash(5)).build()))
                .containsExactly(hash(4), hash(1), hash(2));
        assertThat(postHashes(PostFilter.builder().owners(BOB).startTime(150).endTime(260).build()))
                .containsExactly(hash(2));
        for (SortOrder order : SortOrder.values()) {
            PostFilter channel = PostFilter.builder().channels("TEST").build();
            Page<PostView> all = store.queries().posts(channel, new PageRequest(1, 0, order));
            assertThat(all.items()).hasSize(4);
            assertThat(all.total()).isEqualTo(4);
            List<PostView> walked = StateStoreContract.<PostView, MessageCursor>walk(
                    after -> store.queries().postsAfter(channel, after, 1, order),
                    last -> new MessageCursor(last.original().time(), last.original().itemHash()), 1);
            assertThat(walked).as("order %s", order).containsExactlyElementsOf(all.items());
        }
        assertThat(store.queries().posts(PostFilter.builder().owners(BOB).build(),
                new PageRequest(1, 1, SortOrder.DESCENDING)).items()).extracting(view -> view.original().itemHash())
                .containsExactly(hash(3));
    }

    /**
     * A post built from its message stays listed once, under its own attributes, when its message is put again with
     * other ones, when it is put again itself, and across a reopening; its amend too; deleted, it is gone.
     */
    @Test
    void aPostBuiltFromItsMessageIsListedOnceWhateverIsPutAgainAndGoneOnceDeleted() throws Exception {
        MessageRecord first = post(1, ALICE, "note", 100.0);
        MessageRecord amendMessage = post(7, ALICE, "amend", 400.0);
        PostRecord amend = postOf(amendMessage).toBuilder().amends(hash(3)).ref(hash(3).value())
                .json("{\"text\":\"amended\"}").build();
        write(0, tx -> {
            putAsThePipelineDoes(tx, first);
            putAsThePipelineDoes(tx, post(3, BOB, "note", 300.0));
            tx.putPost(amend);
            tx.putMessage(amendMessage);
            tx.setLatestAmend(hash(3), hash(7));
            putOthers(tx);
            return null;
        });
        write(1, tx -> {
            tx.putMessage(withChannel(first, "OTHER"));
            return null;
        });
        assertThat(postHashes(PostFilter.builder().channels("TEST").build())).containsExactly(hash(1), hash(3));
        assertThat(postHashes(PostFilter.builder().channels("OTHER").build())).isEmpty();
        PostRecord edited = postOf(first).toBuilder().json("{\"text\":\"edited\"}").build();
        write(2, tx -> {
            tx.putPost(edited);
            return null;
        });
        assertThat(store.queries().posts(PostFilter.builder().owners(ALICE).build(), PageRequest.all()).items())
                .extracting(PostView::original).containsExactly(edited);
        close(store);
        store = reopen();
        write(3, tx -> {
            assertThat(tx.post(hash(1))).as("a post stored before the store reopened").contains(edited);
            assertThat(tx.post(hash(3))).contains(postOf(post(3, BOB, "note", 300.0)).toBuilder()
                    .latestAmend(hash(7)).build());
            assertThat(tx.post(hash(7))).contains(amend);
            return null;
        });
        assertThat(store.queries().amendsOf(hash(3))).containsExactly(amend);
        assertThat(store.queries().posts(PostFilter.builder().owners(BOB).build(), PageRequest.all()).items())
                .extracting(view -> view.current().json()).containsExactly("{\"text\":\"amended\"}");
        write(4, tx -> {
            tx.deletePost(hash(1));
            tx.deletePost(hash(7));
            tx.setLatestAmend(hash(3), null);
            return null;
        });
        for (PostFilter filter : List.of(PostFilter.builder().owners(ALICE).build(),
                PostFilter.builder().channels("TEST").build(), PostFilter.builder().tags("tag-1").build(),
                PostFilter.builder().hashes(hash(1)).build())) {
            assertThat(postHashes(filter)).as("%s", filter).doesNotContain(hash(1));
        }
        assertThat(store.queries().post(hash(1))).isEmpty();
        assertThat(store.queries().amendsOf(hash(3))).isEmpty();
        assertThat(store.queries().posts(PostFilter.any(), PageRequest.all()).total()).isEqualTo(1 + OTHERS);
    }

    private static final int OTHERS = 20;

    /**
     * Twenty posts of another owner, type and channel, so that a filter on one of the tests' own picks few enough
     * posts for a store to read them through an index rather than scan every post.
     */
    private static void putOthers(StateTransaction tx) {
        for (int n = 0; n < OTHERS; n++) {
            putAsThePipelineDoes(tx, withChannel(post(100 + n, "0xCarol", "bulk", 1_000.0 + n), "BULK"));
        }
    }

    /** What a POST's handler and then the pipeline put: the post built from the message, then the message. */
    protected static void putAsThePipelineDoes(StateTransaction tx, MessageRecord message) {
        tx.putPost(postOf(message));
        tx.putMessage(message);
    }

    /** The post a POST message makes, as the kernel's handler builds it from the message's fields. */
    protected static PostRecord postOf(MessageRecord message) {
        ContentFields content = message.content();
        return PostRecord.builder(message.itemHash(), content.address(), content.type()).ref(content.ref())
                .channel(message.channel()).tags(content.tags()).json("{\"text\":\"post\"}").time(content.time())
                .build();
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
        FileReference first = new FileReference(hash(1), ALICE, hash(9), ItemType.STORAGE, null, 100.0, 10);
        FileReference second = new FileReference(hash(2), BOB, hash(9), ItemType.STORAGE, "v2", 200.0, 10);
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
        FileReference original = new FileReference(hash(1), ALICE, hash(7), ItemType.STORAGE, null, 100.0, 1);
        FileReference version = new FileReference(hash(2), ALICE, hash(8), ItemType.STORAGE, hash(1).value(), 200.0,
                2);
        FileReference named = new FileReference(hash(3), ALICE, hash(9), ItemType.IPFS, "avatar", 150.0, 3);
        FileReference renamed = new FileReference(hash(4), ALICE, hash(6), ItemType.IPFS, "avatar", 250.0, 4);
        FileReference othersName = new FileReference(hash(5), BOB, hash(5), ItemType.STORAGE, "avatar", 300.0, 0);
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

    // --- volume refs and reception times

    @Test
    void volumeRefsRoundTripInOrderAndAForgottenMessageKeepsThem() {
        MessageRecord program = program(1, ALICE, 100.0, List.of("code-ref", "runtime-ref", "data-ref", "code-ref"));
        write(0, tx -> {
            tx.putMessage(program);
            return null;
        });
        assertThat(store.queries().message(program.itemHash())).contains(program);

        MessageRecord forgotten = program.toBuilder().itemContent(null).status(MessageStatus.FORGOTTEN)
                .content(program.content().withoutJson()).forgottenBy(List.of(hash(30))).build();
        write(1, tx -> {
            tx.putMessage(forgotten);
            return null;
        });
        assertThat(store.queries().message(program.itemHash()).orElseThrow().content().volumeRefs())
                .containsExactly("code-ref", "runtime-ref", "data-ref", "code-ref");
        assertThat(store.queries().message(program.itemHash())).contains(forgotten);
        assertThat(hashes(MessageFilter.builder().volumeRefs("data-ref").build())).containsExactly(hash(1));
        assertThat(hashes(MessageFilter.builder().volumeRefs("data-ref").statuses(MessageStatus.PROCESSED).build()))
                .isEmpty();
    }

    @Test
    void aVolumeRefFilterMatchesMessagesNamingAnyOfTheRefsExactly() {
        write(0, tx -> {
            tx.putMessage(program(1, ALICE, 100.0, List.of("ref-a", "ref-b")));
            tx.putMessage(instance(2, BOB, 200.0, List.of("ref-b", "ref-c")));
            tx.putMessage(post(3, ALICE, "ref-a", 300.0));
            tx.putMessage(program(4, ALICE, 400.0, List.of()));
            return null;
        });
        assertFound(MessageFilter.builder().volumeRefs("ref-a").build(), hash(1));
        assertFound(MessageFilter.builder().volumeRefs("ref-c", "ref-a").build(), hash(2), hash(1));
        assertFound(MessageFilter.builder().volumeRefs("ref-b").build(), hash(2), hash(1));
        assertFound(MessageFilter.builder().volumeRefs("REF-B").build());
        assertFound(MessageFilter.builder().volumeRefs("ref-b").senders(BOB).build(), hash(2));
        assertFound(MessageFilter.builder().volumeRefs("ref-b").types(MessageType.PROGRAM).build(), hash(1));
        assertFound(MessageFilter.builder().volumeRefs("ref-a", "ref-b").statuses(MessageStatus.PROCESSED).build(),
                hash(2), hash(1));

        write(1, tx -> {
            tx.putMessage(program(1, ALICE, 100.0, List.of("ref-z")));
            return null;
        });
        assertFound(MessageFilter.builder().volumeRefs("ref-a").build());
        assertFound(MessageFilter.builder().volumeRefs("ref-z").build(), hash(1));
    }

    @Test
    void receptionBoundsAreFromInclusiveAndBeforeExclusiveToTheMicrosecondKept() {
        write(0, tx -> {
            tx.putMessage(receivedAt(post(1, ALICE, "note", 300.0), RECEIVED));
            tx.putMessage(receivedAt(post(2, ALICE, "note", 200.0), RECEIVED.plusSeconds(10)));
            tx.putMessage(receivedAt(post(3, BOB, "note", 100.0), RECEIVED.plusSeconds(20)));
            return null;
        });
        Instant second = RECEIVED.plusSeconds(10);
        assertFound(MessageFilter.builder().receivedFrom(second).build(), hash(2), hash(3));
        assertFound(MessageFilter.builder().receivedBefore(second).build(), hash(1));
        assertFound(MessageFilter.builder().receivedFrom(second).receivedBefore(RECEIVED.plusSeconds(20)).build(),
                hash(2));
        assertFound(MessageFilter.builder().receivedFrom(second).receivedBefore(second).build());
        // Reception times are kept to the microsecond: a bound a nanosecond after one excludes it from "from" and
        // includes it in "before".
        assertFound(MessageFilter.builder().receivedFrom(second.plusNanos(1)).build(), hash(3));
        assertFound(MessageFilter.builder().receivedBefore(second.plusNanos(1)).build(), hash(1), hash(2));
        assertFound(MessageFilter.builder().receivedFrom(second.minusNanos(1)).senders(ALICE).build(), hash(2));
        assertFound(MessageFilter.builder().receivedBefore(RECEIVED.plusSeconds(30))
                .statuses(MessageStatus.PROCESSED).build(), hash(1), hash(2), hash(3));
    }

    @Test
    void messagesByReceptionAreSortedByReceptionTimeWithTiesByItemHashAscendingInBothOrders() {
        List<ItemHash> tied = new ArrayList<>(List.of(hash(2), hash(3), hash(4)));
        tied.sort(java.util.Comparator.comparing(ItemHash::value));
        write(0, tx -> {
            tx.putMessage(receivedAt(post(1, ALICE, "note", 500.0), RECEIVED));
            for (int n = 2; n <= 4; n++) {
                tx.putMessage(receivedAt(post(n, ALICE, "note", 600.0 - n), RECEIVED.plusSeconds(5)));
            }
            tx.putMessage(receivedAt(post(5, BOB, "note", 100.0), RECEIVED.plusSeconds(9)));
            return null;
        });

        List<ItemHash> ascending = new ArrayList<>();
        ascending.add(hash(1));
        ascending.addAll(tied);
        ascending.add(hash(5));
        List<ItemHash> descending = new ArrayList<>();
        descending.add(hash(5));
        descending.addAll(tied);
        descending.add(hash(1));
        assertThat(byReception(MessageFilter.any(), new PageRequest(1, 0, SortOrder.ASCENDING)))
                .containsExactlyElementsOf(ascending);
        assertThat(byReception(MessageFilter.any(), new PageRequest(1, 0, SortOrder.DESCENDING)))
                .as("ties stay by item hash ascending").containsExactlyElementsOf(descending);

        Page<MessageRecord> second = store.queries().messagesByReception(MessageFilter.any(),
                new PageRequest(2, 2, SortOrder.DESCENDING));
        assertThat(second.items()).extracting(MessageRecord::itemHash)
                .containsExactlyElementsOf(descending.subList(2, 4));
        assertThat(second.total()).isEqualTo(5);
        assertThat(byReception(MessageFilter.builder().senders(ALICE).receivedFrom(RECEIVED.plusSeconds(1)).build(),
                new PageRequest(1, 0, SortOrder.ASCENDING))).containsExactlyElementsOf(tied);
        assertThat(store.queries().messagesByReception(MessageFilter.builder().senders(ALICE).build(),
                new PageRequest(1, 1, SortOrder.ASCENDING)).total()).isEqualTo(4);
    }

    @Test
    void channelsAreTheDistinctChannelsOfTheMatchingMessagesInCodePointOrder() {
        // Code-point order, not UTF-16 order (U+FFFD before U+1F600) nor a language's order ("B" before "a").
        List<String> channels = List.of("b", "B", "a", "\u00e9", "\uFFFD", "\uD83D\uDE00", "a");
        write(0, tx -> {
            for (int n = 0; n < channels.size(); n++) {
                tx.putMessage(withChannel(post(n + 1, n % 2 == 0 ? ALICE : BOB, "note", 100.0 + n), channels.get(n)));
            }
            tx.putMessage(withChannel(post(20, ALICE, "note", 300.0), null));
            tx.putMessage(withChannel(post(21, ALICE, "note", 301.0), "pending-only").toBuilder()
                    .status(MessageStatus.PENDING).build());
            return null;
        });
        assertThat(store.queries().channels(MessageFilter.builder().statuses(MessageStatus.PROCESSED).build()))
                .containsExactly("B", "a", "b", "\u00e9", "\uFFFD", "\uD83D\uDE00");
        assertThat(store.queries().channels(MessageFilter.any())).contains("pending-only").doesNotContainNull();
        assertThat(store.queries().channels(MessageFilter.builder().senders(BOB).build()))
                .containsExactly("B", "\u00e9", "\uD83D\uDE00");
        assertThat(store.queries().channels(MessageFilter.builder().senders("nobody").build())).isEmpty();
    }

    @Test
    void postTypesAreTheDistinctContentTypesOfMatchingPostsOnlyInCodePointOrder() {
        write(0, tx -> {
            tx.putMessage(post(1, ALICE, "note", 100.0));
            tx.putMessage(post(2, BOB, "note", 101.0));
            tx.putMessage(post(3, BOB, "Blog", 102.0));
            tx.putMessage(post(4, ALICE, "amend", 103.0));
            tx.putMessage(post(5, ALICE, "draft", 104.0).toBuilder()
                    .rejected(RejectionReason.of(ErrorCode.INVALID_FORMAT, "bad")).build());
            tx.putMessage(aggregate(6, ALICE, ALICE, "profile", 105.0));
            MessageRecord typedStore = solana(7, 106.0);
            tx.putMessage(typedStore.toBuilder().content(typedStore.content().toBuilder().type("not-a-post").build())
                    .build());
            return null;
        });
        assertThat(store.queries().postTypes(MessageFilter.builder().statuses(MessageStatus.PROCESSED).build()))
                .containsExactly("Blog", "amend", "note");
        assertThat(store.queries().postTypes(MessageFilter.any())).containsExactly("Blog", "amend", "draft", "note");
        assertThat(store.queries().postTypes(MessageFilter.builder().owners(BOB).build()))
                .containsExactly("Blog", "note");
        assertThat(store.queries().postTypes(MessageFilter.builder().types(MessageType.STORE).build())).isEmpty();
    }

    // --- listings of aggregates

    @Test
    void aggregatesAreListedByTheFiltersTimeWithTiesByKeyThenOwnerAscendingInBothOrders() {
        AggregateRecord aliceProfile = new AggregateRecord(ALICE, "profile", "{}", 100.0, hash(1), 300.0);
        AggregateRecord bobProfile = new AggregateRecord(BOB, "profile", "{}", 200.0, hash(2), 300.0);
        AggregateRecord aliceB = new AggregateRecord(ALICE, "B", "{}", 200.0, hash(3), 300.0);
        AggregateRecord bobSettings = new AggregateRecord(BOB, "settings", "{}", 50.0, hash(4), 400.0);
        AggregateRecord lowerOwner = new AggregateRecord("0xaaaa", "profile", "{}", 200.0, hash(5), 100.0);
        write(0, tx -> {
            List.of(aliceProfile, bobProfile, aliceB, bobSettings, lowerOwner).forEach(tx::putAggregate);
            return null;
        });

        AggregateFilter lastModified = AggregateFilter.builder().sort(AggregateSort.LAST_MODIFIED).build();
        assertThat(store.queries().aggregates(lastModified, new PageRequest(1, 0, SortOrder.ASCENDING)).items())
                .containsExactly(lowerOwner, aliceB, aliceProfile, bobProfile, bobSettings);
        assertThat(store.queries().aggregates(lastModified, new PageRequest(1, 0, SortOrder.DESCENDING)).items())
                .containsExactly(bobSettings, aliceB, aliceProfile, bobProfile, lowerOwner);
        AggregateFilter created = AggregateFilter.builder().sort(AggregateSort.CREATION_TIME).build();
        assertThat(store.queries().aggregates(created, new PageRequest(1, 0, SortOrder.ASCENDING)).items())
                .containsExactly(bobSettings, aliceProfile, aliceB, bobProfile, lowerOwner);
        assertThat(store.queries().aggregates(created, new PageRequest(1, 0, SortOrder.DESCENDING)).items())
                .containsExactly(aliceB, bobProfile, lowerOwner, aliceProfile, bobSettings);

        Page<AggregateRecord> second = store.queries().aggregates(lastModified,
                new PageRequest(2, 2, SortOrder.DESCENDING));
        assertThat(second.items()).containsExactly(aliceProfile, bobProfile);
        assertThat(second.total()).isEqualTo(5);
    }

    @Test
    void aggregateListingsMatchOwnersAndKeysExactly() {
        write(0, tx -> {
            tx.putAggregate(new AggregateRecord(ALICE, "profile", "{}", 100.0, hash(1), 100.0));
            tx.putAggregate(new AggregateRecord(ALICE, "settings", "{}", 110.0, hash(2), 110.0));
            tx.putAggregate(new AggregateRecord(BOB, "profile", "{}", 120.0, hash(3), 120.0));
            return null;
        });
        assertThat(aggregateIds(AggregateFilter.builder().owners(ALICE).build()))
                .containsExactly(ALICE + "/profile", ALICE + "/settings");
        assertThat(aggregateIds(AggregateFilter.builder().owners(ALICE.toLowerCase(java.util.Locale.ROOT)).build()))
                .isEmpty();
        assertThat(aggregateIds(AggregateFilter.builder().keys("profile").build()))
                .containsExactly(ALICE + "/profile", BOB + "/profile");
        assertThat(aggregateIds(AggregateFilter.builder().keys("Profile").build())).isEmpty();
        assertThat(aggregateIds(AggregateFilter.builder().owners(BOB, ALICE).keys("profile", "missing").build()))
                .containsExactly(ALICE + "/profile", BOB + "/profile");
        assertThat(store.queries().aggregates(AggregateFilter.builder().owners(ALICE).build(),
                PageRequest.first(1, SortOrder.ASCENDING)).total()).isEqualTo(2);
    }

    @Test
    void aggregateCursorPagesWalkEveryAggregateOnceAndStartStrictlyAfterTheCursor() {
        write(0, tx -> {
            for (int n = 1; n <= 9; n++) {
                // Unique (owner, key) pairs, with ties in time and in key.
                tx.putAggregate(new AggregateRecord(n % 2 == 0 ? BOB : ALICE, "key-" + n / 2, "{}", 100.0 + n % 3,
                        hash(n), 200.0 + n / 3));
            }
            return null;
        });
        for (AggregateSort sort : AggregateSort.values()) {
            AggregateFilter filter = AggregateFilter.builder().sort(sort).build();
            for (SortOrder order : SortOrder.values()) {
                List<AggregateRecord> expected = store.queries().aggregates(filter, new PageRequest(1, 0, order))
                        .items();
                List<AggregateRecord> walked = StateStoreContract.<AggregateRecord, AggregateCursor>walk(
                        after -> store.queries().aggregatesAfter(filter, after, 2, order),
                        last -> AggregateCursor.of(last, sort), 2);
                assertThat(expected).hasSize(9);
                assertThat(walked).as("%s %s", sort, order).containsExactlyElementsOf(expected);
                assertThat(store.queries().aggregatesAfter(filter,
                        Optional.of(AggregateCursor.of(expected.get(3), sort)), 100, order))
                        .containsExactlyElementsOf(expected.subList(4, 9));
            }
        }
        AggregateFilter owned = AggregateFilter.builder().owners(ALICE).build();
        assertThat(store.queries().aggregatesAfter(owned, Optional.of(new AggregateCursor(202.5, "", "")), 10,
                SortOrder.ASCENDING)).extracting(AggregateRecord::lastRevisionTime).containsOnly(203.0);
        assertThat(store.queries().aggregatesAfter(owned, Optional.empty(), 0, SortOrder.ASCENDING)).isEmpty();
    }

    @Test
    void securityAggregatesNamingAGranteeAreThoseWhoseAuthorizationsListItsExactAddressByOwner() {
        String grantee = "0xGranteeGranteeGranteeGranteeGranteeGrant";
        AggregateRecord bob = security(BOB, 100.0, grantee, "0xother");
        AggregateRecord upper = security("0xZed", 110.0, grantee, grantee);
        AggregateRecord lower = security("0xabe", 120.0, "0xother", grantee);
        write(0, tx -> {
            tx.putAggregate(bob);
            tx.putAggregate(upper);
            tx.putAggregate(lower);
            tx.putAggregate(security("0xcase", 130.0, grantee.toLowerCase(java.util.Locale.ROOT)));
            tx.putAggregate(new AggregateRecord("0xstrings", "security",
                    "{\"authorizations\":[\"" + grantee + "\",[\"" + grantee + "\"]]}", 1.0, hash(1), 1.0));
            tx.putAggregate(new AggregateRecord("0xnolist", "security",
                    "{\"authorizations\":{\"address\":\"" + grantee + "\"}}", 1.0, hash(2), 1.0));
            tx.putAggregate(new AggregateRecord("0xnested", "security",
                    "{\"other\":{\"authorizations\":[{\"address\":\"" + grantee + "\"}]},"
                            + "\"authorizations\":[{\"address\":5},{\"chain\":\"ETH\"},{\"address\":null}]}",
                    1.0, hash(3), 1.0));
            tx.putAggregate(new AggregateRecord("0xprofile", "profile",
                    "{\"authorizations\":[{\"address\":\"" + grantee + "\"}]}", 1.0, hash(4), 1.0));
            return null;
        });
        assertThat(store.queries().securityAggregatesNaming(grantee)).as("by owner in code-point order")
                .containsExactly(bob, upper, lower);
        assertThat(store.queries().securityAggregatesNaming("0xother")).containsExactly(bob, lower);
        assertThat(store.queries().securityAggregatesNaming("nobody")).isEmpty();

        AggregateRecord bobWithoutGrantee = security(BOB, 200.0, "0xother");
        write(1, tx -> {
            tx.putAggregate(bobWithoutGrantee);
            tx.deleteAggregate("0xabe", "security");
            return null;
        });
        assertThat(store.queries().securityAggregatesNaming(grantee)).containsExactly(upper);
        assertThat(store.queries().securityAggregatesNaming("0xother")).containsExactly(bobWithoutGrantee);
        write(2, tx -> {
            tx.deleteAggregate("0xZed", "profile");
            return null;
        });
        assertThat(store.queries().securityAggregatesNaming(grantee)).as("another key's deletion")
                .containsExactly(upper);
    }

    // --- files of an owner

    @Test
    void filesOfAnOwnerAreSortedByTimeWithTiesByMessageHashAscendingInBothOrders() {
        List<FileReference> tied = new ArrayList<>();
        for (int n = 2; n <= 4; n++) {
            tied.add(new FileReference(hash(n), ALICE, hash(20 + n), ItemType.STORAGE, null, 200.0, n));
        }
        tied.sort(java.util.Comparator.comparing(reference -> reference.messageHash().value()));
        FileReference early = new FileReference(hash(1), ALICE, hash(21), ItemType.IPFS, "avatar", 100.0, 1);
        FileReference late = new FileReference(hash(5), ALICE, hash(21), ItemType.STORAGE, null, 300.0, 5);
        FileReference bobs = new FileReference(hash(6), BOB, hash(21), ItemType.STORAGE, null, 150.0, 6);
        FileReference lowerCase = new FileReference(hash(7), ALICE.toLowerCase(java.util.Locale.ROOT), hash(21),
                ItemType.STORAGE, null, 150.0, 7);
        write(0, tx -> {
            List.of(late, bobs, lowerCase, early).forEach(tx::putFileReference);
            tied.forEach(tx::putFileReference);
            return null;
        });

        List<FileReference> ascending = new ArrayList<>(List.of(early));
        ascending.addAll(tied);
        ascending.add(late);
        List<FileReference> descending = new ArrayList<>(List.of(late));
        descending.addAll(tied);
        descending.add(early);
        assertThat(store.queries().filesOf(ALICE, Optional.empty(), new PageRequest(1, 0, SortOrder.ASCENDING))
                .items()).containsExactlyElementsOf(ascending);
        assertThat(store.queries().filesOf(ALICE, Optional.empty(), new PageRequest(1, 0, SortOrder.DESCENDING))
                .items()).containsExactlyElementsOf(descending);
        Page<FileReference> second = store.queries().filesOf(ALICE, Optional.empty(),
                new PageRequest(2, 2, SortOrder.DESCENDING));
        assertThat(second.items()).containsExactlyElementsOf(descending.subList(2, 4));
        assertThat(second.total()).isEqualTo(5);
        assertThat(store.queries().filesOf(ALICE, Optional.of(hash(21)), PageRequest.all()).items())
                .containsExactly(early, late);
        assertThat(store.queries().filesOf(ALICE, Optional.of(hash(99)), PageRequest.all()).items()).isEmpty();
        assertThat(store.queries().filesOf("nobody", Optional.empty(), PageRequest.all()).total()).isZero();
    }

    @Test
    void fileCursorPagesWalkEveryReferenceOnceAndStartStrictlyAfterTheCursor() {
        write(0, tx -> {
            for (int n = 1; n <= 11; n++) {
                tx.putFileReference(new FileReference(hash(n), ALICE, hash(50 + n % 2), ItemType.STORAGE, null,
                        100.0 + n / 3, n));
            }
            tx.putFileReference(new FileReference(hash(12), BOB, hash(50), ItemType.STORAGE, null, 100.0, 12));
            return null;
        });
        for (Optional<ItemHash> fileHash : List.of(Optional.<ItemHash>empty(), Optional.of(hash(50)))) {
            for (SortOrder order : SortOrder.values()) {
                List<FileReference> expected = store.queries().filesOf(ALICE, fileHash, new PageRequest(1, 0, order))
                        .items();
                List<FileReference> walked = StateStoreContract.<FileReference, MessageCursor>walk(
                        after -> store.queries().filesOfAfter(ALICE, fileHash, after, 2, order),
                        last -> new MessageCursor(last.time(), last.messageHash()), 2);
                assertThat(expected).hasSize(fileHash.isPresent() ? 5 : 11);
                assertThat(walked).as("%s %s", fileHash, order).containsExactlyElementsOf(expected);
                FileReference fourth = expected.get(3);
                assertThat(store.queries().filesOfAfter(ALICE, fileHash,
                        Optional.of(new MessageCursor(fourth.time(), fourth.messageHash())), 100, order))
                        .containsExactlyElementsOf(expected.subList(4, expected.size()));
            }
        }
    }

    @Test
    void fileTotalsCountAndSumAnOwnersReferencesExactly() {
        write(0, tx -> {
            tx.putFileReference(new FileReference(hash(1), ALICE, hash(9), ItemType.STORAGE, null, 100.0,
                    3_000_000_000L));
            tx.putFileReference(new FileReference(hash(2), ALICE, hash(9), ItemType.STORAGE, null, 200.0,
                    4_000_000_000L));
            tx.putFileReference(new FileReference(hash(3), ALICE, hash(8), ItemType.IPFS, null, 300.0, 0));
            tx.putFileReference(new FileReference(hash(4), BOB, hash(9), ItemType.STORAGE, null, 300.0, 5));
            return null;
        });
        assertThat(store.queries().fileTotals(ALICE)).isEqualTo(new FileTotals(3, 7_000_000_000L));
        assertThat(store.queries().fileTotals(ALICE.toLowerCase(java.util.Locale.ROOT))).isEqualTo(FileTotals.NONE);
        assertThat(store.queries().fileTotals("nobody")).isEqualTo(FileTotals.NONE);
        write(1, tx -> {
            tx.deleteFileReference(hash(2));
            return null;
        });
        assertThat(store.queries().fileTotals(ALICE)).isEqualTo(new FileTotals(2, 3_000_000_000L));
    }

    // --- node metrics

    @Test
    void nodeMetricsOfANodeAreThoseMeasuredWithinInclusiveBoundsByTimeWithTiesByPostAscending() {
        List<ItemHash> posts = new ArrayList<>(List.of(hash(1), hash(2), hash(3)));
        posts.sort(java.util.Comparator.comparing(ItemHash::value));
        NodeMetric first = metric(posts.get(2), NodeKind.CCN, "node-1", 100.0, Map.of("base_latency", 0.1));
        NodeMetric tiedA = metric(posts.get(0), NodeKind.CCN, "node-1", 200.0,
                Map.of("base_latency", 1e-300, "pending_messages", 12.0, "odd", Double.NaN));
        NodeMetric tiedB = metric(posts.get(1), NodeKind.CCN, "node-1", 200.0, Map.of());
        NodeMetric last = metric(posts.get(0), NodeKind.CCN, "node-1", 300.5, Map.of("base_latency", 0.3));
        NodeMetric otherKind = metric(posts.get(0), NodeKind.CRN, "node-1", 200.0, Map.of("base_latency", 9.0));
        NodeMetric otherNode = metric(posts.get(0), NodeKind.CCN, "NODE-1", 200.0, Map.of());
        write(0, tx -> {
            tx.putNodeMetrics(posts.get(0), List.of(tiedA, last, otherKind, otherNode));
            tx.putNodeMetrics(posts.get(1), List.of(tiedB));
            tx.putNodeMetrics(posts.get(2), List.of(first));
            return null;
        });

        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(first, tiedA, tiedB, last);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.DESCENDING)).containsExactly(last, tiedA, tiedB, first);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", 100.0, 200.0, SortOrder.ASCENDING))
                .as("both bounds inclusive").containsExactly(first, tiedA, tiedB);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", 100.5, 300.5, SortOrder.ASCENDING))
                .containsExactly(tiedA, tiedB, last);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", 200.0, ALL_TIME_TO, SortOrder.DESCENDING))
                .containsExactly(last, tiedA, tiedB);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", 201.0, 300.0, SortOrder.ASCENDING)).isEmpty();
        assertThat(store.queries().nodeMetrics(NodeKind.CRN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(otherKind);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "NODE-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(otherNode);
        assertThatThrownBy(() -> store.queries().nodeMetrics(NodeKind.CCN, "node-1", Double.NaN, 1.0,
                SortOrder.ASCENDING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostsMetricsAreReplacedByPuttingThemAgainAndDroppedWithThePost() {
        NodeMetric kept = metric(hash(2), NodeKind.CRN, "node-1", 100.0, Map.of("a", 1.0));
        write(0, tx -> {
            tx.putNodeMetrics(hash(1), List.of(metric(hash(1), NodeKind.CRN, "node-1", 110.0, Map.of("a", 2.0)),
                    metric(hash(1), NodeKind.CRN, "node-2", 110.0, Map.of("a", 3.0))));
            tx.putNodeMetrics(hash(2), List.of(kept));
            return null;
        });
        NodeMetric replacement = metric(hash(1), NodeKind.CRN, "node-1", 120.0, Map.of("a", 4.0));
        write(1, tx -> {
            tx.putNodeMetrics(hash(1), List.of(replacement));
            return null;
        });
        assertThat(store.queries().nodeMetrics(NodeKind.CRN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(kept, replacement);
        assertThat(store.queries().nodeMetrics(NodeKind.CRN, "node-2", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).isEmpty();
        write(2, tx -> {
            tx.deleteNodeMetrics(hash(1));
            tx.deleteNodeMetrics(hash(3));
            return null;
        });
        assertThat(store.queries().nodeMetrics(NodeKind.CRN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).containsExactly(kept);
    }

    @Test
    void aMeasurementOfAnotherPostIsRefused() {
        NodeMetric others = metric(hash(2), NodeKind.CCN, "node-1", 100.0, Map.of());
        assertThatThrownBy(() -> write(0, tx -> {
            tx.putNodeMetrics(hash(1), List.of(others));
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.queries().nodeMetrics(NodeKind.CCN, "node-1", ALL_TIME_FROM, ALL_TIME_TO,
                SortOrder.ASCENDING)).isEmpty();
    }

    // --- fixtures

    /** Open bounds of {@link io.aleph4j.api.state.StateQueries#nodeMetrics}. */
    private static final double ALL_TIME_FROM = Double.NEGATIVE_INFINITY;
    private static final double ALL_TIME_TO = Double.POSITIVE_INFINITY;

    /**
     * Asserts that {@code filter} finds exactly {@code expected} (in descending message time) through every query that
     * takes a filter: pages and their totals, cursor pages, reception order.
     */
    private void assertFound(MessageFilter filter, ItemHash... expected) {
        List<ItemHash> wanted = List.of(expected);
        assertThat(store.queries().messages(filter, new PageRequest(1, 0, SortOrder.DESCENDING)).items())
                .as("messages of %s", filter).extracting(MessageRecord::itemHash).containsExactlyElementsOf(wanted);
        assertThat(store.queries().messages(filter, PageRequest.first(1, SortOrder.DESCENDING)).total())
                .as("total of %s", filter).isEqualTo(wanted.size());
        assertThat(store.queries().messagesAfter(filter, Optional.empty(), 100, SortOrder.DESCENDING))
                .as("cursor page of %s", filter).extracting(MessageRecord::itemHash).containsExactlyElementsOf(wanted);
        assertThat(store.queries().messagesByReception(filter, PageRequest.first(1, SortOrder.ASCENDING)).total())
                .as("total by reception of %s", filter).isEqualTo(wanted.size());
        assertThat(byReception(filter, PageRequest.all())).as("by reception of %s", filter)
                .containsExactlyInAnyOrderElementsOf(wanted);
    }

    private List<ItemHash> byReception(MessageFilter filter, PageRequest page) {
        return store.queries().messagesByReception(filter, page).items().stream().map(MessageRecord::itemHash)
                .toList();
    }

    private List<String> aggregateIds(AggregateFilter filter) {
        return store.queries().aggregates(filter, PageRequest.all()).items().stream()
                .map(aggregate -> aggregate.owner() + "/" + aggregate.key()).toList();
    }

    private static MessageRecord receivedAt(MessageRecord record, Instant receivedAt) {
        return record.toBuilder().receivedAt(receivedAt).build();
    }

    /** A processed PROGRAM numbered {@code number} that mounts {@code volumeRefs}. */
    protected static MessageRecord program(int number, String owner, double time, List<String> volumeRefs) {
        return workload(number, MessageType.PROGRAM, owner, time, volumeRefs);
    }

    private static MessageRecord instance(int number, String owner, double time, List<String> volumeRefs) {
        return workload(number, MessageType.INSTANCE, owner, time, volumeRefs);
    }

    private static MessageRecord workload(int number, MessageType type, String owner, double time,
                                          List<String> volumeRefs) {
        StringBuilder volumes = new StringBuilder();
        for (String ref : volumeRefs) {
            volumes.append(volumes.isEmpty() ? "" : ",").append("{\"ref\":\"").append(ref).append("\"}");
        }
        String json = "{\"address\":\"" + owner + "\",\"time\":" + time + ",\"volumes\":[" + volumes + "]}";
        ContentFields content = ContentFields.builder(owner, time).json(json).paymentType("hold")
                .volumeRefs(volumeRefs).build();
        return MessageRecord.builder().itemHash(hash(number)).chain(Chain.ETH).sender(owner).type(type)
                .channel("TEST").time(time).itemType(ItemType.INLINE).itemContent(json)
                .signature("0xsignature" + number)
                .status(MessageStatus.PROCESSED).content(content).receivedAt(RECEIVED).size(json.length()).build();
    }

    /** {@code owner}'s security aggregate authorizing each of {@code grantees} (for every chain). */
    private static AggregateRecord security(String owner, double time, String... grantees) {
        StringBuilder authorizations = new StringBuilder();
        for (String grantee : grantees) {
            authorizations.append(authorizations.isEmpty() ? "" : ",")
                    .append("{\"address\":\"").append(grantee).append("\",\"types\":[\"POST\"]}");
        }
        return new AggregateRecord(owner, "security", "{\"authorizations\":[" + authorizations + "]}", time,
                ItemHash.sha256Of(owner + time), time);
    }

    private static NodeMetric metric(ItemHash post, NodeKind kind, String nodeId, double measuredAt,
                                     Map<String, Double> values) {
        return new NodeMetric(post, kind, nodeId, measuredAt, values);
    }

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
