package io.aleph4j.plugins.content.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.ImportedDag;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.content.StoredItem;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.testkit.TestContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real IPFS node on loopback (the js-ipfs daemon; see {@link IpfsTestNode}). */
class IpfsContentStoreIT {

    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path repository;
    private static IpfsTestNode ipfs;

    @TempDir
    Path directory;
    private IpfsRpcClient client;
    private IpfsContentStore store;

    @BeforeAll
    static void startIpfs() throws Exception {
        ipfs = IpfsTestNode.start(repository);
    }

    @AfterAll
    static void stopIpfs() throws Exception {
        if (ipfs != null) {
            ipfs.close();
        }
    }

    @BeforeEach
    void openStore() throws IOException {
        client = new IpfsRpcClient(ipfs.api(), Duration.ofSeconds(5), 2);
        store = new IpfsContentStore(client, directory, Clock.systemUTC());
    }

    @Test
    void anAddedFileGetsTheCidKuboGivesItAndReadsBackWholeAndFromAnOffset() throws IOException {
        ItemHash cid = store.put(new ByteArrayInputStream(HELLO), ItemType.IPFS, 100);

        assertThat(cid.value()).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(store.exists(cid)).isTrue();
        StoredContent found = store.find(cid).orElseThrow();
        assertThat(found.size()).isEqualTo(11);
        try (InputStream whole = found.open(0); InputStream tail = found.open(6)) {
            assertThat(whole.readAllBytes()).isEqualTo(HELLO);
            assertThat(new String(tail.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("world");
        }
    }

    @Test
    void aMultiChunkFileRoundTrips() throws IOException {
        byte[] bytes = TestContent.patternBytes(1_000_000);
        ItemHash cid = store.put(new ByteArrayInputStream(bytes), ItemType.IPFS, 2_000_000);

        assertThat(cid.value()).isEqualTo("QmNRNohXUXM37EGaUkjhiyVh8awvTLLnh6hebFj6ydQUa7");
        try (InputStream in = store.find(cid).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    /**
     * The CIDs this project computes (plugins/support's UnixFsImporter, which content-fs uses) are the ones the IPFS
     * node computes for the same bytes, CIDv0 and CIDv1, across the one-chunk, two-chunk and two-level shapes.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} bytes")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 11, 262_144, 262_145, 45_613_057})
    void theIpfsNodeComputesTheCidsThisProjectComputes(int size) throws Exception {
        byte[] bytes = TestContent.patternBytes(size);
        for (String version : List.of("0", "1")) {
            java.net.http.HttpResponse<String> added = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(ipfs.api() + "/add?only-hash=true&cid-version="
                                    + version + (version.equals("1") ? "&cid-base=base32" : "")))
                            .header("Content-Type", "multipart/form-data; boundary=b")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(multipart(bytes))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            String nodeCid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(added.body().strip()
                    .lines().reduce((first, second) -> second).orElseThrow()).path("Hash").asText();
            io.aleph4j.plugins.support.ipfs.UnixFsImporter.Layout layout = version.equals("0")
                    ? io.aleph4j.plugins.support.ipfs.UnixFsImporter.Layout.CID_V0
                    : io.aleph4j.plugins.support.ipfs.UnixFsImporter.Layout.CID_V1;
            assertThat(io.aleph4j.plugins.support.ipfs.UnixFsImporter.cidOf(bytes, layout).toString())
                    .as("CIDv%s of %d bytes", version, size).isEqualTo(nodeCid);
        }
    }

    private static byte[] multipart(byte[] file) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    @Test
    void aCidTheNodeCannotFindIsAbsentAfterTheTimeoutNotAHang() throws IOException {
        ItemHash unknown = ItemHash.of("QmRnrKJHGFb4DjD79536v3M8a7Nv6bdkcP1Ne5mP6SKztp");
        IpfsContentStore quick = new IpfsContentStore(new IpfsRpcClient(ipfs.api(), Duration.ofMillis(500), 0),
                directory, Clock.systemUTC());

        assertThat(quick.find(unknown)).isEmpty();
        assertThat(quick.exists(unknown)).isFalse();
        assertThat(store.find(ItemHash.of("a".repeat(64)))).as("sha256 items are not IPFS's").isEmpty();
    }

    @Test
    void onlyIpfsItemsAreTakenAndOversizeOnesAreRefused() {
        assertThat(store.accepts(ItemType.IPFS)).isTrue();
        assertThat(store.accepts(ItemType.STORAGE)).isFalse();
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(HELLO), ItemType.STORAGE, 100))
                .isInstanceOf(IOException.class).hasMessageContaining("CID");
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[5_000]), ItemType.IPFS, 4_000))
                .isInstanceOf(ContentTooLargeException.class);
    }

    @Test
    void pinsThisStoreMadeAreListedAndDeletingOneUnpinsItOnTheNode() throws Exception {
        ItemHash cid = store.put(new ByteArrayInputStream("pinned here".getBytes(StandardCharsets.US_ASCII)),
                ItemType.IPFS, 100);
        assertThat(items()).extracting(StoredItem::hash, StoredItem::size)
                .contains(org.assertj.core.groups.Tuple.tuple(cid, 11L));
        assertThat(pinnedOnNode(cid)).isTrue();

        assertThat(store.delete(cid, java.time.Instant.now().plusSeconds(1))).isTrue();

        assertThat(pinnedOnNode(cid)).isFalse();
        assertThat(items()).extracting(StoredItem::hash).doesNotContain(cid);
        assertThat(store.delete(cid, java.time.Instant.now().plusSeconds(1))).as("not a pin of ours any more")
                .isFalse();
    }

    @Test
    void pinningACidTheNodeHasJournalsIt() throws Exception {
        ItemHash cid = store.put(new ByteArrayInputStream("pin me".getBytes(StandardCharsets.US_ASCII)),
                ItemType.IPFS, 100);
        store.delete(cid, java.time.Instant.now().plusSeconds(1));

        store.pin(cid, "a STORE message");

        assertThat(pinnedOnNode(cid)).isTrue();
        assertThat(items()).extracting(StoredItem::hash).contains(cid);
    }

    @Test
    void aCarArchiveImportsWithItsRootPinnedJournaledAndServedBack() throws Exception {
        byte[] block = "a block in a CAR archive".getBytes(StandardCharsets.US_ASCII);
        TestCar car = TestCar.ofRawBlock(block);
        assertThat(car.root()).startsWith("bafkrei");
        ItemHash root = ItemHash.of(car.root());

        assertThat(store.importsCars()).isTrue();
        ImportedDag imported = store.importCar(new ByteArrayInputStream(car.bytes()), car.bytes().length, root);

        assertThat(imported).isEqualTo(new ImportedDag(root, block.length));
        assertThat(pinnedOnNode(root)).isTrue();
        assertThat(items()).extracting(StoredItem::hash, StoredItem::size)
                .contains(org.assertj.core.groups.Tuple.tuple(root, (long) block.length));
        try (InputStream in = store.find(root).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(block);
        }
        assertThat(store.delete(root, java.time.Instant.now().plusSeconds(1))).as("unpinned as a put item is")
                .isTrue();
        assertThat(pinnedOnNode(root)).isFalse();
    }

    @Test
    void aDirectoryArchiveIsHeldWithItsCumulativeSize() throws Exception {
        TestCar car = TestCar.ofDirectory("note.txt", "in a directory".getBytes(StandardCharsets.US_ASCII));
        assertThat(car.root()).startsWith("bafybei");
        ItemHash root = ItemHash.of(car.root());

        ImportedDag imported = store.importCar(new ByteArrayInputStream(car.bytes()), 10_000, root);

        assertThat(imported.size()).isEqualTo(car.cumulativeSize());
        assertThat(pinnedOnNode(root)).isTrue();
        assertThat(store.exists(root)).as("a directory is held, so that its STORE is processed").isTrue();
        assertThat(store.size(root)).contains(car.cumulativeSize());
        assertThat(store.find(root)).as("only files are read").isEmpty();
    }

    @Test
    void anArchiveOfAnotherRootIsRefusedBeforeAnythingIsImported() throws Exception {
        byte[] block = "declared under another root".getBytes(StandardCharsets.US_ASCII);
        TestCar car = TestCar.ofRawBlock(block);
        ItemHash expected = ItemHash.of(TestCar.ofRawBlock("other bytes".getBytes(StandardCharsets.US_ASCII)).root());

        assertThatThrownBy(() -> store.importCar(new ByteArrayInputStream(car.bytes()), 10_000, expected))
                .isInstanceOfSatisfying(ContentMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(expected);
                    assertThat(e.actual()).isEqualTo(ItemHash.of(car.root()));
                });
        assertThat(pinnedOnNode(ItemHash.of(car.root()))).isFalse();
        assertThat(items()).isEmpty();
        IpfsContentStore quick = new IpfsContentStore(new IpfsRpcClient(ipfs.api(), Duration.ofMillis(500), 0),
                directory, Clock.systemUTC());
        assertThat(quick.exists(ItemHash.of(car.root()))).as("its block was never sent").isFalse();
    }

    @Test
    void anOversizeArchiveIsCutOffAndNothingPinned() throws Exception {
        TestCar car = TestCar.ofRawBlock(new byte[5_000]);
        ItemHash root = ItemHash.of(car.root());

        assertThatThrownBy(() -> store.importCar(new ByteArrayInputStream(car.bytes()), 4_000, root))
                .isInstanceOf(ContentTooLargeException.class);
        assertThat(pinnedOnNode(root)).isFalse();
        assertThat(items()).isEmpty();
    }

    @Test
    void anArchiveWithoutItsRootsBlocksIsRefusedAndNothingPinned() throws Exception {
        io.aleph4j.plugins.support.ipfs.Cid missing = io.aleph4j.plugins.support.ipfs.Cid.v1(
                io.aleph4j.plugins.support.ipfs.Cid.RAW, new byte[32]);
        TestCar car = TestCar.ofRawBlockDeclaring(missing, "not the root".getBytes(StandardCharsets.US_ASCII));
        IpfsContentStore quick = new IpfsContentStore(new IpfsRpcClient(ipfs.api(), Duration.ofMillis(500), 0),
                directory, Clock.systemUTC());

        assertThatThrownBy(() -> quick.importCar(new ByteArrayInputStream(car.bytes()), 10_000,
                ItemHash.of(car.root()))).isInstanceOf(IOException.class).hasMessageContaining("lacks the root");
        assertThat(items()).isEmpty();
    }

    @Test
    void aNodeThatDoesNotAnswerFailsWithAClearErrorAfterItsRetries() {
        IpfsRpcClient nowhere = new IpfsRpcClient(URI.create("http://127.0.0.1:9/api/v0"), Duration.ofSeconds(1), 2);

        assertThatThrownBy(nowhere::version).isInstanceOf(IOException.class)
                .hasMessageContaining("failed version 3 times");
    }

    private List<StoredItem> items() throws IOException {
        List<StoredItem> items = new ArrayList<>();
        store.visitItems(items::add);
        return items;
    }

    private boolean pinnedOnNode(ItemHash cid) throws Exception {
        java.net.http.HttpResponse<String> pins = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(ipfs.api() + "/pin/ls?type=recursive&arg=" + cid
                                + (cid.value().startsWith("b") ? "&cid-base=base32" : "")))
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(pins.body()).path("Keys").has(cid.value());
    }
}
