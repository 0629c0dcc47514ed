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
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.PluginArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes in one JVM, each loading state-rocksdb from its archive (so each through its own plugin class loader, which
 * loads the RocksDB native library anew) and keeping its state in its own database.
 */
final class TwoNodesIT {

    @TempDir
    Path directory;

    @Test
    void twoNodesInOneJvmEachKeepTheirMessagesInTheirOwnStore() throws Exception {
        Path plugins = directory.resolve("plugins");
        Files.createDirectories(plugins);
        Files.copy(PluginArchive.builtInTarget(), plugins.resolve(PluginArchive.builtInTarget().getFileName()));
        try (EmbeddedNode first = node(plugins, directory.resolve("first"));
             EmbeddedNode second = node(plugins, directory.resolve("second"))) {
            // No chain bridge: each message is stored rejected, which is enough to see where it went.
            Message toFirst = message("first node");
            Message toSecond = message("second node");
            await(first, first.node().messageIntake().submit(toFirst, Origin.LOCAL).inboxIndex());
            await(second, second.node().messageIntake().submit(toSecond, Origin.LOCAL).inboxIndex());

            assertThat(stored(first)).containsExactly(toFirst.itemHash());
            assertThat(stored(second)).containsExactly(toSecond.itemHash());
            assertThat(directory.resolve("first/plugins/state-rocksdb/state-rocksdb/CURRENT")).isRegularFile();
            assertThat(directory.resolve("second/plugins/state-rocksdb/state-rocksdb/CURRENT")).isRegularFile();
        }
    }

    private static EmbeddedNode node(Path plugins, Path data) {
        return EmbeddedNode.builder().dataDirectory(data).pluginsDirectory(plugins).start();
    }

    private static Message message(String text) {
        String content = "{\"address\":\"0x0000000000000000000000000000000000000001\",\"time\":1700000000.0,"
                + "\"type\":\"note\",\"content\":{\"text\":\"" + text + "\"}}";
        return new Message(Chain.ETH, "0x0000000000000000000000000000000000000001", MessageType.POST, "TEST",
                1_700_000_000.0, ItemType.INLINE, content, ItemHash.sha256Of(content), "0x00");
    }

    private static void await(EmbeddedNode node, long inboxIndex) throws InterruptedException {
        assertThat(node.node().awaitApplied(inboxIndex, Duration.ofSeconds(30))).as("applied in time").isTrue();
    }

    private static List<ItemHash> stored(EmbeddedNode node) {
        return node.node().stateQueries().orElseThrow().messages(MessageFilter.any(), PageRequest.all()).items()
                .stream().map(MessageRecord::itemHash).toList();
    }
}
