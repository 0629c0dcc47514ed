package io.aleph4j.kernel.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.incubating.HandlerContext.ActionScope;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.testkit.MemoryStateStore;
import org.junit.jupiter.api.Test;

/** The delegation rule: who may act for an owner, through the owner's {@code security} aggregate. */
final class AuthorizationsTest {

    private static final String ALICE = "0xA11ce00000000000000000000000000000000A11";
    private static final String BOB = "0xB0b0000000000000000000000000000000000B0B";
    private static final String CAROL = "0xCa201000000000000000000000000000000000CA";

    private static final ActionScope A_NOTE = new ActionScope(Chain.ETH, "TEST", MessageType.POST, "note", null);
    private static final ActionScope A_PROFILE =
            new ActionScope(Chain.ETH, "TEST", MessageType.AGGREGATE, null, "profile");
    private static final ActionScope A_STORE = new ActionScope(Chain.ETH, "TEST", MessageType.STORE, null, null);

    private final MemoryStateStore store = new MemoryStateStore();
    private long inboxIndex;

    @Test
    void anAddressMayActForItselfWhateverTheCaseOfEitherAndWithoutASecurityAggregate() {
        assertThat(mayActFor(ALICE, ALICE, A_NOTE)).isTrue();
        assertThat(mayActFor(ALICE.toLowerCase(), ALICE.toUpperCase(), A_NOTE)).isTrue();
    }

    @Test
    void anotherAddressMayNotActForAnOwnerWithoutASecurityAggregate() {
        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isFalse();
    }

    @Test
    void anAddressTheOwnersSecurityAggregateListsWithoutFiltersMayDoAnything() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\"}]}");

        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, A_PROFILE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.SOL, null, MessageType.FORGET, null, null))).isTrue();
        assertThat(mayActFor(CAROL, ALICE, A_NOTE)).as("an address it does not list").isFalse();
    }

    @Test
    void theListedAddressMatchesTheSenderIgnoringCase() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB.toLowerCase() + "\"}]}");

        assertThat(mayActFor(BOB.toUpperCase().replace("0X", "0x"), ALICE, A_NOTE)).isTrue();
    }

    @Test
    void aDelegationGrantsOnlyForItsOwner() {
        security(BOB, "{\"authorizations\":[{\"address\":\"" + CAROL + "\"}]}");

        assertThat(mayActFor(CAROL, BOB, A_NOTE)).isTrue();
        assertThat(mayActFor(CAROL, ALICE, A_NOTE)).isFalse();
    }

    @Test
    void aChainFilterAllowsThatChainOnlyAndAnEmptyOneAllowsAny() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"chain\":\"SOL\"},"
                + "{\"address\":\"" + CAROL + "\",\"chain\":\"\"}]}");

        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.SOL, "TEST", MessageType.POST, "note", null)))
                .isTrue();
        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isFalse();
        assertThat(mayActFor(CAROL, ALICE, A_NOTE)).isTrue();
    }

    @Test
    void aChannelsFilterAllowsTheListedChannelsOnlyNotAMessageWithoutChannel() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"channels\":[\"TEST\",\"MORE\"]}]}");

        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.ETH, "OTHER", MessageType.POST, "note", null)))
                .isFalse();
        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.ETH, null, MessageType.POST, "note", null)))
                .isFalse();
    }

    @Test
    void aTypesFilterAllowsTheListedMessageTypesOnly() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"types\":[\"POST\",\"STORE\"]}]}");

        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, A_STORE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, A_PROFILE)).isFalse();
    }

    @Test
    void aPostTypesFilterRestrictsPostsOnly() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"post_types\":[\"blog\"]}]}");

        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.ETH, "TEST", MessageType.POST, "blog", null)))
                .isTrue();
        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isFalse();
        assertThat(mayActFor(BOB, ALICE, A_PROFILE)).as("not a post: the filter does not apply").isTrue();
    }

    @Test
    void anAggregateKeysFilterRestrictsAggregatesOnly() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"aggregate_keys\":[\"profile\"]}]}");

        assertThat(mayActFor(BOB, ALICE, A_PROFILE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.ETH, "TEST", MessageType.AGGREGATE, null, "keys")))
                .isFalse();
        assertThat(mayActFor(BOB, ALICE, A_NOTE)).as("not an aggregate: the filter does not apply").isTrue();
    }

    @Test
    void everyFilterOfAnEntryMustMatchButAnyEntryMayGrant() {
        security(ALICE, "{\"authorizations\":["
                + "{\"address\":\"" + BOB + "\",\"types\":[\"POST\"],\"channels\":[\"OTHER\"]},"
                + "{\"address\":\"" + BOB + "\",\"types\":[\"AGGREGATE\"],\"channels\":[\"TEST\"]}]}");

        assertThat(mayActFor(BOB, ALICE, A_NOTE)).as("a POST in TEST: neither entry has both").isFalse();
        assertThat(mayActFor(BOB, ALICE, A_PROFILE)).as("the second entry").isTrue();
        assertThat(mayActFor(BOB, ALICE, new ActionScope(Chain.ETH, "OTHER", MessageType.POST, "note", null)))
                .as("the first entry").isTrue();
    }

    @Test
    void emptyFilterListsAllowEverything() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"chain\":\"\",\"channels\":[],"
                + "\"types\":[],\"post_types\":[],\"aggregate_keys\":[]}]}");

        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isTrue();
        assertThat(mayActFor(BOB, ALICE, A_PROFILE)).isTrue();
    }

    @Test
    void aSecurityAggregateOfTheWrongShapeGrantsNothing() {
        for (String json : new String[] {
                "{}",
                "{\"authorizations\":{\"address\":\"" + BOB + "\"}}",
                "{\"authorizations\":[\"" + BOB + "\"]}",
                "{\"authorizations\":[{\"addr\":\"" + BOB + "\"}]}",
                "{\"authorizations\":[{\"address\":42}]}",
                "not json"}) {
            MemoryStateStore fresh = new MemoryStateStore();
            put(fresh, 0, ALICE, json);

            assertThat(Authorizations.mayActFor(fresh.queries(), BOB, ALICE, A_NOTE)).as(json).isFalse();
        }
    }

    @Test
    void filterValuesThatAreNotStringsMatchNothing() {
        security(ALICE, "{\"authorizations\":[{\"address\":\"" + BOB + "\",\"types\":[1,{\"t\":\"POST\"}]}]}");

        assertThat(mayActFor(BOB, ALICE, A_NOTE)).isFalse();
    }

    private boolean mayActFor(String sender, String owner, ActionScope scope) {
        return Authorizations.mayActFor(store.queries(), sender, owner, scope);
    }

    private void security(String owner, String json) {
        put(store, inboxIndex++, owner, json);
    }

    /** Stores {@code owner}'s security aggregate as its handler would after one element. */
    private static void put(MemoryStateStore target, long inboxIndex, String owner, String json) {
        try (StateTransaction tx = target.begin()) {
            tx.putAggregate(new AggregateRecord(owner, "security", json, 1, ItemHash.sha256Of(json), 1));
            tx.commit(inboxIndex);
        }
    }
}
