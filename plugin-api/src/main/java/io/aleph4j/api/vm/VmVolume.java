package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.nio.file.Path;
import java.util.Objects;

/** A directory the program sees at {@code mount}: read-only for code-like volumes, writable for persistent ones. */
@Experimental("the CRN's runtime seam")
public record VmVolume(String mount, Path source, boolean readOnly) {

    public VmVolume {
        Objects.requireNonNull(mount, "mount");
        Objects.requireNonNull(source, "source");
        if (!mount.startsWith("/")) {
            throw new IllegalArgumentException("mount '" + mount + "' is not an absolute path");
        }
    }
}
