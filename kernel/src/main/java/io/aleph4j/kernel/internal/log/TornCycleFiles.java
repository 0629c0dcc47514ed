package io.aleph4j.kernel.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets aside the cycle files of a Chronicle queue whose own header was never completed, before the queue is opened.
 *
 * <p>Chronicle starts a cycle file (one a day) when the cycle's first entry is appended: it marks the file's header
 * not complete, writes the queue's metadata, then completes the header. A process killed in between leaves a file
 * that holds no entry, and Chronicle then has every reader wait 10 s for that header at each look (opening the
 * queue, finding its end: 11 s and 22 s measured), and a tailer opened on it never sees the entries an appender
 * writes once it has replaced the file, so the pipeline would never process messages acknowledged after such a
 * crash. The node holds the log's lock ({@link LogLock}) while the queue is open, so no live writer can be in the
 * middle of such a header when the log opens: the file is renamed {@code <name>.torn} (kept for an operator) and
 * Chronicle starts the cycle afresh.
 */
final class TornCycleFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TornCycleFiles.class);
    /** Chronicle's header bit of a document (here, the file's own header) still being written. */
    private static final int NOT_COMPLETE = 0x8000_0000;

    private TornCycleFiles() {
    }

    /**
     * Renames each cycle file of the queue at {@code directory} whose first header is not complete.
     *
     * @return the files set aside, under their new names
     */
    static List<Path> setAside(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> setAside = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".cq4")).sorted().toList()) {
                if (isTorn(file)) {
                    Path aside = file.resolveSibling(file.getFileName() + ".torn");
                    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                    LOG.warn("log cycle file {} has an incomplete header: its writer was killed while starting it, "
                            + "before any entry was written in it; set aside as {}", file, aside.getFileName());
                    setAside.add(aside);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the log cycle files in " + directory, e);
        }
        return List.copyOf(setAside);
    }

    /** A file too short for a header, a header never begun (0), or one begun and not completed. */
    private static boolean isTorn(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // Reads until the four bytes are in, or the file ends.
            }
            if (header.hasRemaining()) {
                return true;
            }
            int first = header.flip().getInt();
            return first == 0 || (first & NOT_COMPLETE) != 0;
        }
    }
}
