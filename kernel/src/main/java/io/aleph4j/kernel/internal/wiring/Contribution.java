package io.aleph4j.kernel.internal.wiring;

import io.aleph4j.api.Extension;
import java.util.Objects;

/** One extension a plugin contributed to a point, once built. */
public record Contribution(String pluginId, Class<? extends Extension> point, Extension extension) {

    public Contribution {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(extension, "extension");
        if (!point.isInstance(extension)) {
            throw new IllegalArgumentException(extension.getClass().getName() + " is not a " + point.getName());
        }
    }
}
