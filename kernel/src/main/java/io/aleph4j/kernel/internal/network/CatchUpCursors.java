package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The catch-up cursors of every peer, kept in one small JSON file in the data directory ({@link JsonFile}, replaced
 * whole) so that a restarted node resumes where it stopped.
 */
final class CatchUpCursors {

    private final JsonFile file;

    CatchUpCursors(Path file) {
        this.file = new JsonFile(file);
    }

    /** The cursors saved last; none when the file does not exist yet. */
    Map<String, CatchUpCursor> load() throws IOException {
        Map<String, CatchUpCursor> cursors = new HashMap<>();
        Optional<JsonNode> saved = file.read();
        if (saved.isEmpty()) {
            return cursors;
        }
        for (Iterator<Map.Entry<String, JsonNode>> peers = saved.get().fields(); peers.hasNext(); ) {
            Map.Entry<String, JsonNode> peer = peers.next();
            JsonNode cursor = peer.getValue();
            cursors.put(peer.getKey(), new CatchUpCursor(cursor.path("start").asDouble(),
                    Math.max(1, cursor.path("page").asInt(1)), cursor.path("high_water").asDouble()));
        }
        return cursors;
    }

    void save(Map<String, CatchUpCursor> cursors) throws IOException {
        ObjectNode saved = JsonFile.JSON.createObjectNode();
        cursors.forEach((peer, cursor) -> saved.putObject(peer).put("start", cursor.start()).put("page", cursor.page())
                .put("high_water", cursor.highWater()));
        file.replace(saved);
    }
}
