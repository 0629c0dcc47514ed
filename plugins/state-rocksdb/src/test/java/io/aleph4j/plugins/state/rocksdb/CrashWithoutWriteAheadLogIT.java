package io.aleph4j.plugins.state.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.testkit.EmbeddedNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on state-rocksdb without RocksDB's write-ahead log ({@code write-ahead-log: false}), killed before its
 * store flushed: the files it leaves hold the message log whole and the store as of its last flush, and the next
 * start replays the rest from the log.
 */
final class CrashWithoutWriteAheadLogIT {

    private static final int MESSAGES = 300;

    @TempDir
    Path directory;

    @Test
    void aNodeKilledBeforeItsStoreFlushedComesBackWithEveryMessageReplayedFromTheLog() throws Exception {
        Path data = directory.resolve("node");
        Path crashed = directory.resolve("crashed");
        Path inspected = directory.resolve("inspected");
        List<MessageRecord> before;
        long last = -1;
        try (EmbeddedNode node = node(data)) {
            for (int i = 0; i < MESSAGES; i++) {
                last = node.node().messageIntake().submit(message("message " + i), Origin.LOCAL).inboxIndex();
            }
            assertThat(node.node().awaitApplied(last, Duration.ofSeconds(30))).as("applied in time").isTrue();
            before = stored(node);
            // The files as a SIGKILL leaves them: the log's entries written, the store's commits in memtables only.
            KilledFiles.copy(data, crashed);
            KilledFiles.copy(data, inspected);
        }
        assertThat(before).hasSize(MESSAGES);

        RocksdbStateStore leftOver = new RocksdbStateStore("left over",
                inspected.resolve("plugins/state-rocksdb/state-rocksdb"), 8 << 20, 8 << 20, false);
        leftOver.open();
        try {
            assertThat(leftOver.appliedInboxIndex()).as("what the killed store's own files hold").isLessThan(last);
        } finally {
            leftOver.close();
        }
        try (EmbeddedNode restarted = node(crashed)) {
            assertThat(restarted.node().awaitApplied(last, Duration.ofSeconds(30))).as("caught up in time").isTrue();
            assertThat(stored(restarted)).containsExactlyElementsOf(before);
        }
    }

    private static EmbeddedNode node(Path data) {
        // No chain bridge: each message is stored rejected, which is enough to see what survived.
        return EmbeddedNode.builder().dataDirectory(data)
                .plugin(InlinePlugin.of("state-rocksdb", new StateRocksdbPlugin()))
                .set("state-rocksdb", "write-ahead-log", false).start();
    }

    private static Message message(String text) {
        String content = "{\"address\":\"0x0000000000000000000000000000000000000001\",\"time\":1700000000.0,"
                + "\"type\":\"note\",\"content\":{\"text\":\"" + text + "\"}}";
        return new Message(Chain.ETH, "0x0000000000000000000000000000000000000001", MessageType.POST, "TEST",
                1_700_000_000.0, ItemType.INLINE, content, ItemHash.sha256Of(content), "0x00");
    }

    private static List<MessageRecord> stored(EmbeddedNode node) {
        return node.node().stateQueries().orElseThrow().messages(MessageFilter.any(), PageRequest.all()).items();
    }
}
