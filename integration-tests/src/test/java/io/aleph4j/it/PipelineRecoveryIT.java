package io.aleph4j.it;

import static io.aleph4j.api.message.MessageType.FORGET;
import static io.aleph4j.api.message.MessageType.POST;
import static io.aleph4j.api.message.MessageType.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ErrorCode;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the pipeline keeps across restarts, late content and batch boundaries. */
final class PipelineRecoveryIT {

    private static final double T = 1_795_485_266.0;

    private final Wallet alice = Wallet.ethereum(21);

    @TempDir
    Path dataDirectory;

    @Test
    void aMessageWokenByItsDependencyRunsBeforeTheLogEntriesThatFollowThatDependency() throws Exception {
        String me = alice.address();
        Message post = alice.signed(POST, Contents.post(me, "note", "{}", T), T);
        Message forget = alice.signed(FORGET, Contents.forget(me, T + 1, post.itemHash()), T + 1);
        Message amend = alice.signed(POST, Contents.amend(me, post.itemHash(), "{\"v\":2}", T + 2), T + 2);
        // Logged by a node without a state store, then processed by one in a single catch-up batch: the forget
        // (waiting for the post) must run right after the post, before the amend that comes later in the log.
        long last = -1;
        try (EmbeddedNode logOnly = EmbeddedNode.builder().dataDirectory(dataDirectory).start()) {
            for (Message message : new Message[] {forget, post, amend}) {
                last = logOnly.node().messageIntake().submit(message, Origin.API).inboxIndex();
            }
        }

        try (PipelineNode node = PipelineNode.start(dataDirectory)) {
            node.awaitApplied(last);
            assertThat(node.record(post.itemHash()).status()).isEqualTo(MessageStatus.FORGOTTEN);
            assertThat(node.record(forget.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
            assertThat(node.record(amend.itemHash()).status())
                    .as("the amend comes after the forget in effect, so its target is gone")
                    .isEqualTo(MessageStatus.PENDING);
        }
    }

    @Test
    void stateAndAWaitingAmendSurviveARestart() {
        String me = alice.address();
        Message kept = alice.signed(POST, Contents.post(me, "note", "{\"kept\":true}", T), T);
        Message original = alice.signed(POST, Contents.post(me, "note", "{\"v\":1}", T + 1), T + 1);
        Message amend = alice.signed(POST, Contents.amend(me, original.itemHash(), "{\"v\":2}", T + 2), T + 2);
        try (PipelineNode node = PipelineNode.start(dataDirectory)) {
            assertThat(node.submit(kept).status()).isEqualTo(MessageStatus.PROCESSED);
            assertThat(node.submit(amend).status()).isEqualTo(MessageStatus.PENDING);
        }

        try (PipelineNode node = PipelineNode.start(dataDirectory)) {
            assertThat(node.record(kept.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
            assertThat(node.submit(original).status()).isEqualTo(MessageStatus.PROCESSED);
            assertThat(node.record(amend.itemHash()).status()).isEqualTo(MessageStatus.PROCESSED);
            assertThat(node.state().post(original.itemHash()).orElseThrow().latestAmend())
                    .isEqualTo(amend.itemHash());
        }
    }

    @Test
    void aStorageItemWhoseContentArrivesLaterGoesFromPendingToProcessed() throws Exception {
        String me = alice.address();
        String content = Contents.post(me, "note", "{\"stored\":\"elsewhere\"}", T);
        ItemHash hash = ItemHash.sha256Of(content);
        Message message = alice.sign(new Message(Chain.ETH, me, POST, "TEST", T, ItemType.STORAGE, null, hash, ""));

        try (PipelineNode node = PipelineNode.startWith("content-fs")) {
            assertThat(node.submit(message).status()).isEqualTo(MessageStatus.PENDING);

            ContentStore contents = node.embedded().node().contentStores().getFirst();
            assertThat(contents.put(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                    ItemType.STORAGE, 1_000_000)).isEqualTo(hash);

            assertThat(node.awaitStatus(hash, MessageStatus.PROCESSED)).isEqualTo(MessageStatus.PROCESSED);
            assertThat(node.state().post(hash).orElseThrow().json()).contains("elsewhere");
        }
    }

    @Test
    void aMessageWhoseContentNeverArrivesIsRejectedOnceItsRetriesAreSpent() throws Exception {
        String me = alice.address();
        ItemHash hash = ItemHash.sha256Of(Contents.post(me, "note", "{\"stored\":\"nowhere\"}", T));
        Message message = alice.sign(new Message(Chain.ETH, me, POST, "TEST", T, ItemType.STORAGE, null, hash, ""));

        try (PipelineNode node = PipelineNode.startWith(PipelineRecoveryIT::quickRetries, "content-fs")) {
            assertThat(node.submit(message).status()).as("first try: pending").isEqualTo(MessageStatus.PENDING);

            assertThat(node.awaitStatus(hash, MessageStatus.REJECTED)).isEqualTo(MessageStatus.REJECTED);
            assertThat(node.record(hash).rejection()).hasValueSatisfying(reason -> {
                assertThat(reason.code()).isEqualTo(ErrorCode.CONTENT_UNAVAILABLE);
                assertThat(reason.detail()).isEqualTo("File not found: " + hash + " (could not fetch message content)");
            });
        }
    }

    @Test
    void aStoreWhoseFileNeverArrivesIsRejectedOnceItsRetriesAreSpent() throws Exception {
        String me = alice.address();
        ItemHash file = ItemHash.sha256Of("a file nobody has");
        Message store = alice.signed(STORE, Contents.store(me, file, null, T), T);

        try (PipelineNode node = PipelineNode.startWith(PipelineRecoveryIT::quickRetries, "content-fs")) {
            assertThat(node.submit(store).status()).isEqualTo(MessageStatus.PENDING);

            assertThat(node.awaitStatus(store.itemHash(), MessageStatus.REJECTED)).isEqualTo(MessageStatus.REJECTED);
            assertThat(node.record(store.itemHash()).rejection())
                    .hasValueSatisfying(reason -> assertThat(reason.code()).isEqualTo(ErrorCode.FILE_UNAVAILABLE));
        }
    }

    /** Three retries, 10 ms apart at first: the reference's budget is ten, up to five minutes apart. */
    private static void quickRetries(EmbeddedNode.Builder builder) {
        builder.set("node", "pipeline.max-retries", 3).set("node", "pipeline.first-retry", "10ms")
                .set("node", "pipeline.longest-retry", "40ms");
    }
}
