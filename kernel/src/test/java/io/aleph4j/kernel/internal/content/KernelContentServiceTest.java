package io.aleph4j.kernel.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentSource;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.CorruptContentException;
import io.aleph4j.api.content.NoContentStoreException;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The kernel's one content service: lookup order, fetch-on-miss from the sources into a local store that checks the
 * bytes, uploads into the first store that takes their addressing. Stores and sources are small hand-written fakes
 * (the kernel cannot load the content plugins; those run with it in the integration tests).
 */
final class KernelContentServiceTest {

    private static final byte[] FILE = "a file".getBytes(StandardCharsets.US_ASCII);
    private static final ItemHash HASH = ItemHash.sha256Of("a file");

    private final BytesStore local = new BytesStore("local");
    private final BytesStore second = new BytesStore("second");
    private final KernelContentService content = new KernelContentService(1_000);

    @Test
    void anItemIsServedByTheFirstStoreThatHoldsIt() throws IOException {
        second.items.put(HASH, FILE);
        content.attach(List.of(local, second), List.of());

        assertThat(read(content.find(HASH))).isEqualTo(FILE);
        assertThat(local.asked).containsExactly(HASH);
        assertThat(content.size(HASH)).contains((long) FILE.length);
    }

    @Test
    void anItemNoStoreHoldsIsFetchedFromASourceIntoTheFirstStoreThatTakesItsAddressing() throws IOException {
        Peer peer = new Peer("peer", Map.of(HASH, FILE));
        content.attach(List.of(local, second), List.of(source(peer)));

        assertThat(read(content.find(HASH))).isEqualTo(FILE);
        assertThat(local.items).containsKey(HASH);
        assertThat(second.items).isEmpty();
        assertThat(content.obtain(HASH)).as("held now: no second fetch").isTrue();
        assertThat(peer.opened.get()).isEqualTo(1);
    }

    @Test
    void bytesACandidateServesUnderAnotherHashAreNotKeptAndTheNextCandidateIsAsked() throws IOException {
        Peer liar = new Peer("liar", Map.of(HASH, "something else".getBytes(StandardCharsets.US_ASCII)));
        Peer broken = new Peer("broken", Map.of()) {
            @Override
            Optional<InputStream> open(ItemHash hash) throws IOException {
                throw new IOException("connection refused");
            }
        };
        Peer honest = new Peer("honest", Map.of(HASH, FILE));
        content.attach(List.of(local), List.of(source(liar, broken), source(honest)));

        assertThat(content.obtain(HASH)).isTrue();
        assertThat(local.items.get(HASH)).isEqualTo(FILE);
        assertThat(honest.opened.get()).isEqualTo(1);
    }

    @Test
    void anItemNeitherStoresNorSourcesHaveIsAbsentAndTheSourcesAreAskedOnlyThen() throws IOException {
        Peer peer = new Peer("peer", Map.of());
        local.items.put(HASH, FILE);
        content.attach(List.of(local), List.of(source(peer)));
        ItemHash missing = ItemHash.sha256Of("missing");

        assertThat(content.obtain(HASH)).isTrue();
        assertThat(peer.opened.get()).as("not asked for what a store holds").isZero();
        assertThat(content.find(missing)).isEmpty();
        assertThat(content.obtain(missing)).isFalse();
        assertThat(peer.opened.get()).isEqualTo(2);
    }

    @Test
    void aCorruptCopyIsReplacedFromASourceAndReportedWhenNoneHasASoundOne() throws IOException {
        local.corrupt.add(HASH);
        content.attach(List.of(local), List.of());
        assertThatThrownBy(() -> content.find(HASH)).isInstanceOf(CorruptContentException.class);

        content.attach(List.of(local), List.of(source(new Peer("peer", Map.of(HASH, FILE)))));
        assertThat(read(content.find(HASH))).isEqualTo(FILE);
    }

    @Test
    void anUploadGoesToTheFirstStoreThatTakesItsAddressingAndIsRefusedWhenNoneDoes() throws IOException {
        BytesStore cidOnly = new BytesStore("cid-only", ItemType.IPFS);
        content.attach(List.of(cidOnly, local), List.of());

        assertThat(content.put(new ByteArrayInputStream(FILE), ItemType.STORAGE, 100)).isEqualTo(HASH);
        assertThat(local.items).containsKey(HASH);
        assertThat(content.accepts(ItemType.STORAGE)).isTrue();
        content.attach(List.of(cidOnly), List.of());
        assertThat(content.accepts(ItemType.STORAGE)).isFalse();
        assertThatThrownBy(() -> content.put(new ByteArrayInputStream(FILE), ItemType.STORAGE, 100))
                .isInstanceOf(NoContentStoreException.class).hasMessageContaining("storage");
    }

