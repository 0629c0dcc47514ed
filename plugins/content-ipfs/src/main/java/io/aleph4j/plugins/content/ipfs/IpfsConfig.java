package io.aleph4j.plugins.content.ipfs;

import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** content-ipfs's config, typed. */
record IpfsConfig(URI api, Duration timeout, int retries) {

    IpfsConfig {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(timeout, "timeout");
    }

    static IpfsConfig from(PluginConfig section) {
        String api = section.get(ContentIpfsPlugin.API);
        URI uri;
        try {
            uri = URI.create(api);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("content-ipfs.api: '" + api + "' is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new ConfigException("content-ipfs.api: '" + api + "' is not an http(s) URL");
        }
        int retries = section.get(ContentIpfsPlugin.RETRIES);
        if (retries < 0) {
            throw new ConfigException("content-ipfs.retries: must be >= 0, not " + retries);
        }
        return new IpfsConfig(uri, section.get(ContentIpfsPlugin.TIMEOUT), retries);
    }
}
