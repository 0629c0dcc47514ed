package io.aleph4j.plugins.api.http;

import io.aleph4j.api.config.PluginConfig;
import java.time.Duration;

/**
 * The API's configured limits.
 *
 * @param maxPageSize the largest page a list query may ask for, and the most results {@code pagination=0} returns;
 *                    0 for no cap
 */
record ApiSettings(Duration syncTimeout, int maxPageSize) {

    ApiSettings {
        java.util.Objects.requireNonNull(syncTimeout, "syncTimeout");
        if (maxPageSize < 0) {
            throw new IllegalArgumentException("max-page-size must be 0 (no cap) or more, not " + maxPageSize);
        }
    }

    static ApiSettings from(PluginConfig section) {
        return new ApiSettings(section.get(ApiHttpPlugin.SYNC_TIMEOUT), section.get(ApiHttpPlugin.MAX_PAGE_SIZE));
    }
}
