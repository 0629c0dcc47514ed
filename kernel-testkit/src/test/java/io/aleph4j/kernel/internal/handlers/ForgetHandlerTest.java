package io.aleph4j.kernel.internal.handlers;

import static io.aleph4j.kernel.internal.handlers.TestMessages.ALICE;
import static io.aleph4j.kernel.internal.handlers.TestMessages.BOB;
import static io.aleph4j.kernel.internal.handlers.TestMessages.aggregate;
import static io.aleph4j.kernel.internal.handlers.TestMessages.amend;
import static io.aleph4j.kernel.internal.handlers.TestMessages.forget;
import static io.aleph4j.kernel.internal.handlers.TestMessages.hash;
import static io.aleph4j.kernel.internal.handlers.TestMessages.message;
import static io.aleph4j.kernel.internal.handlers.TestMessages.post;
import static io.aleph4j.kernel.internal.handlers.TestMessages.program;
import static io.aleph4j.kernel.internal.handlers.TestMessages.security;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.incubating.HandlerOutcome.Dependency;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FORGET: what it removes, what it waits for, and who may forget what. */
final class ForgetHandlerTest {

    private final TestForgettingContext node = new TestForgettingContext();

    @Test
    void aForgetNamingNothingIsRejected() {
        assertThat(node.rejected(message(MessageType.FORGET, ALICE, forget(ALICE, 100, List.of(), List.of()))))
                .isEqualTo(ErrorCode.FORGET_NO_TARGET);
    }

