package io.aleph4j.plugins.api.http;

import java.nio.file.Path;

/** Where a file that arrives before its STORE message waits for it: a directory of the plugin's own. */
record UploadStaging(Path directory) {
}
