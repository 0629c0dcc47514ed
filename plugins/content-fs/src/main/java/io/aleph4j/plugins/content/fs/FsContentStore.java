package io.aleph4j.plugins.content.fs;

import io.aleph4j.api.content.ContentMismatchException;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.content.ContentTooLargeException;
import io.aleph4j.api.content.CorruptContentException;
import io.aleph4j.api.content.StoredContent;
import io.aleph4j.api.content.StoredItem;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.plugins.support.ipfs.ContentAddresser;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Content-addressed files under one directory: {@code blobs/<xy>/<address>}, {@code xy} being the address's last two
 * characters (lower-cased), so that no directory grows past a few thousand entries per million items.
 *
 * <p>A put streams into {@code tmp/} while computing the address, forces the file to disk, then renames it into
 * place and forces the directory: a reader sees a whole item or none, also after a crash. A put announced with an
 * address ({@link #putExpecting}) keeps nothing when the bytes hash otherwise.
 *
 * <p>Reads recompute the address from the file before serving it; a mismatch moves the file to {@code corrupt/},
 * is logged and counted, and throws {@link CorruptContentException}: corrupt bytes are never served. A check holds
 * for {@link #RECHECK_AFTER} while the file's size and modification time stay the same, so that the range requests
 * of one download (a video being sought through) do not re-hash the whole file each time.
 *
 * <p>Items carry their last write time (a new put of the same bytes, or an unpin, renews it), which is what the
 * kernel's grace period counts from; a delete skips an item written since the collector looked at it.
 */
public final class FsContentStore implements ContentStore {

    static final Duration RECHECK_AFTER = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(FsContentStore.class.getName());
    private static final int BUFFER = 256 * 1024;

    /** A successful check of one version of a file. */
    private record Checked(long size, FileTime modified, long atNanos) {
    }

    private final Path blobs;
    private final Path temporary;
    private final Path corrupt;
    private final Clock clock;
    private final AtomicLong corruptFound = new AtomicLong();
    private final Map<ItemHash, Checked> checked = new ConcurrentHashMap<>();

    /** The store the node builds: in the configured directory, on the node's clock. */
    @Inject
    FsContentStore(FsConfig config, Clock clock) throws IOException {
        this(config.directory(), clock);
    }

    public FsContentStore(Path directory, Clock clock) throws IOException {
        this.blobs = Files.createDirectories(directory.resolve("blobs"));
        this.temporary = Files.createDirectories(directory.resolve("tmp"));
        this.corrupt = Files.createDirectories(directory.resolve("corrupt"));
        this.clock = clock;
        clearTemporary();
    }

    @Override
    public String extensionName() {
        return "content-fs";
    }

    @Override
    public ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException {
        return store(content, addressing, maxBytes, null);
    }

    @Override
    public ItemHash putExpecting(InputStream content, ItemType addressing, long maxBytes, ItemHash expected)
            throws IOException {
        return store(content, addressing, maxBytes, expected);
    }

    private ItemHash store(InputStream content, ItemType addressing, long maxBytes, ItemHash expected)
            throws IOException {
        // Bytes announced under an address are hashed the way that address was made (a CIDv1 too); new bytes the
        // way this node addresses new content.
        ContentAddresser addresser = expected != null ? ContentAddresser.forChecking(expected)
                : ContentAddresser.forNew(addressing);
        Path written = Files.createTempFile(temporary, "put-", ".part");
        boolean placed = false;
        try {
            try (FileChannel out = FileChannel.open(written, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                long total = 0;
                int read;
                while ((read = content.readNBytes(buffer, 0, buffer.length)) > 0) {
                    total += read;
                    if (total > maxBytes) {
                        throw new ContentTooLargeException(maxBytes);
                    }
                    addresser.write(buffer, 0, read);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                }
                out.force(true);
            }
            ItemHash address = addresser.address();
            if (expected != null && !address.equals(expected)) {
                throw new ContentMismatchException(expected, address);
            }
            Path target = pathOf(address);
            Files.createDirectories(target.getParent());
            // Written on the node's clock, like an unpin's renewal: the collector's grace periods are on it too.
            Files.setLastModifiedTime(written, FileTime.from(clock.instant()));
            // The rename replaces an item already there: same address, same bytes, and this copy is fresh.
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            placed = true;
            forceDirectory(target.getParent());
            return address;
        } finally {
            if (!placed) {
                Files.deleteIfExists(written);
            }
        }
    }

    @Override
    public Optional<StoredContent> find(ItemHash hash) throws IOException {
        Path path = pathOf(hash);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            // e.g. a name too long for the file system: no such item here either.
            return Optional.empty();
        }
        if (!isNamedExactly(path, hash)) {
            return Optional.empty();
        }
        Checked last = checked.get(hash);
        if (last == null || last.size() != attributes.size() || !last.modified().equals(attributes.lastModifiedTime())
                || System.nanoTime() - last.atNanos() > RECHECK_AFTER.toNanos()) {
            check(hash, path);
            checked.put(hash, new Checked(attributes.size(), attributes.lastModifiedTime(), System.nanoTime()));
        }
        return Optional.of(new FileContent(hash, path, attributes.size()));
    }

    @Override
    public Optional<Long> size(ItemHash hash) throws IOException {
        Path path = pathOf(hash);
        try {
            return isNamedExactly(path, hash) ? Optional.of(Files.size(path)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(ItemHash hash) {
        try {
            return size(hash).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Renews the item's write time: with no pin left, the kernel's grace period starts again from now. */
    @Override
    public void unpin(ItemHash hash, String owner) throws IOException {
        try {
            Files.setLastModifiedTime(pathOf(hash), FileTime.from(clock.instant()));
        } catch (NoSuchFileException e) {
            // Nothing to keep.
        }
    }

    @Override
    public void visitItems(ItemVisitor visitor) throws IOException {
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(blobs, Files::isDirectory)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> items = Files.newDirectoryStream(shard)) {
                    for (Path item : items) {
                        Optional<StoredItem> stored = storedItem(item);
                        if (stored.isPresent() && !visitor.visit(stored.get())) {
                            return;
                        }
                    }
                }
            }
        }
    }

    @Override
    public synchronized boolean delete(ItemHash hash, Instant writtenBefore) throws IOException {
        Path path = pathOf(hash);
        try {
            if (!Files.getLastModifiedTime(path).toInstant().isBefore(writtenBefore)) {
                return false;
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        checked.remove(hash);
        return Files.deleteIfExists(path);
    }

    /** How many corrupt items reads have found since start. */
    public long corruptFound() {
        return corruptFound.get();
    }

    Path pathOf(ItemHash hash) {
        String address = hash.value();
        return blobs.resolve(address.substring(address.length() - 2).toLowerCase(Locale.ROOT)).resolve(address);
    }

    /**
     * Whether the file found is the item's own: on a case-insensitive file system a CIDv0 with a letter's case
     * flipped opens another item's file, which must be neither served nor taken for corrupt.
     */
    private static boolean isNamedExactly(Path path, ItemHash hash) throws IOException {
        return path.toRealPath().getFileName().toString().equals(hash.value());
    }

    private void check(ItemHash hash, Path path) throws IOException {
        ContentAddresser addresser = ContentAddresser.forChecking(hash);
        try (InputStream in = Files.newInputStream(path)) {
            in.transferTo(addresser);
        }
        ItemHash actual = addresser.address();
        if (!actual.equals(hash)) {
            corruptFound.incrementAndGet();
            Path setAside = corrupt.resolve(hash.value() + "." + clock.millis() + "." + System.nanoTime());
            try {
                Files.move(path, setAside);
                LOG.log(System.Logger.Level.ERROR, "stored content {0} is corrupt (its bytes hash to {1}); moved to "
                        + "{2} and not served", hash, actual, setAside);
            } catch (NoSuchFileException e) {
                // Another read set it aside first.
            }
            throw new CorruptContentException(hash, "its bytes now hash to " + actual);
        }
    }

    private static Optional<StoredItem> storedItem(Path item) throws IOException {
        ItemHash hash;
        try {
            hash = ItemHash.of(item.getFileName().toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(item, BasicFileAttributes.class);
            return Optional.of(new StoredItem(hash, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void clearTemporary() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(temporary)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not every platform opens directories; the rename itself is still atomic there.
            LOG.log(System.Logger.Level.DEBUG, "could not force directory " + directory, e);
        }
    }

    private record FileContent(ItemHash hash, Path path, long size) implements StoredContent {

        @Override
        public InputStream open(long offset) throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                channel.position(offset);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return Channels.newInputStream(channel);
        }
    }
}
