package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.message.ItemHash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pins that failed and are still owed, kept in a small file so that a restart tries them again: the events
 * queue that announced them has moved on by then. One line per STORE message, {@code <item hash> <first failure,
 * ISO-8601>}; the file is replaced whole (written, forced, renamed) whenever the set changes, which happens only
 * while a store is failing.
 */
final class PinsOwed {

    private static final Logger LOG = LoggerFactory.getLogger(PinsOwed.class);

    private final Path file;

    PinsOwed(Path file) {
        this.file = file;
    }

    /** The owed pins by STORE message, oldest failure first; a line that does not parse is skipped and logged. */
    Map<ItemHash, Instant> load() throws IOException {
        Map<ItemHash, Instant> owed = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return owed;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" ");
            try {
                owed.put(ItemHash.of(fields[0]), Instant.parse(fields[1]));
            } catch (RuntimeException e) {
                LOG.warn("skipping an unreadable line of {}: '{}'", file, line);
            }
        }
        return owed;
    }

    /** Replaces the file with {@code owed}; no file at all when nothing is owed. */
    void save(Map<ItemHash, Instant> owed) throws IOException {
        if (owed.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder text = new StringBuilder();
        owed.forEach((storeMessage, firstFailed) -> text.append(storeMessage.value()).append(' ')
                .append(firstFailed).append('\n'));
        Files.createDirectories(file.getParent());
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.UTF_8.encode(text.toString()));
            channel.force(true);
        }
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
