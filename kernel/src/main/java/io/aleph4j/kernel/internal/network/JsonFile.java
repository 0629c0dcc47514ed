package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A small JSON file the node keeps in its data directory (catch-up cursors, the peers table), replaced whole: written
 * beside, then renamed over the old one, so that a crash leaves the old file or the new one, never half of one.
 */
final class JsonFile {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    JsonFile(Path file) {
        this.file = file;
    }

    /** What was saved last; empty when nothing was. */
    Optional<JsonNode> read() throws IOException {
        try {
            return Optional.ofNullable(JSON.readTree(file.toFile()));
        } catch (NoSuchFileException | FileNotFoundException e) {
            return Optional.empty();
        }
    }

    void replace(JsonNode content) throws IOException {
        Files.createDirectories(file.getParent());
        Path written = file.resolveSibling(file.getFileName() + ".new");
        Files.write(written, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
        try {
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
