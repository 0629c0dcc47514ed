package io.aleph4j.plugins.storage.fs;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.api.storage.ContentTooLargeException;
import io.aleph4j.api.storage.CorruptContentException;
import io.aleph4j.api.storage.StoredContent;
import io.aleph4j.api.storage.StoredItem;
import io.aleph4j.plugins.support.ipfs.ContentAddresser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Content-addressed files under one directory: {@code blobs/<xy>/<address>}, {@code xy} being the address's last two
 * characters (lower-cased), so that no directory grows past a few thousand entries per million items.
 *
 * <p>A put streams into {@code tmp/} while computing the address, forces the file to disk, then renames it into
 * place and forces the directory: a reader sees a whole item or none, also after a crash. Every read first
 * recomputes the address from the file; a mismatch moves the file to {@code corrupt/}, is logged and counted, and
 * throws {@link CorruptContentException}: corrupt bytes are never served. Items carry their last write time (a new
 * put of the same bytes, or an unpin, renews it), which is what the kernel's grace period counts from.
 */
public final class FsContentStore implements ContentStore {

    private static final System.Logger LOG = System.getLogger(FsContentStore.class.getName());
    private static final int BUFFER = 256 * 1024;

    private final Path blobs;
    private final Path temporary;
    private final Path corrupt;
    private final Clock clock;
    private final AtomicLong corruptFound = new AtomicLong();

    public FsContentStore(Path directory, Clock clock) throws IOException {
        this.blobs = Files.createDirectories(directory.resolve("blobs"));
        this.temporary = Files.createDirectories(directory.resolve("tmp"));
        this.corrupt = Files.createDirectories(directory.resolve("corrupt"));
        this.clock = clock;
        clearTemporary();
    }

    @Override
    public String extensionName() {
        return "storage-fs";
    }

    @Override
    public ItemHash put(InputStream content, ItemType addressing, long maxBytes) throws IOException {
        ContentAddresser addresser = ContentAddresser.forNew(addressing);
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
            Path target = pathOf(address);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                // Same address, same bytes (the address is their hash): keep the one there and renew it.
                Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
            } else {
                try {
                    Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
                    placed = true;
                } catch (FileAlreadyExistsException raced) {
                    Files.setLastModifiedTime(target, FileTime.from(clock.instant()));
                }
                forceDirectory(target.getParent());
            }
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
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        check(hash, path);
        return Optional.of(new FileContent(hash, path, size));
    }

    @Override
    public Optional<Long> size(ItemHash hash) throws IOException {
        try {
            return Optional.of(Files.size(pathOf(hash)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(ItemHash hash) {
        return Files.isRegularFile(pathOf(hash));
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
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(blobs)) {
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
    public boolean delete(ItemHash hash) throws IOException {
        return Files.deleteIfExists(pathOf(hash));
    }

    /** How many corrupt items reads have found since start. */
    public long corruptFound() {
        return corruptFound.get();
    }

    Path pathOf(ItemHash hash) {
        String address = hash.value();
        return blobs.resolve(address.substring(address.length() - 2).toLowerCase(Locale.ROOT)).resolve(address);
    }

    private void check(ItemHash hash, Path path) throws IOException {
        ContentAddresser addresser = ContentAddresser.forChecking(hash);
        try (InputStream in = Files.newInputStream(path)) {
            in.transferTo(addresser);
        }
        ItemHash actual = addresser.address();
        if (!actual.equals(hash)) {
            corruptFound.incrementAndGet();
            Path setAside = corrupt.resolve(hash.value() + "." + clock.millis());
            Files.move(path, setAside, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(System.Logger.Level.ERROR, "stored content {0} is corrupt (its bytes hash to {1}); moved to {2}"
                    + " and not served", hash, actual, setAside);
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
            channel.position(offset);
            return Channels.newInputStream(channel);
        }
    }
}
