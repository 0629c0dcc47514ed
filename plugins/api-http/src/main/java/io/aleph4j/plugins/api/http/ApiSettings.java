package io.aleph4j.plugins.api.http;

import io.aleph4j.api.config.PluginConfig;
import java.time.Duration;

/** The API's configured limits. */
record ApiSettings(Duration syncTimeout, int maxPageSize) {

    static ApiSettings from(PluginConfig section) {
        return new ApiSettings(section.get(ApiHttpPlugin.SYNC_TIMEOUT), section.get(ApiHttpPlugin.MAX_PAGE_SIZE));
    }
}
