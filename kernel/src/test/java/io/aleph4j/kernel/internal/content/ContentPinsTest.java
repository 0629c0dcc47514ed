package io.aleph4j.kernel.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.RejectionReason;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentPinsTest {

    private static final ItemHash FILE = ItemHash.of("f".repeat(64));
    private static final ItemHash STORE = ItemHash.of("a".repeat(64));

    @TempDir
    Path directory;
    private final FileReferencesState state = new FileReferencesState();
    private final MemoryContentStore store = new MemoryContentStore();
    private ContentPins pins;

    @BeforeEach
    void start() {
        pins = new ContentPins(List.of(store), state, owedPins(), Clock.systemUTC(), Duration.ofMillis(20));
        store.items.put(FILE, Instant.now());
        state.messages.put(STORE, storeMessage(MessageStatus.PROCESSED));
        state.references.add(new FileReference(STORE, "0xOwner", FILE, ItemType.STORAGE, null, 1.0, 12));
    }

    @AfterEach
    void stop() {
        pins.close();
    }

    @Test
    void aProcessedStoresFileIsPinned() {
        pins.onEvent(event(MessageStatus.PROCESSED));

        assertThat(store.pinned).containsExactly(FILE);
    }

    @Test
    void aPinThatFailsIsTriedAgainUntilItHolds() throws InterruptedException {
        store.pinFailuresLeft.set(3);

        pins.onEvent(event(MessageStatus.PROCESSED));

        awaitUntil(() -> !store.pinned.isEmpty());
        assertThat(store.pinned).containsExactly(FILE);
    }

    @Test
    void aPinStillOwedWhenTheNodeStopsIsTriedAgainAfterARestartAndThenForgotten() throws Exception {
        store.pinFailuresLeft.set(Integer.MAX_VALUE);
        pins.onEvent(event(MessageStatus.PROCESSED));
        pins.close();
        assertThat(Files.readString(owedPins())).as("the owed pins on disk").startsWith(STORE.value() + " ");

        store.pinFailuresLeft.set(0);
        pins = new ContentPins(List.of(store), state, owedPins(), Clock.systemUTC(), Duration.ofMillis(20));

        awaitUntil(() -> !store.pinned.isEmpty() && !Files.exists(owedPins()));
        assertThat(store.pinned).containsExactly(FILE);
        assertThat(owedPins()).as("nothing owed once the pin holds").doesNotExist();
    }

    @Test
    void anUnreadableLineOfOwedPinsIsSkipped() throws Exception {
        pins.close();
        Files.createDirectories(owedPins().getParent());
        Files.writeString(owedPins(), "not a hash\n" + STORE.value() + " " + Instant.now().minusSeconds(60) + "\n");
        pins = new ContentPins(List.of(store), state, owedPins(), Clock.systemUTC(), Duration.ofMillis(20));

        awaitUntil(() -> !store.pinned.isEmpty());
        assertThat(store.pinned).containsExactly(FILE);
    }

    @Test
    void aPinOwedForMoreThanADayIsGivenUp() throws Exception {
        pins.close();
        Files.createDirectories(owedPins().getParent());
        Files.writeString(owedPins(), STORE.value() + " " + Instant.now().minus(Duration.ofDays(2)) + "\n");
        pins = new ContentPins(List.of(store), state, owedPins(), Clock.systemUTC(), Duration.ofMillis(20));

        awaitUntil(() -> !Files.exists(owedPins()));
        assertThat(owedPins()).doesNotExist();
        assertThat(store.pinned).isEmpty();
    }

    /** Polls until the condition holds, for at most five seconds (the assertions that follow say what failed). */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private Path owedPins() {
        return directory.resolve("content").resolve("pins-owed");
    }

    @Test
    void forgettingTheLastStoreOfAFileUnpinsIt() {
        state.references.clear();
        state.messages.put(STORE, storeMessage(MessageStatus.FORGOTTEN));

        pins.onEvent(event(MessageStatus.FORGOTTEN));

        assertThat(store.unpinned).containsExactly(FILE);
    }

    @Test
    void aFileAnotherStoreStillReferencesStaysPinned() {
        state.references.clear();
        state.references.add(new FileReference(ItemHash.of("b".repeat(64)), "0xOther", FILE, ItemType.STORAGE,
                null, 2.0, 12));
        state.messages.put(STORE, storeMessage(MessageStatus.FORGOTTEN));

        pins.onEvent(event(MessageStatus.FORGOTTEN));

        assertThat(store.unpinned).isEmpty();
    }

    @Test
    void theFileOfARejectedStoreIsDeletedAtOnceWhenNothingElseKeepsIt() {
        Instant received = Instant.now();
        store.items.put(FILE, received.minusSeconds(1));
        state.references.clear();
        state.messages.put(STORE, rejectedStore(received));

        pins.onEvent(event(MessageStatus.REJECTED));

        assertThat(store.items).doesNotContainKey(FILE);
    }

    @Test
    void theFileOfARejectedStoreStaysWhileAProcessedStoreReferencesIt() {
        Instant received = Instant.now();
        store.items.put(FILE, received.minusSeconds(1));
        state.references.clear();
        state.references.add(new FileReference(ItemHash.of("b".repeat(64)), "0xOther", FILE, ItemType.STORAGE,
                null, 2.0, 12));
        state.messages.put(STORE, rejectedStore(received));

        pins.onEvent(event(MessageStatus.REJECTED));

        assertThat(store.items).containsKey(FILE);
    }

    @Test
    void theSameBytesUploadedAgainAfterTheRejectedStoreArrivedStay() {
        Instant received = Instant.now();
        store.items.put(FILE, received.plusMillis(5));
        state.references.clear();
        state.messages.put(STORE, rejectedStore(received));

        pins.onEvent(event(MessageStatus.REJECTED));

        assertThat(store.items).as("an upload for another STORE, written after this one was received")
                .containsKey(FILE);
    }

    private static MessageRecord rejectedStore(Instant received) {
        return storeMessage(MessageStatus.PROCESSED).toBuilder()
                .rejected(RejectionReason.of(ErrorCode.PERMISSION_DENIED, "not the owner")).receivedAt(received)
                .build();
    }

    private static MessageEvent event(MessageStatus status) {
        Optional<RejectionReason> reason = status == MessageStatus.REJECTED
                ? Optional.of(RejectionReason.of(ErrorCode.PERMISSION_DENIED, "not the owner")) : Optional.empty();
        return new MessageEvent(STORE, status, reason, 1, Instant.now());
    }

    private static MessageRecord storeMessage(MessageStatus status) {
        ContentFields content = ContentFields.builder("0xOwner", 1.0).itemHash(FILE.value()).build();
        return MessageRecord.builder().itemHash(STORE).chain(Chain.ETH).sender("0xOwner").type(MessageType.STORE)
                .channel("TEST").time(1.0).itemType(ItemType.STORAGE).signature("0xsignature").status(status)
                .content(content).receivedAt(Instant.now()).size(10).build();
    }
}
