package io.aleph4j.plugins.content.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.CorruptContentException;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.content.StoredItem;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.testkit.TestContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsContentStoreTest {

    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private FsContentStore store;

    @BeforeEach
    void open() throws IOException {
        store = new FsContentStore(directory, Clock.systemUTC());
    }

    @Test
    void storageItemsAreAddressedBySha256AndReadBackWhole() throws IOException {
        ItemHash hash = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);

        assertThat(hash.value()).isEqualTo("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertThat(store.exists(hash)).isTrue();
        StoredContent found = store.find(hash).orElseThrow();
        assertThat(found.size()).isEqualTo(HELLO.length);
        try (InputStream in = found.open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(HELLO);
        }
    }

    @Test
    void ipfsItemsAreAddressedByTheCidv0AnIpfsNodeGivesTheSameBytes() throws IOException {
        ItemHash hash = store.put(new ByteArrayInputStream(HELLO), ItemType.IPFS, 100);

        assertThat(hash.value()).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(store.get(hash).orElseThrow().readAllBytes()).isEqualTo(HELLO);
    }

    @Test
    void bytesAnnouncedUnderACidv1AreCheckedAndKeptUnderIt() throws IOException {
        // "hello world" as `ipfs add --cid-version=1` addresses it (raw leaf, base32).
        ItemHash cidv1 = ItemHash.of("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");

        assertThat(store.putExpecting(new ByteArrayInputStream(HELLO), ItemType.IPFS, 100, cidv1)).isEqualTo(cidv1);
        assertThat(store.get(cidv1).orElseThrow().readAllBytes()).isEqualTo(HELLO);
        assertThatThrownBy(() -> store.putExpecting(new ByteArrayInputStream("hello world\n".getBytes(
                StandardCharsets.UTF_8)), ItemType.IPFS, 100, cidv1)).isInstanceOf(ContentMismatchException.class);
    }

    @Test
    void anItemOpensAtAnyOffset() throws IOException {
        ItemHash hash = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);

        try (InputStream in = store.find(hash).orElseThrow().open(6)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("world");
        }
    }

    @Test
    void anUnknownAddressIsAbsent() throws IOException {
        ItemHash unknown = ItemHash.of("a".repeat(64));

        assertThat(store.find(unknown)).isEmpty();
        assertThat(store.exists(unknown)).isFalse();
    }

    @Test
    void contentOverTheLimitIsRefusedAndLeavesNothingBehind() throws IOException {
        assertThatThrownBy(() -> store.put(TestContent.pattern(1_000_001), ItemType.STORAGE, 1_000_000))
                .isInstanceOf(ContentTooLargeException.class);

        assertThat(items()).isEmpty();
        try (Stream<Path> leftovers = Files.list(directory.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void aCorruptItemIsReportedSetAsideAndNeverServed() throws IOException {
        ItemHash hash = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);
        Files.write(store.pathOf(hash), "hello World".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> store.find(hash)).isInstanceOf(CorruptContentException.class)
                .hasMessageContaining(hash.value());
        assertThat(store.find(hash)).isEmpty();
        assertThat(store.corruptFound()).isEqualTo(1);
        try (Stream<Path> setAside = Files.list(directory.resolve("corrupt"))) {
            assertThat(setAside).hasSize(1);
        }
    }

    @Test
    void aCorruptCidAddressedItemIsFoundToo() throws IOException {
        ItemHash hash = store.put(TestContent.pattern(600_000), ItemType.IPFS, 1_000_000);
        byte[] bytes = Files.readAllBytes(store.pathOf(hash));
        bytes[300_000] ^= 1;
        Files.write(store.pathOf(hash), bytes);

        assertThatThrownBy(() -> store.find(hash)).isInstanceOf(CorruptContentException.class);
    }

    @Test
    void bytesAnnouncedUnderAnotherAddressAreRefusedAndNothingIsKept() throws IOException {
        ItemHash announced = ItemHash.of("a".repeat(64));

        assertThatThrownBy(() -> store.putExpecting(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100, announced))
                .isInstanceOf(io.aleph4j.api.content.ContentMismatchException.class)
                .hasMessageContaining("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertThat(items()).isEmpty();
        assertThat(store.putExpecting(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100,
                ItemHash.of("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"))).isNotNull();
    }

    @Test
    void aDeleteSkipsAnItemWrittenSinceTheCollectorLookedAtIt() throws IOException {
        ItemHash hash = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);
        java.time.Instant listedAt = java.time.Instant.now().minusSeconds(60);

        assertThat(store.delete(hash, listedAt)).as("written after the collector's view").isFalse();
        assertThat(store.exists(hash)).isTrue();
    }

    @Test
    void theSameBytesStoredTwiceAreOneItem() throws IOException {
        ItemHash first = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);
        ItemHash second = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);

        assertThat(second).isEqualTo(first);
        assertThat(items()).extracting(StoredItem::hash).containsExactly(first);
    }

    @Test
    void itemsAreListedWithTheirSizeAndDeletedOnRequest() throws IOException {
        ItemHash a = store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100);
        ItemHash b = store.put(TestContent.pattern(1_000), ItemType.IPFS, 10_000);

        assertThat(items()).extracting(StoredItem::hash, StoredItem::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a, 11L),
                        org.assertj.core.groups.Tuple.tuple(b, 1_000L));
        assertThat(store.delete(a, java.time.Instant.now().plusSeconds(1))).isTrue();
        assertThat(store.delete(a, java.time.Instant.now().plusSeconds(1))).isFalse();
        assertThat(items()).extracting(StoredItem::hash).containsExactly(b);
    }

    /** Run with a 64 MiB heap (this module's surefire setting): the item cannot be held in memory. */
    @Test
    void aFileOf200MegabytesIsStoredAndReadBackStreamed() throws Exception {
        long size = 200L * 1024 * 1024;
        ItemHash hash = store.put(TestContent.pattern(size), ItemType.IPFS, size);

        StoredContent found = store.find(hash).orElseThrow();
        assertThat(found.size()).isEqualTo(size);
        try (InputStream stored = found.open(0); InputStream expected = TestContent.pattern(size)) {
            assertThat(TestContent.sha256Hex(stored)).isEqualTo(TestContent.sha256Hex(expected));
        }
        assertThat(Runtime.getRuntime().maxMemory()).isLessThan(size / 2);
    }

    private List<StoredItem> items() throws IOException {
        List<StoredItem> items = new ArrayList<>();
        store.visitItems(items::add);
        return items;
    }
}
