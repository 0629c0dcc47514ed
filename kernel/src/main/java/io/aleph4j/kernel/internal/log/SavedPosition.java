package io.aleph4j.kernel.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A subscriber's durable position: the index of the last entry its listener handled, in an 8-byte memory-mapped
 * file. A write is a plain store into the page cache, so saving after every entry is cheap, and it survives
 * the process dying (the kernel writes it back).
 */
final class SavedPosition implements AutoCloseable {

    static final long NONE = -1;

    private final FileChannel channel;
    private final ByteBuffer buffer;

    /** A position kept only in memory, for a subscriber that keeps its own (the pipeline: in the state store). */
    static SavedPosition inMemory(long after) {
        return new SavedPosition(after);
    }

    private SavedPosition(long after) {
        channel = null;
        buffer = ByteBuffer.allocate(Long.BYTES);
        buffer.putLong(0, after);
    }

    SavedPosition(Path file) {
        try {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES);
            if (created) {
                buffer.putLong(0, NONE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open subscriber position file " + file, e);
        }
    }

    long get() {
        return buffer.getLong(0);
    }

    void set(long index) {
        buffer.putLong(0, index);
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            ((MappedByteBuffer) buffer).force();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
