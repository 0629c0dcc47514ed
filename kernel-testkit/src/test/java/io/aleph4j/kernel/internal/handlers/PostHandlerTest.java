package io.aleph4j.kernel.internal.handlers;

import static io.aleph4j.kernel.internal.handlers.TestMessages.ALICE;
import static io.aleph4j.kernel.internal.handlers.TestMessages.BOB;
import static io.aleph4j.kernel.internal.handlers.TestMessages.CHANNEL;
import static io.aleph4j.kernel.internal.handlers.TestMessages.amend;
import static io.aleph4j.kernel.internal.handlers.TestMessages.forget;
import static io.aleph4j.kernel.internal.handlers.TestMessages.hash;
import static io.aleph4j.kernel.internal.handlers.TestMessages.message;
import static io.aleph4j.kernel.internal.handlers.TestMessages.post;
import static io.aleph4j.kernel.internal.handlers.TestMessages.security;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.incubating.HandlerOutcome.Dependency;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.PostView;
import io.aleph4j.api.state.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST: originals, amends and who may write them. */
final class PostHandlerTest {

    private final TestForgettingContext node = new TestForgettingContext();

    @Test
    void aPostIsKeptWithItsOwnerTypeRefChannelTagsContentAndTime() {
        IncomingMessage note = message(MessageType.POST, ALICE, "{\"address\":\"" + ALICE + "\",\"time\":100.5,"
                + "\"type\":\"note\",\"ref\":\"thread-1\",\"content\":{\"text\":\"hello\",\"tags\":[\"a\",7,\"b\"]}}");

        assertThat(node.apply(note)).isEqualTo(HandlerOutcome.applied());

        PostRecord kept = node.queries().post(hash(note)).orElseThrow();
        assertThat(kept.owner()).isEqualTo(ALICE);
        assertThat(kept.type()).isEqualTo("note");
        assertThat(kept.ref()).isEqualTo("thread-1");
        assertThat(kept.amends()).isNull();
        assertThat(kept.channel()).isEqualTo(CHANNEL);
        assertThat(kept.tags()).as("the string tags only").containsExactly("a", "b");
        assertThat(kept.json()).isEqualTo("{\"text\":\"hello\",\"tags\":[\"a\",7,\"b\"]}");
        assertThat(kept.time()).isEqualTo(100.5);
        assertThat(node.status(hash(note))).isEqualTo(MessageStatus.PROCESSED);
    }

    @Test
    void aSenderMayNotPostAsAnotherAddressWithoutItsDelegation() {
        IncomingMessage forged = message(MessageType.POST, BOB, post(ALICE, 100, "note", "{}"));

        assertThat(node.rejected(forged)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().post(hash(forged))).as("a rejected post leaves no row").isEmpty();
    }

    @Test
    void theOwnersAddressIsComparedToTheSenderIgnoringCase() {
        IncomingMessage own = message(MessageType.POST, ALICE.toLowerCase(), post(ALICE, 100, "note", "{}"));

        assertThat(node.apply(own)).isEqualTo(HandlerOutcome.applied());
    }

    @Test
    void aDelegateTheOwnersSecurityAggregateListsMayPostAsTheOwner() {
        delegate("{\"address\":\"" + BOB + "\",\"types\":[\"POST\"],\"post_types\":[\"note\"]}");
        IncomingMessage byDelegate = message(MessageType.POST, BOB, post(ALICE, 100, "note", "{}"));

        assertThat(node.apply(byDelegate)).isEqualTo(HandlerOutcome.applied());
        assertThat(node.queries().post(hash(byDelegate)).orElseThrow().owner()).isEqualTo(ALICE);
    }

    @Test
    void aDelegationLimitedToOtherPostTypesDoesNotLetTheDelegatePostThisOne() {
        delegate("{\"address\":\"" + BOB + "\",\"post_types\":[\"blog\"]}");

        assertThat(node.rejected(message(MessageType.POST, BOB, post(ALICE, 100, "note", "{}"))))
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void anAmendOfAPostNotProcessedYetWaitsForIt() {
        IncomingMessage original = message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{\"v\":0}"));
        IncomingMessage edit = message(MessageType.POST, ALICE, amend(ALICE, 200, hash(original), "{\"v\":1}"));

        HandlerOutcome early = node.apply(edit);

        assertThat(early).isInstanceOfSatisfying(HandlerOutcome.Waiting.class, waiting -> {
            assertThat(waiting.awaited()).isEqualTo(new Dependency.OnMessage(hash(original)));
            assertThat(waiting.reason().code()).isEqualTo(ErrorCode.POST_AMEND_TARGET_NOT_FOUND);
        });
        assertThat(node.queries().post(hash(edit))).as("nothing kept while it waits").isEmpty();
        assertThat(node.status(hash(edit))).isEqualTo(MessageStatus.PENDING);

        node.apply(original);
        assertThat(node.apply(edit)).as("tried again once the original is processed")
                .isEqualTo(HandlerOutcome.applied());
        assertThat(current(original).json()).isEqualTo("{\"v\":1}");
    }

