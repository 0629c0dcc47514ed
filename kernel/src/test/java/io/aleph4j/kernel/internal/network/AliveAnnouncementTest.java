package io.aleph4j.kernel.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.network.PeerType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AliveAnnouncementTest {

    @Test
    void anAnnouncementIsWrittenAsPythonsJsonDumpsWritesTheReferencesWithItsTimeAfter() {
        AliveAnnouncement announcement = new AliveAnnouncement(
                "/ip4/1.2.3.4/tcp/4025/p2p/QmZkurbY2G2hWay59yiTgQNaQxHSNzKZFt2jbnwJhQcKgV", PeerType.P2P, "0.1.0",
                1764928800.25);

        assertThat(new String(announcement.toJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"address\": \"/ip4/1.2.3.4/tcp/4025/p2p/QmZkurbY2G2hWay59yiTgQNaQxHSNzKZFt2jbnwJhQcKgV\", "
                        + "\"interests\": null, \"peer_type\": \"P2P\", \"version\": \"0.1.0\", "
                        + "\"time\": 1764928800.25}");
    }

    @Test
    void twoAnnouncementsOfOneAddressAreDifferentBytesSoGossipsubSendsBoth() {
        AliveAnnouncement first = new AliveAnnouncement("http://a:4024", PeerType.HTTP, "0.1.0", 1764928800);
        AliveAnnouncement next = new AliveAnnouncement("http://a:4024", PeerType.HTTP, "0.1.0", 1764928920);

        assertThat(next.toJson()).isNotEqualTo(first.toJson());
    }

    @Test
    void nonAsciiIsEscapedAsPythonEscapesIt() {
        AliveAnnouncement announcement = new AliveAnnouncement("http://nœud.example:4024", PeerType.HTTP, null, 1);

        assertThat(new String(announcement.toJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"address\": \"http://n\\u0153ud.example:4024\", \"interests\": null, \"peer_type\": \"HTTP\", "
                        + "\"version\": null, \"time\": 1.0}");
    }

    @Test
    void aReferenceAnnouncementIsReadBackWhateverItsKeyOrderAndQuoting() {
        AliveAnnouncement read = AliveAnnouncement.parse(
                "{\"peer_type\": \"HTTP\", \"version\": \"v0.5.1\", \"address\": \"http%3A//51.159.57.71%3A4024\","
                        + " \"interests\": null}");

        assertThat(read).isEqualTo(new AliveAnnouncement("http://51.159.57.71:4024", PeerType.HTTP, "v0.5.1", 0));
    }

    @Test
    void whatIsNotAnAnnouncementIsRefusedWithTheReason() {
        assertThatThrownBy(() -> AliveAnnouncement.parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AliveAnnouncement.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> AliveAnnouncement.parse("{\"peer_type\": \"P2P\"}")).hasMessageContaining("address");
        assertThatThrownBy(() -> AliveAnnouncement.parse("{\"address\": \"x\", \"peer_type\": \"SMTP\"}"))
                .hasMessageContaining("peer_type");
        assertThatThrownBy(() -> AliveAnnouncement.parse("{\"address\": \"" + "a".repeat(2000)
                + "\", \"peer_type\": \"P2P\"}")).hasMessageContaining("address");
    }
}
