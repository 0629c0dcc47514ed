package io.aleph4j.plugins.api.http;

import java.time.Duration;

/** The API's configured limits. */
record ApiSettings(Duration syncTimeout, int maxPageSize) {
}
