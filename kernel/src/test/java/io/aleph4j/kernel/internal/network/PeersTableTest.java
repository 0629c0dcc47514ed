package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.network.KnownPeer;
import io.aleph4j.api.network.PeerType;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersTableTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void aPeerKeepsOneAddressOfEachKindTheLastAnnounced() {
        PeersTable table = new PeersTable(directory.resolve("peers.json"));
        table.seen(new KnownPeer("QmA", PeerType.P2P, "/ip4/1.1.1.1/tcp/4025/p2p/QmA", NOW.minusSeconds(60)));
        table.seen(new KnownPeer("QmA", PeerType.HTTP, "http://1.1.1.1:4024", NOW.minusSeconds(60)));
        table.seen(new KnownPeer("QmA", PeerType.P2P, "/ip4/2.2.2.2/tcp/4025/p2p/QmA", NOW));

        assertThat(table.all()).extracting(KnownPeer::address)
                .containsExactly("/ip4/2.2.2.2/tcp/4025/p2p/QmA", "http://1.1.1.1:4024");
    }

    @Test
    void onlyPeersSeenSinceTheCutOffAreOffered() {
        PeersTable table = new PeersTable(directory.resolve("peers.json"));
        table.seen(new KnownPeer("QmOld", PeerType.HTTP, "http://old:4024", NOW.minusSeconds(90_000)));
        table.seen(new KnownPeer("QmNew", PeerType.HTTP, "http://new:4024", NOW.minusSeconds(10)));

        assertThat(table.seenSince(PeerType.HTTP, NOW.minusSeconds(86_400))).extracting(KnownPeer::peerId)
                .containsExactly("QmNew");
        assertThat(table.seenSince(PeerType.P2P, NOW.minusSeconds(86_400))).isEmpty();
    }

    @Test
    void aSavedTableIsLoadedAgainByTheNextRun() throws Exception {
        PeersTable table = new PeersTable(directory.resolve("network").resolve("peers.json"));
        KnownPeer peer = new KnownPeer("QmA", PeerType.P2P, "/ip4/1.1.1.1/tcp/4025/p2p/QmA", NOW);
        table.seen(peer);
        table.saveIfChanged();

        PeersTable next = new PeersTable(directory.resolve("network").resolve("peers.json"));
        next.load();

        assertThat(next.all()).containsExactly(peer);
    }
}
