package io.aleph4j.kernel.internal.handlers;

import static io.aleph4j.kernel.internal.handlers.TestMessages.ALICE;
import static io.aleph4j.kernel.internal.handlers.TestMessages.BOB;
import static io.aleph4j.kernel.internal.handlers.TestMessages.aggregate;
import static io.aleph4j.kernel.internal.handlers.TestMessages.forget;
import static io.aleph4j.kernel.internal.handlers.TestMessages.hash;
import static io.aleph4j.kernel.internal.handlers.TestMessages.message;
import static io.aleph4j.kernel.internal.handlers.TestMessages.security;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AGGREGATE: elements merged key by key in content-time order, and who may write them. */
final class AggregateHandlerTest {

    private final TestForgettingContext node = new TestForgettingContext();

    @Test
    void theFirstElementMakesTheAggregate() {
        IncomingMessage first = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 100, "profile", "{\"name\":\"alice\"}")));

        assertThat(node.queries().aggregate(ALICE, "profile")).contains(
                new AggregateRecord(ALICE, "profile", "{\"name\":\"alice\"}", 100, hash(first), 100));
        assertThat(node.queries().aggregateElements(ALICE, "profile")).containsExactly(
                new AggregateElement(hash(first), ALICE, "profile", "{\"name\":\"alice\"}", 100));
    }

    @Test
    void aLaterElementReplacesTheTopLevelKeysItHasAndKeepsTheOthers() {
        node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 100, "profile", "{\"name\":\"alice\",\"links\":{\"web\":\"a.example\"}}")));
        IncomingMessage later = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 200, "profile", "{\"links\":{\"git\":\"g.example\"},\"age\":30}")));

        AggregateRecord merged = node.queries().aggregate(ALICE, "profile").orElseThrow();
        assertThat(merged.json()).as("a shallow merge: nested objects are replaced whole")
                .isEqualTo("{\"name\":\"alice\",\"links\":{\"git\":\"g.example\"},\"age\":30}");
        assertThat(merged.creationTime()).isEqualTo(100);
        assertThat(merged.lastRevision()).isEqualTo(hash(later));
        assertThat(merged.lastRevisionTime()).isEqualTo(200);
    }

    @Test
    void elementsMergeInContentTimeOrderWhateverOrderTheyArriveIn() {
        List<IncomingMessage> elements = List.of(
                message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 100, "profile", "{\"a\":1,\"b\":1,\"c\":1}")),
                message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 200, "profile", "{\"b\":2,\"c\":2}")),
                message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 300, "profile", "{\"c\":3}")));
        TestForgettingContext inOrder = new TestForgettingContext();
        elements.forEach(inOrder::applied);

        for (List<Integer> arrival : List.of(List.of(2, 0, 1), List.of(1, 2, 0), List.of(2, 1, 0))) {
            TestForgettingContext shuffled = new TestForgettingContext();
            arrival.forEach(index -> shuffled.applied(elements.get(index)));

            assertThat(shuffled.queries().aggregate(ALICE, "profile")).as("arrival order %s", arrival)
                    .isEqualTo(inOrder.queries().aggregate(ALICE, "profile"));
        }
        assertThat(inOrder.queries().aggregate(ALICE, "profile").orElseThrow())
                .isEqualTo(new AggregateRecord(ALICE, "profile", "{\"a\":1,\"b\":2,\"c\":3}", 100,
                        hash(elements.get(2)), 300));
    }

    @Test
    void elementsWithTheSameTimeMergeInItemHashOrderWhicheverArrivesFirst() {
        IncomingMessage one = message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 100, "profile", "{\"v\":1}"));
        IncomingMessage two = message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 100, "profile", "{\"v\":2}"));
        IncomingMessage lastByHash = List.of(one, two).stream()
                .max(Comparator.comparing(incoming -> hash(incoming).value())).orElseThrow();

        for (List<IncomingMessage> arrival : List.of(List.of(one, two), List.of(two, one))) {
            TestForgettingContext fresh = new TestForgettingContext();
            arrival.forEach(fresh::applied);

            assertThat(fresh.queries().aggregate(ALICE, "profile").orElseThrow().json())
                    .isEqualTo(((AggregateContent) lastByHash.content()).content().json());
        }
    }

    @Test
    void aggregatesOfOtherKeysAndOwnersStayApart() {
        node.applied(message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 100, "profile", "{\"a\":1}")));
        node.applied(message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 200, "settings", "{\"b\":2}")));
        node.applied(message(MessageType.AGGREGATE, BOB, aggregate(BOB, 300, "profile", "{\"c\":3}")));

        assertThat(node.queries().aggregate(ALICE, "profile").orElseThrow().json()).isEqualTo("{\"a\":1}");
        assertThat(node.queries().aggregate(ALICE, "settings").orElseThrow().json()).isEqualTo("{\"b\":2}");
        assertThat(node.queries().aggregate(BOB, "profile").orElseThrow().json()).isEqualTo("{\"c\":3}");
    }

    @Test
    void aSenderMayNotWriteAnotherAddresssAggregateWithoutItsDelegationAndLeavesNoElement() {
        IncomingMessage forged = message(MessageType.AGGREGATE, BOB, aggregate(ALICE, 100, "profile", "{\"a\":1}"));

        assertThat(node.rejected(forged)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().aggregateElements(ALICE, "profile")).isEmpty();
        assertThat(node.queries().aggregate(ALICE, "profile")).isEmpty();
    }

    @Test
    void aDelegateMayWriteOnlyTheKeysItsDelegationNames() {
        node.applied(message(MessageType.AGGREGATE, ALICE, security(ALICE, 1,
                "{\"address\":\"" + BOB + "\",\"types\":[\"AGGREGATE\"],\"aggregate_keys\":[\"profile\"]}")));

        node.applied(message(MessageType.AGGREGATE, BOB, aggregate(ALICE, 100, "profile", "{\"by\":\"bob\"}")));

        assertThat(node.queries().aggregate(ALICE, "profile").orElseThrow().json()).isEqualTo("{\"by\":\"bob\"}");
        assertThat(node.rejected(message(MessageType.AGGREGATE, BOB, aggregate(ALICE, 200, "settings", "{}"))))
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void onlyTheOwnerMayWriteItsSecurityAggregateEvenADelegateWithEveryRight() {
        node.applied(message(MessageType.AGGREGATE, ALICE, security(ALICE, 1, "{\"address\":\"" + BOB + "\"}")));

        IncomingMessage widening = message(MessageType.AGGREGATE, BOB, security(ALICE, 2,
                "{\"address\":\"" + BOB + "\"}", "{\"address\":\"0xMallory\"}"));

        assertThat(node.rejected(widening)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().aggregateElements(ALICE, "security")).hasSize(1);
        // The owner itself, its address written in another case.
        node.applied(message(MessageType.AGGREGATE, ALICE.toLowerCase(), security(ALICE, 3)));
    }

    @Test
    void forgettingAnElementRecomputesTheAggregateFromTheOthersAndForgettingTheLastRemovesIt() {
        IncomingMessage first = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 100, "profile", "{\"a\":1,\"b\":1}")));
        IncomingMessage second = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 200, "profile", "{\"b\":2}")));

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 300, List.of(hash(second)), List.of())));

        assertThat(node.queries().aggregate(ALICE, "profile")).contains(
                new AggregateRecord(ALICE, "profile", "{\"a\":1,\"b\":1}", 100, hash(first), 100));
        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 400, List.of(hash(first)), List.of())));
        assertThat(node.queries().aggregate(ALICE, "profile")).isEmpty();
        assertThat(node.queries().aggregateElements(ALICE, "profile")).isEmpty();
    }

    @Test
    void forgettingTheFirstElementMovesTheCreationTimeToTheNextOne() {
        IncomingMessage first = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 100, "profile", "{\"a\":1}")));
        IncomingMessage second = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 200, "profile", "{\"b\":2}")));

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 300, List.of(hash(first)), List.of())));

        assertThat(node.queries().aggregate(ALICE, "profile")).contains(
                new AggregateRecord(ALICE, "profile", "{\"b\":2}", 200, hash(second), 200));
    }
}
