package io.aleph4j.kernel.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The message log's directory, held by one process at a time: a second node (or a replay) on the same data
 * directory is refused by name, not left to append to the same queues and commit to the same state. The lock is
 * the operating system's, so a killed process leaves none behind; it also lets the log repair what a killed writer
 * left ({@link TornCycleFiles}), knowing that no live one is writing.
 */
final class LogLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private LogLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LogLock acquire(Path logDirectory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(logDirectory);
            channel = FileChannel.open(logDirectory.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("the message log at " + logDirectory + " is in use by another node "
                        + "(or replay): stop the one that uses this data directory first");
            }
            return new LogLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the message log at " + logDirectory, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing with the reason that matters.
            }
        }
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
