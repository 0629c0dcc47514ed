package io.aleph4j.kernel.internal.plugin;

import io.aleph4j.api.Extension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What plugins contributed, per extension point. Open for contributions during the register phase, then
 * sealed and readable.
 */
public final class ExtensionRegistry {

    /** One contribution and the plugin it came from. */
    public record Contribution(String pluginId, Class<? extends Extension> point, Extension extension) {
    }

    private final Map<Class<? extends Extension>, List<Contribution>> byPoint = new LinkedHashMap<>();
    private volatile boolean sealed;

    public synchronized <T extends Extension> void contribute(String pluginId, Class<T> point, T extension) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(extension, "extension");
        if (sealed) {
            throw new IllegalStateException("plugin '" + pluginId + "' contributed a " + point.getSimpleName()
                    + " after the register phase; contribute from AlephPlugin.register");
        }
        if (!point.isInterface() || point == Extension.class) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' contributed to " + point.getName()
                    + ", which is not an extension point interface");
        }
        if (!point.isInstance(extension)) {
            throw new IllegalArgumentException("plugin '" + pluginId + "' contributed a "
                    + extension.getClass().getName() + " as " + point.getSimpleName() + ", which it does not implement");
        }
        byPoint.computeIfAbsent(point, p -> new ArrayList<>()).add(new Contribution(pluginId, point, extension));
    }

    public void seal() {
        sealed = true;
    }

    public <T extends Extension> List<T> extensions(String askingPluginId, Class<T> point) {
        if (!sealed) {
            throw new IllegalStateException("plugin '" + askingPluginId + "' looked up " + point.getSimpleName()
                    + " before every plugin registered; look extensions up from AlephPlugin.start");
        }
        return byPoint.getOrDefault(point, List.of()).stream().map(c -> point.cast(c.extension())).toList();
    }

    public synchronized List<Contribution> all() {
        return byPoint.values().stream().flatMap(List::stream).toList();
    }

    public boolean has(Class<? extends Extension> point) {
        return !byPoint.getOrDefault(point, List.of()).isEmpty();
    }
}
