package io.aleph4j.kernel.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.state.FileReference;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentCollectorTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ItemHash REFERENCED = ItemHash.of("1".repeat(64));
    private static final ItemHash OLD = ItemHash.of("2".repeat(64));
    private static final ItemHash RECENT = ItemHash.of("3".repeat(64));

    private final FileReferencesState state = new FileReferencesState();
    private final MemoryContentStore store = new MemoryContentStore();

    @Test
    void onlyUnreferencedContentOlderThanTheGracePeriodIsDeleted() throws IOException {
        store.items.put(REFERENCED, NOW.minus(Duration.ofDays(3)));
        store.items.put(OLD, NOW.minus(Duration.ofDays(2)));
        store.items.put(RECENT, NOW.minus(Duration.ofHours(1)));
        state.references.add(new FileReference(ItemHash.of("a".repeat(64)), "0xOwner", REFERENCED,
                ItemType.STORAGE, null, 1.0, 12));
        try (ContentCollector collector = new ContentCollector(List.of(store), state, Duration.ofDays(1),
                Clock.fixed(NOW, ZoneOffset.UTC))) {

            ContentCollector.Run run = collector.collect();

            assertThat(run.deleted()).isEqualTo(1);
            assertThat(store.items).containsOnlyKeys(REFERENCED, RECENT);
        }
    }
}