    @Test
    void aFetchLargerThanTheLimitIsNotKept() throws IOException {
        byte[] big = new byte[2_000];
        ItemHash bigHash = ItemHash.ofSha256(sha256(big));
        content.attach(List.of(local), List.of(source(new Peer("peer", Map.of(bigHash, big)))));

        assertThat(content.obtain(bigHash)).isFalse();
        assertThat(local.items).isEmpty();
    }

    @Test
    void threadsAskingForTheSameMissingItemShareOneFetch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Peer slow = new Peer("slow", Map.of(HASH, FILE)) {
            @Override
            Optional<InputStream> open(ItemHash hash) throws IOException {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.open(hash);
            }
        };
        content.attach(List.of(local), List.of(source(slow)));
        FutureTask<Boolean> first = new FutureTask<>(() -> content.obtain(HASH));
        FutureTask<Boolean> second = new FutureTask<>(() -> content.obtain(HASH));
        Thread firstAsker = Thread.ofPlatform().start(first);
        while (slow.asked.get() == 0) {
            Thread.onSpinWait();
        }
        Thread secondAsker = Thread.ofPlatform().start(second);
        while (secondAsker.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.opened.get()).as("one transfer for both askers").isEqualTo(1);
        firstAsker.join();
        secondAsker.join();
    }

    private static byte[] read(Optional<StoredContent> found) throws IOException {
        try (InputStream in = found.orElseThrow().open(0)) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A source whose candidates are these peers, in order. */
    private static ContentSource source(Peer... peers) {
        return hash -> {
            List<ContentSource.Candidate> candidates = new ArrayList<>();
            for (Peer peer : peers) {
                peer.asked.incrementAndGet();
                candidates.add(new ContentSource.Candidate() {
                    @Override
                    public String description() {
                        return "peer " + peer.name;
                    }

                    @Override
                    public Optional<InputStream> open() throws IOException {
                        return peer.open(hash);
                    }
                });
            }
            return candidates;
        };
    }

    /** Another node, as a source sees it: the bytes it serves for each hash. */
    private static class Peer {
        final String name;
        final Map<ItemHash, byte[]> serves;
        final AtomicInteger asked = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();

        Peer(String name, Map<ItemHash, byte[]> serves) {
            this.name = name;
            this.serves = serves;
        }

        Optional<InputStream> open(ItemHash hash) throws IOException {
            opened.incrementAndGet();
            byte[] bytes = serves.get(hash);
            return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
        }
    }

    /** A store of sha256-addressed bytes in memory that checks what it is given, as content-fs does. */
    private static final class BytesStore implements ContentStore {
        final String name;
        final Set<ItemType> addressing;
        final Map<ItemHash, byte[]> items = new ConcurrentHashMap<>();
        final Set<ItemHash> corrupt = ConcurrentHashMap.newKeySet();
        final List<ItemHash> asked = new CopyOnWriteArrayList<>();

        BytesStore(String name) {
            this(name, ItemType.STORAGE);
        }

        BytesStore(String name, ItemType addressing) {
            this.name = name;
            this.addressing = Set.of(addressing);
        }

        @Override
        public String extensionName() {
            return name;
        }

        @Override
        public boolean accepts(ItemType type) {
            return addressing.contains(type);
        }

        @Override
        public ItemHash put(InputStream content, ItemType type, long maxBytes) throws IOException {
            byte[] bytes = content.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ContentTooLargeException(maxBytes);
            }
            ItemHash hash = ItemHash.ofSha256(sha256(bytes));
            items.put(hash, bytes);
            corrupt.remove(hash);
            return hash;
        }

        @Override
        public ItemHash putExpecting(InputStream content, ItemType type, long maxBytes, ItemHash expected)
                throws IOException {
            byte[] bytes = content.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new ContentTooLargeException(maxBytes);
            }
            ItemHash actual = ItemHash.ofSha256(sha256(bytes));
            if (!actual.equals(expected)) {
                throw new ContentMismatchException(expected, actual);
            }
            return put(new ByteArrayInputStream(bytes), type, maxBytes);
        }

        @Override
        public Optional<StoredContent> find(ItemHash hash) throws IOException {
            asked.add(hash);
            if (corrupt.contains(hash)) {
                throw new CorruptContentException(hash, "it no longer hashes to its address");
            }
            byte[] bytes = items.get(hash);
            if (bytes == null) {
                return Optional.empty();
            }
            return Optional.of(new StoredContent() {
                @Override
                public ItemHash hash() {
                    return hash;
                }

                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public InputStream open(long offset) {
                    return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
                }
            });
        }

        @Override
        public boolean exists(ItemHash hash) {
            return items.containsKey(hash);
        }
    }
}
