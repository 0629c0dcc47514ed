package io.aleph4j.api.state;

import java.util.Objects;

/**
 * A post as readers see it: the original with the content of its latest amend.
 *
 * @param original the original post
 * @param current  the latest amend, or the original itself when never amended
 */
public record PostView(PostRecord original, PostRecord current) {

    public PostView {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(current, "current");
    }
}
