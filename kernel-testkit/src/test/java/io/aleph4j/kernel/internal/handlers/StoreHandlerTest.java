package io.aleph4j.kernel.internal.handlers;

import static io.aleph4j.kernel.internal.handlers.TestMessages.ALICE;
import static io.aleph4j.kernel.internal.handlers.TestMessages.BOB;
import static io.aleph4j.kernel.internal.handlers.TestMessages.forget;
import static io.aleph4j.kernel.internal.handlers.TestMessages.hash;
import static io.aleph4j.kernel.internal.handlers.TestMessages.message;
import static io.aleph4j.kernel.internal.handlers.TestMessages.security;
import static io.aleph4j.kernel.internal.handlers.TestMessages.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.incubating.HandlerOutcome.Dependency;
import io.aleph4j.api.incubating.HandlerOutcome;
import io.aleph4j.api.incubating.IncomingMessage;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.FileReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STORE: file references, new versions of a file through {@code ref}, and who may make them. */
final class StoreHandlerTest {

    private static final ItemHash FILE = ItemHash.sha256Of("the first file");
    private static final ItemHash NEW_FILE = ItemHash.sha256Of("its new version");

    private final TestForgettingContext node = new TestForgettingContext();

    @Test
    void aStoreRecordsTheFileItRefersTo() {
        IncomingMessage stored = node.applied(message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, null)));

        FileReference reference = new FileReference(hash(stored), ALICE, FILE, ItemType.STORAGE, null, 100, 0);
        assertThat(node.queries().fileReference(hash(stored))).contains(reference);
        assertThat(node.queries().fileReferences(FILE)).containsExactly(reference);
    }

    @Test
    void aRefThatIsNoItemHashIsAFreeTag() {
        IncomingMessage tagged = node.applied(message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, "avatar")));

        assertThat(node.queries().latestFileReference(ALICE, "avatar").orElseThrow().messageHash())
                .isEqualTo(hash(tagged));
    }

    @Test
    void aNewVersionOfAStoreNotProcessedYetWaitsForIt() {
        IncomingMessage original = message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, null));
        IncomingMessage version = message(MessageType.STORE, ALICE,
                store(ALICE, 200, NEW_FILE, hash(original).value()));

        HandlerOutcome early = node.apply(version);

        assertThat(early).isInstanceOfSatisfying(HandlerOutcome.Waiting.class, waiting -> {
            assertThat(waiting.awaited()).isEqualTo(new Dependency.OnMessage(hash(original)));
            assertThat(waiting.reason().code()).isEqualTo(ErrorCode.STORE_REF_NOT_FOUND);
        });
        assertThat(node.queries().fileReference(hash(version))).as("nothing kept while it waits").isEmpty();
        assertThat(node.status(hash(version))).isEqualTo(MessageStatus.PENDING);

        node.applied(original);
        node.applied(version);
        assertThat(node.queries().latestFileReference(null, hash(original).value()).orElseThrow().fileHash())
                .isEqualTo(NEW_FILE);
    }

    @Test
    void aVersionOfAVersionIsRefused() {
        IncomingMessage original = node.applied(message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, null)));
        IncomingMessage version = node.applied(message(MessageType.STORE, ALICE,
                store(ALICE, 200, NEW_FILE, hash(original).value())));

        IncomingMessage ofTheVersion = message(MessageType.STORE, ALICE,
                store(ALICE, 300, ItemHash.sha256Of("third"), hash(version).value()));

        assertThat(node.rejected(ofTheVersion)).isEqualTo(ErrorCode.STORE_UPDATE_UPDATE);
        assertThat(node.queries().fileReference(hash(ofTheVersion))).isEmpty();
    }

    @Test
    void onlyTheOriginalsOwnerMayStoreANewVersionOfIt() {
        IncomingMessage original = node.applied(message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, null)));

        IncomingMessage bobsVersion = message(MessageType.STORE, BOB,
                store(BOB, 200, NEW_FILE, hash(original).value()));

        assertThat(node.rejected(bobsVersion)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().latestFileReference(null, hash(original).value()).orElseThrow().messageHash())
                .isEqualTo(hash(original));
    }

    @Test
    void aDelegateMayStoreANewVersionAsTheOriginalsOwner() {
        node.applied(message(MessageType.AGGREGATE, ALICE, security(ALICE, 1,
                "{\"address\":\"" + BOB + "\",\"types\":[\"STORE\"]}")));
        IncomingMessage original = node.applied(message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, null)));

        IncomingMessage version = node.applied(message(MessageType.STORE, BOB,
                store(ALICE, 200, NEW_FILE, hash(original).value())));

        assertThat(node.queries().fileReference(hash(version)).orElseThrow().owner()).isEqualTo(ALICE);
    }

    @Test
    void aSenderMayNotStoreForAnotherAddressWithoutItsDelegation() {
        IncomingMessage forged = message(MessageType.STORE, BOB, store(ALICE, 100, FILE, null));

        assertThat(node.rejected(forged)).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(node.queries().fileReferences(FILE)).isEmpty();
    }

    @Test
    void forgettingAStoreRemovesItsFileReference() {
        IncomingMessage stored = node.applied(message(MessageType.STORE, ALICE, store(ALICE, 100, FILE, null)));

        node.applied(message(MessageType.FORGET, ALICE, forget(ALICE, 200, List.of(hash(stored)), List.of())));

        assertThat(node.queries().fileReference(hash(stored))).isEmpty();
        assertThat(node.queries().fileReferences(FILE)).isEmpty();
        assertThat(node.status(hash(stored))).isEqualTo(MessageStatus.FORGOTTEN);
    }
}
