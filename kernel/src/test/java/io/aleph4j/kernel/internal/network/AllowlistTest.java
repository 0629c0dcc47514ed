package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AggregateRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllowlistTest {

    private static final String REGISTRY = "0xa1B3bb7d2332383D96b7796B908fB7f7F3c2Be10";

    @Test
    void theRegistryAllowsThePeerIdsAtTheEndOfItsNodesMultiaddresses() {
        AggregateRecord corechannel = new AggregateRecord(REGISTRY, "corechannel", """
                {"nodes": [
                  {"name": "a", "multiaddress": "/ip4/1.2.3.4/tcp/4025/p2p/QmA"},
                  {"name": "b", "multiaddress": "/dns/b.example/tcp/4025/p2p/QmB "},
                  {"name": "no address"},
                  {"name": "no peer", "multiaddress": "/ip4/1.2.3.4/tcp/4025"},
                  {"name": "odd", "multiaddress": "/p2p/QmC/p2p-circuit/x"}
                ], "resource_nodes": []}""", 1, ItemHash.of("a".repeat(64)), 1);

        assertThat(Allowlist.peerIds(corechannel)).containsExactlyInAnyOrder("QmA", "QmB");
    }

    @Test
    void aRegistryThatIsNotJsonAllowsNobody() {
        AggregateRecord broken = new AggregateRecord(REGISTRY, "corechannel", "{", 1, ItemHash.of("a".repeat(64)), 1);

        assertThat(Allowlist.peerIds(broken)).isEmpty();
    }

    @Test
    void configuredPeerIdsAreAllowedAndOnlyThem() {
        Allowlist allowlist = new Allowlist(List.of("QmConfigured"), List::of, Optional.empty(), REGISTRY,
                Duration.ofMinutes(5), Clock.systemUTC());

        assertThat(allowlist.allows("QmConfigured")).isTrue();
        assertThat(allowlist.allows("QmStranger")).isFalse();
    }

    @Test
    void aStarAllowsEveryPeer() {
        Allowlist allowlist = new Allowlist(List.of("*"), List::of, Optional.empty(), REGISTRY,
                Duration.ofMinutes(5), Clock.systemUTC());

        assertThat(allowlist.allows("QmStranger")).isTrue();
    }
}
