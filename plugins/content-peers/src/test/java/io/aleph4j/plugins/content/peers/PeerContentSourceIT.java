package io.aleph4j.plugins.content.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aleph4j.api.content.ContentService;
import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real nodes on loopback: the peer holds content in its content-fs and serves it through api-http; the node
 * under test fetches what it lacks, through its kernel's content service and the content-peers source, into its own
 * content-fs.
 */
final class PeerContentSourceIT {

    private static final byte[] FILE = "held by the peer only".getBytes(StandardCharsets.US_ASCII);

    private EmbeddedNode peer;
    private EmbeddedNode node;
    private HttpServer liar;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (liar != null) {
            liar.stop(0);
        }
    }

    @Test
    void contentMissingHereIsFetchedFromAPeerCheckedAndKeptLocally() throws IOException {
        peer = EmbeddedNode.builder().classpathPlugins("state-sqlite", "content-fs", "api-http").start();
        ItemHash sha256 = localStore(peer).put(new ByteArrayInputStream(FILE), ItemType.STORAGE, 1_000);
        ItemHash cid = localStore(peer).put(new ByteArrayInputStream(FILE), ItemType.IPFS, 1_000);
        node = nodeWithPeers(peer.uri("/").toString());
        ContentStore local = localStore(node);
        assertThat(local.exists(sha256)).isFalse();

        ContentService content = node.node().content();
        assertThat(content.obtain(sha256)).isTrue();
        try (InputStream in = content.find(cid).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(FILE);
        }

        assertThat(local.exists(sha256)).as("kept in the local store").isTrue();
        assertThat(local.exists(cid)).isTrue();
        assertThat(content.obtain(ItemHash.of("a".repeat(64)))).as("on no peer").isFalse();
    }

    @Test
    void contentAddressedByACidv1IsFetchedFromAPeerToo() throws IOException {
        // "hello world" as `ipfs add --cid-version=1` addresses it (raw leaf, base32).
        ItemHash cidv1 = ItemHash.of("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
        byte[] hello = "hello world".getBytes(StandardCharsets.US_ASCII);
        peer = EmbeddedNode.builder().classpathPlugins("state-sqlite", "content-fs", "api-http").start();
        localStore(peer).putExpecting(new ByteArrayInputStream(hello), ItemType.IPFS, 1_000, cidv1);
        node = nodeWithPeers(peer.uri("/").toString());

        try (InputStream in = node.node().content().find(cidv1).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(hello);
        }
        assertThat(localStore(node).exists(cidv1)).as("kept in the local store").isTrue();
    }

    /** A hand-written HTTP server stands in for a misbehaving peer: a real node never serves wrong bytes. */
    @Test
    void bytesAPeerServesUnderAnotherHashAreNotUsedAndTheNextPeerIsAsked() throws IOException {
        liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        liar.createContext("/", exchange -> {
            byte[] wrong = "not what was asked".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, wrong.length);
            exchange.getResponseBody().write(wrong);
            exchange.close();
        });
        liar.start();
        peer = EmbeddedNode.builder().classpathPlugins("state-sqlite", "content-fs", "api-http").start();
        ItemHash hash = localStore(peer).put(new ByteArrayInputStream(FILE), ItemType.STORAGE, 1_000);
        node = nodeWithPeers("http://127.0.0.1:" + liar.getAddress().getPort(), peer.uri("/").toString());

        try (InputStream in = node.node().content().find(hash).orElseThrow().open(0)) {
            assertThat(in.readAllBytes()).isEqualTo(FILE);
        }
    }

    @Test
    void aPeerThatIsDownIsSkipped() throws IOException {
        node = nodeWithPeers("http://127.0.0.1:9");

        assertThat(node.node().content().obtain(ItemHash.of("b".repeat(64)))).isFalse();
    }

    private static EmbeddedNode nodeWithPeers(String... peers) {
        return EmbeddedNode.builder().classpathPlugins("state-sqlite", "content-fs", "content-peers")
                .set("content-peers", "peers", List.of(peers)).set("content-peers", "timeout", "2s").start();
    }

    private static ContentStore localStore(EmbeddedNode node) {
        return node.node().contentStores().stream().filter(store -> store.extensionName().equals("content-fs"))
                .findFirst().orElseThrow();
    }
}
