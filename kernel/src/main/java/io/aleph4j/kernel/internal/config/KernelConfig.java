package io.aleph4j.kernel.internal.config;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.kernel.internal.handlers.ScoringPosts;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The kernel's own config section, {@code node}. */
public record KernelConfig(String name, String httpHost, int httpPort, long httpMaxRequestBytes,
                           List<String> httpCorsOrigins, boolean logFsync,
                           Duration contentGracePeriod, Duration contentCollectEvery, long contentMaxFetchBytes,
                           int pipelineMaxRetries, Duration pipelineFirstRetry, Duration pipelineLongestRetry,
                           ScoringPosts scoring, GossipConfig gossip, CatchUpConfig catchUp,
                           DiscoveryConfig discovery) {

    public static final String SECTION = "node";

    public static final ConfigKey<String> NAME = ConfigKey.string("name", "aleph4j",
            "The node's name, used in logs, thread names and /aleph4j/status.");
    public static final ConfigKey<String> HTTP_HOST = ConfigKey.string("http.host", "127.0.0.1",
            "The address the HTTP server binds to.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("http.port", 4024,
            "The HTTP server's port; 0 picks a free one (see Node#httpPort).");
    public static final ConfigKey<Long> HTTP_MAX_REQUEST_BYTES = ConfigKey.longInteger("http.max-request-bytes",
            26_214_400L, "Largest request body accepted; larger ones get 413 before any handler runs.");
    public static final ConfigKey<List<String>> HTTP_CORS_ORIGINS = ConfigKey.stringList("http.cors-origins",
            List.of("*"), "The origins whose web pages may call the node (CORS): * for any, as the reference node "
                    + "allows; an empty list sends no CORS headers.");
    public static final ConfigKey<Boolean> LOG_FSYNC = ConfigKey.bool("log.fsync", true,
            "Whether an inbox append waits for fsync (group-committed) before it returns, so that acknowledged "
                    + "messages survive power loss, not only a process crash. The events queue is never forced: the "
                    + "state store holds the outcomes.");

    public static final ConfigKey<Duration> CONTENT_GRACE_PERIOD = ConfigKey.duration("content.grace-period",
            Duration.ofHours(24), "How long stored content no processed message references (an upload without a "
                    + "message, a file whose last STORE was forgotten) is kept before the collector deletes it; "
                    + "counted from the content's last write, or from the forget of a file's last STORE.");
    public static final ConfigKey<Duration> CONTENT_COLLECT_EVERY = ConfigKey.duration("content.collect-every",
            Duration.ofHours(1), "How often the content garbage collector runs.");

    public static final ConfigKey<Long> CONTENT_MAX_FETCH_BYTES = ConfigKey.longInteger("content.max-fetch-bytes",
            104_857_600L, "The largest item fetched from a content source (another node, say) when no content store "
                    + "has it; the reference serves files up to 100 MiB to other nodes.");

    public static final ConfigKey<Integer> PIPELINE_MAX_RETRIES = ConfigKey.integer("pipeline.max-retries", 10,
            "How many times a message whose content (or a STORE's file) no content store or source has is tried again "
                    + "before it is rejected (code 3, or 4 for a file), as the reference's max_retries.");
    public static final ConfigKey<Duration> PIPELINE_FIRST_RETRY = ConfigKey.duration("pipeline.first-retry",
            Duration.ofSeconds(1), "The pause before a message whose content is missing is tried again the first "
                    + "time; it doubles with each try.");
    public static final ConfigKey<Duration> PIPELINE_LONGEST_RETRY = ConfigKey.duration("pipeline.longest-retry",
            Duration.ofMinutes(5), "The longest pause between two tries of a message whose content is missing.");

    public static final ConfigKey<List<String>> SCORING_ADDRESSES = ConfigKey.stringList("scoring.addresses",
            List.copyOf(ScoringPosts.REFERENCE.addresses()), "The addresses whose scoring POSTs (content.address, "
                    + "compared exactly) carry the network's node measurements, kept for /api/v0/core|compute/{id}/"
                    + "metrics, as the reference's aleph.scoring.addresses.");
    public static final ConfigKey<String> SCORING_CHANNEL = ConfigKey.string("scoring.channel",
            ScoringPosts.REFERENCE.channel(), "The channel of the scoring POSTs.");
    public static final ConfigKey<String> SCORING_POST_TYPE = ConfigKey.string("scoring.post-type",
            ScoringPosts.REFERENCE.postType(), "The content.type of the scoring POSTs.");

    public static final ConfigKey<String> P2P_TOPIC = ConfigKey.string("p2p.topic", "ALEPH-TEST",
            "The topic messages are published and received on, over every transport (the reference's "
                    + "aleph.queue_topic).");
    public static final ConfigKey<Integer> P2P_PEER_MESSAGES_PER_SECOND = ConfigKey.integer(
            "p2p.peer-messages-per-second", 1000, "How many messages a second one connected peer may pass on "
                    + "before the rest are ignored unread (a burst of twice as many is allowed).");
    public static final ConfigKey<Integer> P2P_PEER_INVALID_PER_MINUTE = ConfigKey.integer(
            "p2p.peer-invalid-per-minute", 20, "How many invalid messages (unreadable, forged signatures) one "
                    + "connected peer may pass on in a minute before it is disconnected.");

    public static final ConfigKey<List<String>> P2P_CATCH_UP_PEERS = ConfigKey.stringList("p2p.catch-up-peers",
            List.of(), "The base URLs of the HTTP API of nodes (aleph4j or the reference) that this node catches up "
                    + "from: what they list and it does not know is logged in its inbox as a peer's message and "
                    + "checked by its pipeline. Empty: no catch-up.");
    public static final ConfigKey<Duration> P2P_CATCH_UP_EVERY = ConfigKey.duration("p2p.catch-up-every",
            Duration.ofSeconds(30), "The pause between two catch-up rounds once every peer is read to its newest "
                    + "message (a round that leaves more to read is followed by the next at once).");
    public static final ConfigKey<Integer> P2P_CATCH_UP_PAGE_SIZE = ConfigKey.integer("p2p.catch-up-page-size", 200,
            "How many messages one catch-up request asks a peer for.");
    public static final ConfigKey<Integer> P2P_CATCH_UP_PAGES_PER_ROUND = ConfigKey.integer(
            "p2p.catch-up-pages-per-round", 5, "How many pages one peer is read a round at most: what bounds the "
                    + "work one peer can make this node do.");
    public static final ConfigKey<Duration> P2P_CATCH_UP_OVERLAP = ConfigKey.duration("p2p.catch-up-overlap",
            Duration.ofMinutes(1), "How far before the newest message time read from a peer the next round starts "
                    + "once caught up: messages reach a peer late, and are listed by their sender's time.");

    public static final ConfigKey<Boolean> P2P_CATCH_UP_DISCOVERED = ConfigKey.bool("p2p.catch-up-discovered", true,
            "Whether the node also catches up from the HTTP peers it discovered (the nodes the allowlist names that "
                    + "announce an HTTP API on ALIVE and answer /api/v0/version).");

    public static final ConfigKey<String> P2P_ALIVE_TOPIC = ConfigKey.string("p2p.alive-topic", "ALIVE",
            "The topic nodes announce their addresses on.");
    public static final ConfigKey<Duration> P2P_ALIVE_EVERY = ConfigKey.duration("p2p.alive-every",
            Duration.ofMinutes(2), "How often the node announces its addresses (the reference: every 120 s).");
    public static final ConfigKey<Duration> P2P_UPKEEP_EVERY = ConfigKey.duration("p2p.upkeep-every",
            Duration.ofMinutes(1), "How often the node dials the P2P peers it knows and is not connected to, and "
                    + "checks which HTTP peers answer (the reference: every 60 s).");
    public static final ConfigKey<Duration> P2P_PEER_MAX_AGE = ConfigKey.duration("p2p.peer-max-age",
            Duration.ofHours(24), "How long after its last announcement a peer is still dialed and checked.");
    public static final ConfigKey<List<String>> P2P_ALIVE_ALLOWLIST = ConfigKey.stringList("p2p.alive-allowlist",
            List.of(), "Peer IDs whose announcements are believed besides the transports' bootstrap peers and the "
                    + "nodes of the registry (the corechannel aggregate); * believes every peer (a private network).");
    public static final ConfigKey<String> P2P_REGISTRY_ADDRESS = ConfigKey.string("p2p.registry-address",
            "0xa1B3bb7d2332383D96b7796B908fB7f7F3c2Be10", "The owner of the corechannel aggregate, the network's "
                    + "node registry, whose nodes' peer IDs are believed.");
    public static final ConfigKey<Duration> P2P_REGISTRY_CACHE = ConfigKey.duration("p2p.registry-cache",
            Duration.ofMinutes(5), "How long the registry's peer IDs are used before the aggregate is read again "
                    + "(the reference: 300 s).");
    public static final ConfigKey<String> P2P_ANNOUNCE_HTTP_URL = ConfigKey.string("p2p.announce-http-url", "",
            "The URL other nodes reach this node's HTTP API at, as announced; empty: http://<http.host>:<port> when "
                    + "http.host is a concrete address, nothing when it is a wildcard (0.0.0.0, ::).");

    public static final List<ConfigKey<?>> KEYS = List.of(NAME, HTTP_HOST, HTTP_PORT, HTTP_MAX_REQUEST_BYTES,
            HTTP_CORS_ORIGINS, LOG_FSYNC, CONTENT_GRACE_PERIOD, CONTENT_COLLECT_EVERY, CONTENT_MAX_FETCH_BYTES,
            PIPELINE_MAX_RETRIES, PIPELINE_FIRST_RETRY, PIPELINE_LONGEST_RETRY, SCORING_ADDRESSES, SCORING_CHANNEL,
            SCORING_POST_TYPE, P2P_TOPIC, P2P_PEER_MESSAGES_PER_SECOND, P2P_PEER_INVALID_PER_MINUTE,
            P2P_CATCH_UP_PEERS, P2P_CATCH_UP_EVERY, P2P_CATCH_UP_PAGE_SIZE, P2P_CATCH_UP_PAGES_PER_ROUND,
            P2P_CATCH_UP_OVERLAP, P2P_CATCH_UP_DISCOVERED, P2P_ALIVE_TOPIC, P2P_ALIVE_EVERY, P2P_UPKEEP_EVERY,
            P2P_PEER_MAX_AGE, P2P_ALIVE_ALLOWLIST, P2P_REGISTRY_ADDRESS, P2P_REGISTRY_CACHE,
            P2P_ANNOUNCE_HTTP_URL);

    public static KernelConfig from(PluginConfig section) {
        return new KernelConfig(section.get(NAME), section.get(HTTP_HOST), section.get(HTTP_PORT),
                section.get(HTTP_MAX_REQUEST_BYTES), section.get(HTTP_CORS_ORIGINS), section.get(LOG_FSYNC),
                section.get(CONTENT_GRACE_PERIOD), section.get(CONTENT_COLLECT_EVERY),
                section.get(CONTENT_MAX_FETCH_BYTES), section.get(PIPELINE_MAX_RETRIES),
                section.get(PIPELINE_FIRST_RETRY), section.get(PIPELINE_LONGEST_RETRY),
                new ScoringPosts(Set.copyOf(section.get(SCORING_ADDRESSES)), section.get(SCORING_CHANNEL),
                        section.get(SCORING_POST_TYPE)),
                new GossipConfig(section.get(P2P_TOPIC), section.get(P2P_PEER_MESSAGES_PER_SECOND),
                        section.get(P2P_PEER_INVALID_PER_MINUTE)),
                CatchUpConfig.from(section),
                new DiscoveryConfig(section.get(P2P_ALIVE_TOPIC), section.get(P2P_ALIVE_EVERY),
                        section.get(P2P_UPKEEP_EVERY), section.get(P2P_PEER_MAX_AGE),
                        section.get(P2P_ALIVE_ALLOWLIST), section.get(P2P_REGISTRY_ADDRESS),
                        section.get(P2P_REGISTRY_CACHE), section.get(P2P_ANNOUNCE_HTTP_URL).strip()));
    }

    /**
     * @param topic          the announcements' topic
     * @param announceEvery  how often the node announces itself
     * @param upkeepEvery    how often known peers are dialed and HTTP peers checked
     * @param peerMaxAge     how long after its last announcement a peer is still dialed and checked
     * @param allowlist      peer IDs believed besides bootstrap peers and registry nodes ({@code *}: every peer)
     * @param registryOwner  the owner of the {@code corechannel} aggregate
     * @param registryCache  how long the registry's peer IDs are used before it is read again
     * @param announceHttp   the URL announced for the HTTP API; empty: derived from the HTTP server's address
     */
    public record DiscoveryConfig(String topic, Duration announceEvery, Duration upkeepEvery, Duration peerMaxAge,
                                  List<String> allowlist, String registryOwner, Duration registryCache,
                                  String announceHttp) {

        public DiscoveryConfig {
            allowlist = List.copyOf(allowlist);
            if (!announceEvery.isPositive() || !upkeepEvery.isPositive()) {
                throw new ConfigException(SECTION + "." + P2P_ALIVE_EVERY.name() + " and " + SECTION + "."
                        + P2P_UPKEEP_EVERY.name() + " must be positive");
            }
        }
    }

    /**
     * @param topic                   the topic of messages
     * @param peerMessagesPerSecond   one peer's sustained rate (its burst is twice as many)
     * @param peerInvalidPerMinute    invalid messages from one peer in a minute before it is disconnected
     */
    public record GossipConfig(String topic, int peerMessagesPerSecond, int peerInvalidPerMinute) {
    }

    /**
     * @param peers         the base URLs of the nodes to catch up from
     * @param every         the pause between rounds once caught up
     * @param pageSize      messages asked for a request
     * @param pagesPerRound pages read from one peer a round at most
     * @param overlap       how far before the newest time read a caught-up round starts
     * @param discovered    whether the discovered HTTP peers are caught up from too
     */
    public record CatchUpConfig(List<URI> peers, Duration every, int pageSize, int pagesPerRound, Duration overlap,
                                boolean discovered) {

        public CatchUpConfig {
            peers = List.copyOf(peers);
            if (pageSize < 1 || pageSize > 10_000) {
                throw new ConfigException(SECTION + "." + P2P_CATCH_UP_PAGE_SIZE.name()
                        + " must be from 1 to 10000, not "
                        + pageSize);
            }
            if (pagesPerRound < 1) {
                throw new ConfigException(SECTION + "." + P2P_CATCH_UP_PAGES_PER_ROUND.name()
                        + " must be at least 1, not "
                        + pagesPerRound);
            }
            if (every.isNegative() || every.isZero() || overlap.isNegative()) {
                throw new ConfigException(SECTION + "." + P2P_CATCH_UP_EVERY.name() + " must be positive and "
                        + SECTION + "." + P2P_CATCH_UP_OVERLAP.name() + " at least zero");
            }
        }

        static CatchUpConfig from(PluginConfig section) {
            List<URI> peers = new ArrayList<>();
            for (String peer : section.get(P2P_CATCH_UP_PEERS)) {
                URI uri;
                try {
                    uri = new URI(peer.strip());
                } catch (URISyntaxException e) {
                    throw new ConfigException(SECTION + "." + P2P_CATCH_UP_PEERS.name() + ": '" + peer
                            + "' is not a URL");
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new ConfigException(SECTION + "." + P2P_CATCH_UP_PEERS.name() + ": '" + peer
                            + "' is not an http(s) URL of a node");
                }
                peers.add(uri);
            }
            return new CatchUpConfig(peers, section.get(P2P_CATCH_UP_EVERY), section.get(P2P_CATCH_UP_PAGE_SIZE),
                    section.get(P2P_CATCH_UP_PAGES_PER_ROUND), section.get(P2P_CATCH_UP_OVERLAP),
                    section.get(P2P_CATCH_UP_DISCOVERED));
        }
    }
}
