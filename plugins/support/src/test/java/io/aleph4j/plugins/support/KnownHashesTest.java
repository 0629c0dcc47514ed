package io.aleph4j.plugins.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class KnownHashesTest {

    private static final Random RANDOM = new Random(42);

    @Test
    void everyAddedHashIsReportedAsPossiblyKnown() {
        KnownHashes known = new KnownHashes(10_000);
        List<String> added = hashes(10_000);
        added.forEach(known::add);
        assertThat(added).allMatch(known::mightContain);
        assertThat(known.mightContain("QmZ4tDuvesekSs4qM5ZBKpXiZGun7S2CYtEZRB3DYXkjGx")).isFalse();
        known.add("QmZ4tDuvesekSs4qM5ZBKpXiZGun7S2CYtEZRB3DYXkjGx");
        assertThat(known.mightContain("QmZ4tDuvesekSs4qM5ZBKpXiZGun7S2CYtEZRB3DYXkjGx")).isTrue();
    }

    @Test
    void atCapacityFewerThanTwoInAThousandUnknownHashesAreReportedAsPossiblyKnown() {
        KnownHashes known = new KnownHashes(50_000);
        hashes(50_000).forEach(known::add);
        long falseMaybes = hashes(100_000).stream().filter(known::mightContain).count();
        assertThat(falseMaybes).isLessThan(200);
    }

    @Test
    void itGrowsOnlyWhenMoreDistinctHashesWereAddedThanItsNewestLayerWasSizedFor() {
        KnownHashes known = new KnownHashes(100);
        List<String> added = hashes(100);
        added.forEach(known::add);
        added.forEach(known::add);
        assertThat(known.layerCount()).as("the same hundred twice").isEqualTo(1);
        // Ten more, not one: a new hash can find its bits set already (a false "maybe") and not count.
        hashes(10).forEach(known::add);
        assertThat(known.layerCount()).as("a hundred and ten").isEqualTo(2);
        assertThat(known.capacity()).isEqualTo(500);
    }

    @Test
    void grownFiftyFoldItStillKnowsEveryAddedHashAndFewerThanFiveInAThousandUnknownOnesAreMaybes() {
        KnownHashes known = new KnownHashes(1_000);
        List<String> added = hashes(50_000);
        added.forEach(known::add);
        assertThat(known.layerCount()).as("1,000 + 4,000 + 16,000 + 64,000").isEqualTo(4);
        assertThat(added).allMatch(known::mightContain);
        long falseMaybes = hashes(100_000).stream().filter(known::mightContain).count();
        assertThat(falseMaybes).isLessThan(500);
    }

    @Test
    void aFilterForAStoreHasRoomForTwiceWhatItHoldsAndNoLessThanAskedFor() {
        assertThat(KnownHashes.forStored(1_000, 10).capacity()).isEqualTo(2_000);
        assertThat(KnownHashes.forStored(10, 65_536).capacity()).isEqualTo(65_536);
    }

    private static List<String> hashes(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            byte[] digest = new byte[32];
            RANDOM.nextBytes(digest);
            return HexFormat.of().formatHex(digest);
        }).toList();
    }
}
