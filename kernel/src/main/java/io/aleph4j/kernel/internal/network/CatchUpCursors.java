package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The catch-up cursors of every peer, kept in one small JSON file in the data directory so that a restarted node
 * resumes where it stopped. Replaced atomically (written beside, then renamed), so a crash leaves the old or the
 * new file, never half of one.
 */
final class CatchUpCursors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    CatchUpCursors(Path file) {
        this.file = file;
    }

    /** The cursors saved last; none when the file does not exist yet. */
    Map<String, CatchUpCursor> load() throws IOException {
        Map<String, CatchUpCursor> cursors = new HashMap<>();
        JsonNode saved;
        try {
            saved = JSON.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return cursors;
        }
        if (saved == null) {
            return cursors;
        }
        for (Iterator<Map.Entry<String, JsonNode>> peers = saved.fields(); peers.hasNext(); ) {
            Map.Entry<String, JsonNode> peer = peers.next();
            JsonNode cursor = peer.getValue();
            cursors.put(peer.getKey(), new CatchUpCursor(cursor.path("start").asDouble(),
                    Math.max(1, cursor.path("page").asInt(1)), cursor.path("high_water").asDouble()));
        }
        return cursors;
    }

    void save(Map<String, CatchUpCursor> cursors) throws IOException {
        ObjectNode saved = JSON.createObjectNode();
        cursors.forEach((peer, cursor) -> saved.putObject(peer).put("start", cursor.start()).put("page", cursor.page())
                .put("high_water", cursor.highWater()));
        Files.createDirectories(file.getParent());
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.write(written, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(saved));
        try {
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