    @Test
    void anAmendWhoseRefIsNoItemHashIsRejected() {
        IncomingMessage edit = message(MessageType.POST, ALICE, amend(ALICE, 200, "not-a-hash", "{}"));

        assertThat(node.rejected(edit)).isEqualTo(ErrorCode.POST_AMEND_NO_TARGET);
    }

    @Test
    void anAmendOfAnAmendIsRejected() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage first = node.applied(message(MessageType.POST, ALICE, amend(ALICE, 200, hash(original), "{}")));

        IncomingMessage second = message(MessageType.POST, ALICE, amend(ALICE, 300, hash(first), "{\"v\":2}"));

        assertThat(node.rejected(second)).isEqualTo(ErrorCode.POST_AMEND_AMEND);
        assertThat(current(original).itemHash()).isEqualTo(hash(first));
    }

    @Test
    void anAmendMustKeepTheOriginalsAddressWhoeverSendsIt() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));

        IncomingMessage asBob = message(MessageType.POST, BOB, amend(BOB, 200, hash(original), "{}"));

        assertThat(node.rejected(asBob)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().amendsOf(hash(original))).isEmpty();
        IncomingMessage sameAddressOtherCase = message(MessageType.POST, ALICE,
                amend(ALICE.toLowerCase(), 300, hash(original), "{}"));
        assertThat(node.apply(sameAddressOtherCase)).as("addresses compare ignoring case")
                .isEqualTo(HandlerOutcome.applied());
    }

    @Test
    void aSenderMayNotAmendAnotherAddresssPostWithoutItsDelegation() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));

        IncomingMessage edit = message(MessageType.POST, BOB, amend(ALICE, 200, hash(original), "{}"));

        assertThat(node.rejected(edit)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(current(original)).isEqualTo(node.queries().post(hash(original)).orElseThrow());
    }

    @Test
    void aDelegatesAmendIsJudgedByTheOriginalsAttributesNotItsOwn() {
        // The delegation covers note posts in the channel the original is in, not the amend's type nor channel.
        delegate("{\"address\":\"" + BOB + "\",\"channels\":[\"" + CHANNEL + "\"],\"post_types\":[\"note\"]}");
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));

        IncomingMessage elsewhere = message(Chain.ETH, "OTHER", MessageType.POST, BOB,
                amend(ALICE, 200, hash(original), "{\"v\":1}"));

        assertThat(node.apply(elsewhere)).isEqualTo(HandlerOutcome.applied());
        IncomingMessage blog = node.applied(message(Chain.ETH, "OTHER", MessageType.POST, ALICE,
                post(ALICE, 300, "blog", "{}")));
        IncomingMessage blogEdit = message(Chain.ETH, CHANNEL, MessageType.POST, BOB,
                amend(ALICE, 400, hash(blog), "{}"));
        assertThat(node.rejected(blogEdit)).as("the original is a blog post in another channel")
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
    }

    @Test
    void theAmendWithTheLatestContentTimeIsShownWhateverOrderTheAmendsArriveIn() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE,
                post(ALICE, 100, "note", "{\"v\":0}")));
        IncomingMessage latest = message(MessageType.POST, ALICE, amend(ALICE, 300, hash(original), "{\"v\":3}"));
        IncomingMessage older = message(MessageType.POST, ALICE, amend(ALICE, 200, hash(original), "{\"v\":2}"));

        node.applied(latest);
        node.applied(older);

        PostView view = node.queries().posts(PostFilter.builder().hashes(hash(original)).build(),
                PageRequest.all()).items().getFirst();
        assertThat(view.current().itemHash()).isEqualTo(hash(latest));
        assertThat(view.current().json()).isEqualTo("{\"v\":3}");
        assertThat(node.queries().amendsOf(hash(original))).extracting(PostRecord::itemHash)
                .as("both kept, oldest first").containsExactly(hash(older), hash(latest));
    }

    @Test
    void anAmendOlderThanTheOriginalIsKeptButNeverShown() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE,
                post(ALICE, 100, "note", "{\"v\":0}")));

        IncomingMessage stale = node.applied(message(MessageType.POST, ALICE, amend(ALICE, 50, hash(original),
                "{\"v\":-1}")));

        assertThat(node.queries().post(hash(stale))).isPresent();
        assertThat(current(original).itemHash()).isEqualTo(hash(original));
    }

    @Test
    void forgettingTheShownAmendShowsThePreviousOneAndForgettingThatShowsTheOriginal() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE,
                post(ALICE, 100, "note", "{\"v\":0}")));
        IncomingMessage first = node.applied(message(MessageType.POST, ALICE,
                amend(ALICE, 200, hash(original), "{\"v\":1}")));
        IncomingMessage second = node.applied(message(MessageType.POST, ALICE,
                amend(ALICE, 300, hash(original), "{\"v\":2}")));
        assertThat(current(original).itemHash()).isEqualTo(hash(second));

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 400, List.of(hash(second)), List.of())));

        assertThat(current(original).itemHash()).isEqualTo(hash(first));
        assertThat(node.status(hash(second))).isEqualTo(MessageStatus.FORGOTTEN);
        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 500, List.of(hash(first)), List.of())));
        assertThat(current(original).itemHash()).isEqualTo(hash(original));
        assertThat(current(original).json()).isEqualTo("{\"v\":0}");
    }

    @Test
    void forgettingAnAmendThatIsNotShownLeavesTheShownOne() {
        IncomingMessage original = node.applied(message(MessageType.POST, ALICE, post(ALICE, 100, "note", "{}")));
        IncomingMessage first = node.applied(message(MessageType.POST, ALICE, amend(ALICE, 200, hash(original), "{}")));
        IncomingMessage second = node.applied(message(MessageType.POST, ALICE,
                amend(ALICE, 300, hash(original), "{\"v\":2}")));

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 400, List.of(hash(first)), List.of())));

        assertThat(current(original).itemHash()).isEqualTo(hash(second));
        assertThat(node.queries().amendsOf(hash(original))).extracting(PostRecord::itemHash)
                .containsExactly(hash(second));
    }

    private void delegate(String authorization) {
        node.applied(message(MessageType.AGGREGATE, ALICE, security(ALICE, 1, authorization)));
    }

    /** What readers see of a post: its latest amend, or itself. */
    private PostRecord current(IncomingMessage original) {
        return node.queries().posts(PostFilter.builder().hashes(hash(original)).build(),
                PageRequest.all()).items().getFirst().current();
    }

    @Test
    void aScoringPostsMeasurementsAreKeptAndLeaveWithThePost() {
        String scorer = "0x4D52380D3191274a04846c89c069E6C3F2Ed94e4";
        IncomingMessage scoring = node.applied(message(Chain.ETH, "aleph-scoring", MessageType.POST, scorer,
                post(scorer, 100, "aleph-network-metrics", "{\"metrics\":{\"ccn\":[{\"node_id\":\"n1\","
                        + "\"measured_at\":90,\"base_latency\":0.5}],\"crn\":[]}}")));

        List<NodeMetric> kept = node.queries().nodeMetrics(NodeKind.CCN, "n1", Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, SortOrder.ASCENDING);
        assertThat(kept).singleElement().satisfies(metric -> {
            assertThat(metric.post()).isEqualTo(hash(scoring));
            assertThat(metric.values()).containsEntry("base_latency", 0.5);
        });

        node.applied(message(Chain.ETH, "aleph-scoring", MessageType.FORGET, scorer,
                forget(scorer, 200, List.of(hash(scoring)), List.of())));
        assertThat(node.queries().nodeMetrics(NodeKind.CCN, "n1", Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, SortOrder.ASCENDING)).isEmpty();
    }

    @Test
    void theSamePostOnAnotherChannelIsOnlyAPost() {
        String scorer = "0x4D52380D3191274a04846c89c069E6C3F2Ed94e4";
        node.applied(message(Chain.ETH, CHANNEL, MessageType.POST, scorer, post(scorer, 100,
                "aleph-network-metrics", "{\"metrics\":{\"ccn\":[{\"node_id\":\"n1\",\"measured_at\":90}]}}")));

        assertThat(node.queries().nodeMetrics(NodeKind.CCN, "n1", Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, SortOrder.ASCENDING)).isEmpty();
    }
}
