package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatchUpCursorsTest {

    @TempDir
    Path directory;

    @Test
    void savedCursorsAreLoadedAgainExactly() throws Exception {
        CatchUpCursors cursors = new CatchUpCursors(directory.resolve("network").resolve("catch-up.json"));
        Map<String, CatchUpCursor> saved = Map.of("http://a:4024", new CatchUpCursor(1764892800.123456, 1,
                1764892860.5), "https://b.example", new CatchUpCursor(17, 4, 17));

        cursors.save(saved);

        assertThat(new CatchUpCursors(directory.resolve("network").resolve("catch-up.json")).load())
                .isEqualTo(saved);
    }

    @Test
    void aNodeThatNeverSavedHasNoCursors() throws Exception {
        assertThat(new CatchUpCursors(directory.resolve("catch-up.json")).load()).isEmpty();
    }

    @Test
    void aSaveReplacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws Exception {
        Path file = directory.resolve("catch-up.json");
        CatchUpCursors cursors = new CatchUpCursors(file);
        cursors.save(Map.of("http://a", new CatchUpCursor(1, 1, 1), "http://b", new CatchUpCursor(2, 1, 2)));

        cursors.save(Map.of("http://a", new CatchUpCursor(5, 2, 5)));

        assertThat(cursors.load()).containsOnlyKeys("http://a");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }
}
