package io.aleph4j.plugins.content.ipfs;

import io.aleph4j.api.NodeContext;
import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.content.ImportedDag;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.content.StoredItem;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.plugins.support.ipfs.CarHeader;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Content on an IPFS node, addressed by CID only. Adds and {@link #pin} (which may make the node fetch) pin the
 * CID. The pins this store made are journaled under its directory ({@code pins/<cid>}: the file size, written
 * at pin time), so that the kernel's collector can see them ({@link #visitItems}) and drop the ones no processed
 * message references any more ({@link #delete} = {@code pin rm}; the IPFS node's own GC then frees the blocks).
 * Pins made on the node by anyone else are never touched. CAR archives are imported ({@code dag import}) and their
 * root pinned and journaled as an added file is.
 *
 * <p>Reads are checked by the IPFS node itself, which verifies every block against its hash before serving it.
 */
public final class IpfsContentStore implements ContentStore {

    private static final System.Logger LOG = System.getLogger(IpfsContentStore.class.getName());

    private final IpfsRpcClient ipfs;
    private final Path pins;
    private final Clock clock;

    /**
     * The store the node builds, with its pin journal in the plugin's data directory. Says whether the IPFS node
     * answers; a node down at start is not fatal (it may come up later).
     */
    @Inject
    IpfsContentStore(IpfsRpcClient ipfs, NodeContext context) throws IOException {
        this(ipfs, context.dataDirectory(), context.clock());
        try {
            LOG.log(System.Logger.Level.INFO, "IPFS node at {0} answers, version {1}", ipfs.api(), ipfs.version());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the IPFS node at {0} does not answer ({1}); its content counts as "
                    + "unavailable until it does", ipfs.api(), e.getMessage());
        }
    }

    IpfsContentStore(IpfsRpcClient ipfs, Path directory, Clock clock) throws IOException {
        this.ipfs = ipfs;
        this.pins = Files.createDirectories(directory.resolve("pins"));
        this.clock = clock;
    }

    @Override
    public String extensionName() {
        return "content-ipfs";
    }

    @Override
    public boolean accepts(ItemType addressing) {
        return addressing == ItemType.IPFS;
    }

    @Override
    public ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException {
        if (addressing != ItemType.IPFS) {
            throw new IOException("an IPFS node addresses content by CID; " + addressing.wireName()
                    + " items belong in a local store");
        }
        IpfsRpcClient.Added added = ipfs.add(content, maxBytes);
        ItemHash cid = ItemHash.of(added.cid());
        pinAndJournal(cid, added.size());
        return cid;
    }

    @Override
    public boolean importsCars() {
        return true;
    }

    /**
     * Reads the root the archive's header declares as the bytes pass (before any reaches the IPFS node: another
     * root is refused with nothing imported), imports the blocks unpinned, then pins and journals the root as
     * {@link #put} does an added file; the size is the DAG's cumulative size ({@code files/stat}'s
     * {@code CumulativeSize}: every block the root links, as the reference answers it). Blocks of an
     * archive refused part-way stay unpinned, for the IPFS node's GC.
     */
    @Override
    public ImportedDag importCar(InputStream car, long maxBytes, ItemHash expectedRoot) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(car, 64 * 1024);
        buffered.mark(CarHeader.MAX_HEADER_BYTES + 16);
        String root = CarHeader.readRoot(buffered);
        if (!root.equals(expectedRoot.value())) {
            ItemHash actual;
            try {
                actual = ItemHash.of(root);
            } catch (IllegalArgumentException e) {
                throw new IOException("the CAR archive's root " + root + " is not " + expectedRoot
                        + " (nor any CID an item can have)", e);
            }
            throw new ContentMismatchException(expectedRoot, actual);
        }
        buffered.reset();
        ipfs.dagImport(buffered, maxBytes);
        long size = ipfs.stat(root).map(IpfsRpcClient.Stat::cumulativeSize).orElseThrow(() -> new IOException(
                "the IPFS node does not find " + root + " after importing the CAR archive: it lacks the root's blocks"));
        pinAndJournal(expectedRoot, size);
        return new ImportedDag(expectedRoot, size);
    }

    @Override
    public Optional<StoredContent> find(ItemHash hash) throws IOException {
        if (hash.isSha256()) {
            return Optional.empty();
        }
        Optional<Long> size = ipfs.fileSize(hash.value());
        if (size.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IpfsContent(hash, size.get()));
    }

    /**
     * A file's size; a directory's cumulative size (every block it links), as the reference counts one: a STORE of a
     * directory (an imported CAR archive, typically) is held, though only files are read ({@link #find}).
     */
    @Override
    public Optional<Long> size(ItemHash hash) throws IOException {
        return hash.isSha256() ? Optional.empty() : ipfs.stat(hash.value())
                .map(stat -> stat.isFile() ? stat.size() : stat.cumulativeSize());
    }

    @Override
    public boolean exists(ItemHash hash) throws IOException {
        return !hash.isSha256() && ipfs.stat(hash.value()).isPresent();
    }

    @Override
    public void pin(ItemHash hash, String owner) throws IOException {
        if (hash.isSha256()) {
            return;
        }
        pinAndJournal(hash, size(hash).orElse(0L));
    }

    /** Restarts the pin's grace period: the collector drops it only once that has passed again. */
    @Override
    public void unpin(ItemHash hash, String owner) throws IOException {
        try {
            Files.setLastModifiedTime(pins.resolve(hash.value()), FileTime.from(clock.instant()));
        } catch (NoSuchFileException e) {
            // Not a pin of ours.
        }
    }

    @Override
    public void visitItems(ItemVisitor visitor) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(pins)) {
            for (Path entry : entries) {
                Optional<StoredItem> item = item(entry);
                if (item.isPresent() && !visitor.visit(item.get())) {
                    return;
                }
            }
        }
    }

    /** Unpins a CID this store pinned, unless it was pinned again since; the node's GC frees its blocks. */
    @Override
    public synchronized boolean delete(ItemHash hash, Instant writtenBefore) throws IOException {
        Path entry = pins.resolve(hash.value());
        try {
            if (!Files.getLastModifiedTime(entry).toInstant().isBefore(writtenBefore)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        ipfs.pinRm(hash.value());
        return Files.deleteIfExists(entry);
    }

    /**
     * Pins and journals a CID, under the same lock as {@link #delete}, so that a collector deciding on an older
     * view cannot unpin it right after. A CID someone else pinned on the node stays theirs: not journaled, never
     * unpinned by this store.
     */
    private synchronized void pinAndJournal(ItemHash cid, long size) throws IOException {
        Path entry = pins.resolve(cid.value());
        if (!Files.exists(entry) && ipfs.isPinned(cid.value())) {
            return;
        }
        ipfs.pinAdd(cid.value());
        journal(cid, size);
    }

    private void journal(ItemHash cid, long size) throws IOException {
        Path entry = pins.resolve(cid.value());
        Files.writeString(entry, Long.toString(size), StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(entry, FileTime.from(clock.instant()));
    }

    private static Optional<StoredItem> item(Path entry) throws IOException {
        try {
            ItemHash cid = ItemHash.of(entry.getFileName().toString());
            long size = Long.parseLong(Files.readString(entry, StandardCharsets.US_ASCII).strip());
            return Optional.of(new StoredItem(cid, size, Files.getLastModifiedTime(entry).toInstant()));
        } catch (IllegalArgumentException | NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private final class IpfsContent implements StoredContent {

        private final ItemHash hash;
        private final long size;

        IpfsContent(ItemHash hash, long size) {
            this.hash = hash;
            this.size = size;
        }

        @Override
        public ItemHash hash() {
            return hash;
        }

        @Override
        public long size() {
            return size;
        }

        /** The node's stream, checked for length: a {@code cat} cut short mid-way must not pass for the file. */
        @Override
        public InputStream open(long offset) throws IOException {
            return new ExactLength(ipfs.cat(hash.value(), offset), size - offset, hash);
        }
    }

    /** Fails at an early end instead of reporting it as the end of the content. */
    private static final class ExactLength extends java.io.FilterInputStream {

        private final ItemHash hash;
        private long remaining;

        ExactLength(InputStream in, long length, ItemHash hash) {
            super(in);
            this.remaining = length;
            this.hash = hash;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read < 0) {
                if (remaining > 0) {
                    throw new IOException("the IPFS node's stream of " + hash + " ended " + remaining
                            + " bytes early");
                }
                return -1;
            }
            remaining -= read;
            return read;
        }
    }
}
