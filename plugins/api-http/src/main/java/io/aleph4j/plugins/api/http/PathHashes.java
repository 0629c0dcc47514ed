package io.aleph4j.plugins.api.http;

import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.message.ItemHash;

/** Item hashes in paths. */
final class PathHashes {

    private PathHashes() {
    }

    /** The hash, or a 400 as the reference answers ({@code Invalid message hash: ...}). */
    static ItemHash of(String value) {
        try {
            return ItemHash.of(value);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "Invalid message hash: " + Query.shorten(value));
        }
    }
}