    @Test
    void aForgetSentInTheNameOfAnotherAddressWithoutItsDelegationIsRefusedAndForgetsNothing() {
        IncomingMessage bobs = node.applied(message(MessageType.POST, BOB, post(BOB, 100, "note", "{}")));

        assertThat(node.rejected(message(MessageType.FORGET, BOB, forget(ALICE, 200, List.of(hash(bobs)), List.of()))))
                .as("BOB may forget his post, but not as ALICE").isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().post(hash(bobs))).isPresent();
    }

    @Test
    void aForgottenPostLosesItsRowAndItsContentAndKeepsWhoForgotIt() {
        IncomingMessage note = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage forget = node.applied(message(MessageType.FORGET, ALICE,
                forget(ALICE, 200, List.of(hash(note)), List.of())));

        assertThat(node.queries().post(hash(note))).isEmpty();
        MessageRecord forgotten = node.queries().message(hash(note)).orElseThrow();
        assertThat(forgotten.status()).isEqualTo(MessageStatus.FORGOTTEN);
        assertThat(forgotten.forgottenBy()).containsExactly(hash(forget));
        assertThat(forgotten.itemContent()).isNull();
        assertThat(forgotten.content().json()).isNull();
    }

    @Test
    void forgettingAPostForgetsItsAmendsWithIt() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage first = node.applied(message(MessageType.POST, ALICE,
                amend(ALICE, 200, hash(original), "{\"v\":1}")));
        IncomingMessage second = node.applied(message(MessageType.POST, ALICE,
                amend(ALICE, 300, hash(original), "{\"v\":2}")));

        IncomingMessage forget = node.applied(message(MessageType.FORGET, ALICE,
                forget(ALICE, 400, List.of(hash(original)), List.of())));

        for (IncomingMessage gone : List.of(original, first, second)) {
            assertThat(node.queries().post(hash(gone))).isEmpty();
            assertThat(node.queries().message(hash(gone)).orElseThrow().forgottenBy())
                    .as("forgotten by the FORGET").containsExactly(hash(forget));
        }
    }

    @Test
    void aForgetWaitsForATargetThisNodeHasNotSeen() {
        ItemHash unknown = ItemHash.sha256Of("a message still on its way");

        HandlerOutcome outcome = node.apply(message(MessageType.FORGET, ALICE,
                forget(ALICE, 100, List.of(unknown), List.of())));

        assertThat(outcome).isInstanceOfSatisfying(HandlerOutcome.Waiting.class, waiting -> {
            assertThat(waiting.awaited()).isEqualTo(new Dependency.OnMessage(unknown));
            assertThat(waiting.reason().code()).isEqualTo(ErrorCode.FORGET_TARGET_NOT_FOUND);
        });
    }

    @Test
    void aForgetWaitsForATargetThatIsStillPendingAndThenForgetsIt() {
        IncomingMessage original = message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}"));
        IncomingMessage waitingAmend = message(MessageType.POST, ALICE, amend(ALICE, 200, hash(original), "{}"));
        assertThat(node.apply(waitingAmend)).isInstanceOf(HandlerOutcome.Waiting.class);
        IncomingMessage forget = message(MessageType.FORGET, ALICE,
                forget(ALICE, 300, List.of(hash(waitingAmend)), List.of()));

        assertThat(node.apply(forget)).isInstanceOfSatisfying(HandlerOutcome.Waiting.class,
                waiting -> assertThat(waiting.awaited()).isEqualTo(new Dependency.OnMessage(hash(waitingAmend))));

        node.applied(original);
        node.applied(waitingAmend);
        node.applied(forget);
        assertThat(node.status(hash(waitingAmend))).isEqualTo(MessageStatus.FORGOTTEN);
        assertThat(node.queries().amendsOf(hash(original))).isEmpty();
    }

    @Test
    void aForgetChecksEveryTargetBeforeForgettingAny() {
        IncomingMessage alices = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage bobs = node.applied(message(MessageType.POST, BOB, post(BOB, 200, "note", "{}")));

        IncomingMessage forget = message(MessageType.FORGET, ALICE,
                forget(ALICE, 300, List.of(hash(alices), hash(bobs)), List.of()));

        assertThat(node.rejected(forget)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.status(hash(alices))).as("the allowed target is left alone too")
                .isEqualTo(MessageStatus.PROCESSED);
        assertThat(node.queries().post(hash(alices))).isPresent();
        assertThat(node.queries().post(hash(bobs))).isPresent();
    }

    @Test
    void aForgetCannotBeForgotten() {
        IncomingMessage note = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage first = node.applied(message(MessageType.FORGET, ALICE,
                forget(ALICE, 200, List.of(hash(note)), List.of())));

        assertThat(node.rejected(message(MessageType.FORGET, ALICE,
                forget(ALICE, 300, List.of(hash(first)), List.of())))).isEqualTo(ErrorCode.FORGET_FORGET);
        assertThat(node.status(hash(first))).isEqualTo(MessageStatus.PROCESSED);
    }

    @Test
    void targetsAlreadyForgottenOrRejectedAreSkipped() {
        IncomingMessage note = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage first = node.applied(message(MessageType.FORGET, ALICE,
                forget(ALICE, 200, List.of(hash(note)), List.of())));
        IncomingMessage refused = message(MessageType.POST, BOB, post(ALICE, 300, "note", "{}"));
        node.rejected(refused);

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 400, List.of(hash(note), hash(refused)),
                List.of())));

        assertThat(node.queries().message(hash(note)).orElseThrow().forgottenBy()).containsExactly(hash(first));
        assertThat(node.status(hash(refused))).isEqualTo(MessageStatus.REJECTED);
    }

    @Test
    void forgettingAnAggregateKeyForgetsEveryElementOfItAndNoOtherKey() {
        IncomingMessage first = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 100, "profile", "{\"a\":1}")));
        IncomingMessage second = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 200, "profile", "{\"b\":2}")));
        node.applied(message(MessageType.AGGREGATE, ALICE, aggregate(ALICE, 300, "settings", "{\"c\":3}")));

        IncomingMessage forget = node.applied(message(MessageType.FORGET, ALICE,
                forget(ALICE, 400, List.of(), List.of("profile"))));

        assertThat(node.queries().aggregate(ALICE, "profile")).isEmpty();
        assertThat(node.queries().aggregateElements(ALICE, "profile")).isEmpty();
        assertThat(node.queries().aggregate(ALICE, "settings")).isPresent();
        for (IncomingMessage element : List.of(first, second)) {
            assertThat(node.queries().message(hash(element)).orElseThrow().forgottenBy())
                    .containsExactly(hash(forget));
        }
    }

    @Test
    void forgettingAnAggregateKeyWithNoElementYetWaitsForOne() {
        HandlerOutcome outcome = node.apply(message(MessageType.FORGET, ALICE,
                forget(ALICE, 100, List.of(), List.of("profile"))));

        assertThat(outcome).isInstanceOfSatisfying(HandlerOutcome.Waiting.class, waiting -> {
            assertThat(waiting.awaited()).isEqualTo(new Dependency.OnAggregate(ALICE, "profile"));
            assertThat(waiting.reason().code()).isEqualTo(ErrorCode.FORGET_TARGET_NOT_FOUND);
        });
    }

    @Test
    void aSenderMayForgetWhatItsDelegationWouldLetItCreateAndNothingElse() {
        node.applied(message(MessageType.AGGREGATE, ALICE, security(ALICE, 1,
                "{\"address\":\"" + BOB + "\",\"types\":[\"POST\"]}")));
        IncomingMessage note = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage profile = node.applied(message(MessageType.AGGREGATE, ALICE,
                aggregate(ALICE, 200, "profile", "{}")));

        node.applied(message(MessageType.FORGET, BOB, forget(BOB, 300, List.of(hash(note)), List.of())));

        assertThat(node.status(hash(note))).isEqualTo(MessageStatus.FORGOTTEN);
        assertThat(node.rejected(message(MessageType.FORGET, BOB,
                forget(BOB, 400, List.of(hash(profile)), List.of())))).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.rejected(message(MessageType.FORGET, BOB, forget(ALICE, 500, List.of(), List.of("profile")))))
                .as("nor through the aggregate's key").isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().aggregate(ALICE, "profile")).isPresent();
    }

    @Test
    void aFileAProcessedProgramMountsCannotBeForgottenWhoeverOwnsTheProgram() {
        IncomingMessage store = node.applied(message(MessageType.STORE, ALICE,
                TestMessages.store(ALICE, 100, ItemHash.sha256Of("code"), null)));
        IncomingMessage function = node.applied(message(MessageType.PROGRAM, BOB,
                TestMessages.programMounting(BOB, 150, hash(store))));

        IncomingMessage refused = message(MessageType.FORGET, ALICE, forget(ALICE, 200, List.of(hash(store)),
                List.of()));
        HandlerOutcome outcome = node.apply(refused);

        assertThat(outcome).isInstanceOf(HandlerOutcome.Rejected.class);
        HandlerOutcome.Rejected rejected = (HandlerOutcome.Rejected) outcome;
        assertThat(rejected.reason().code()).isEqualTo(ErrorCode.FORGET_NOT_ALLOWED);
        assertThat(rejected.reason().detail()).isEqualTo("File " + hash(store) + " used on vm " + hash(function));
        assertThat(node.status(hash(store))).isEqualTo(MessageStatus.PROCESSED);

        node.applied(message(MessageType.FORGET, BOB, forget(BOB, 300, List.of(hash(function)), List.of())));
        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 400, List.of(hash(store)), List.of())));
        assertThat(node.status(hash(store))).as("once the program is forgotten").isEqualTo(MessageStatus.FORGOTTEN);
    }

    @Test
    void aMessageTheKernelOnlyRecordsIsMarkedForgotten() {
        IncomingMessage function = node.applied(message(MessageType.PROGRAM, ALICE, program(ALICE, 100)));

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 200, List.of(hash(function)), List.of())));

        assertThat(node.status(hash(function))).isEqualTo(MessageStatus.FORGOTTEN);
    }
}
