package io.aleph4j.plugins.transport.libp2p;

import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The plugin's config section, {@code transport-libp2p}.
 *
 * @param listen           multiaddresses to listen on
 * @param announce         multiaddresses to tell peers instead of the listening ones (a public IP behind NAT)
 * @param bootstrap        peers dialed at start and again every {@code redialEvery} while not connected
 * @param muxers           the stream muxers offered, in order of preference
 * @param keyFile          the node's RSA identity key (PKCS#8 DER), made on first start when missing
 * @param node             the Node.js executable
 * @param npm              the npm executable, for installing the sidecar's packages
 * @param installDirectory where the sidecar is installed, one directory per version of it
 * @param redialEvery      how often unconnected bootstrap peers are dialed again
 */
record Libp2pConfig(List<String> listen, List<String> announce, List<String> bootstrap, List<String> muxers,
                    Path keyFile, String node, String npm, Path installDirectory, Duration redialEvery) {

    static final ConfigKey<List<String>> LISTEN = ConfigKey.stringList("listen", List.of("/ip4/0.0.0.0/tcp/4025"),
            "multiaddresses to listen on (the reference listens on TCP 4025)");
    static final ConfigKey<List<String>> ANNOUNCE = ConfigKey.stringList("announce", List.of(),
            "multiaddresses to announce instead of the listening ones (e.g. /ip4/<public ip>/tcp/4025)");
    static final ConfigKey<List<String>> BOOTSTRAP = ConfigKey.stringList("bootstrap", List.of(),
            "peers to dial at start and whenever unconnected (/ip4|dns/.../tcp/4025/p2p/Qm...); the reference's "
                    + "mainnet ones are /dns/api2.aleph.im/tcp/4025/p2p/QmZkurbY2G2hWay59yiTgQNaQxHSNzKZFt2jbnwJhQcKgV "
                    + "and /dns/api3.aleph.im/tcp/4025/p2p/Qmb5b2ZwJm9pVWrppf3D3iMF1bXbjZhbJTwGvKEBMZNxa2");
    static final ConfigKey<List<String>> MUXERS = ConfigKey.stringList("muxers", List.of("yamux", "mplex"),
            "stream muxers offered, preferred first (the reference: yamux, then mplex)");
    static final ConfigKey<String> KEY_FILE = ConfigKey.string("key-file", "",
            "the RSA identity key, PKCS#8 DER as the reference's p2p-service reads it; empty: identity.der in the "
                    + "plugin's data directory, made on first start");
    static final ConfigKey<String> NODE = ConfigKey.string("node", "node", "the Node.js executable (20 or later)");
    static final ConfigKey<String> NPM = ConfigKey.string("npm", "npm", "the npm executable");
    static final ConfigKey<String> INSTALL_DIRECTORY = ConfigKey.string("install-directory", "",
            "where the sidecar's packages are installed (npm ci, once per sidecar version); empty: "
                    + "~/.cache/aleph4j/transport-libp2p");
    static final ConfigKey<Duration> REDIAL_EVERY = ConfigKey.duration("redial-every", Duration.ofSeconds(60),
            "how often unconnected bootstrap peers are dialed again (the reference: 60 s)");

    static final List<ConfigKey<?>> KEYS = List.of(LISTEN, ANNOUNCE, BOOTSTRAP, MUXERS, KEY_FILE, NODE, NPM,
            INSTALL_DIRECTORY, REDIAL_EVERY);

    static Libp2pConfig from(PluginConfig config, Path dataDirectory) {
        String keyFile = config.get(KEY_FILE);
        String install = config.get(INSTALL_DIRECTORY);
        for (String muxer : config.get(MUXERS)) {
            if (!muxer.equals("yamux") && !muxer.equals("mplex")) {
                throw new IllegalArgumentException("transport-libp2p.muxers: '" + muxer + "' is not yamux or mplex");
            }
        }
        if (config.get(MUXERS).isEmpty()) {
            throw new IllegalArgumentException("transport-libp2p.muxers: name at least one of yamux, mplex");
        }
        return new Libp2pConfig(config.get(LISTEN), config.get(ANNOUNCE), config.get(BOOTSTRAP), config.get(MUXERS),
                keyFile.isEmpty() ? dataDirectory.resolve("identity.der") : Path.of(keyFile), config.get(NODE),
                config.get(NPM), install.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache", "aleph4j",
                "transport-libp2p") : Path.of(install), config.get(REDIAL_EVERY));
    }
}
