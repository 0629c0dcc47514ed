package io.aleph4j.kernel.internal.plugin;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import io.aleph4j.api.Extension;
import java.util.List;
import java.util.Set;

/**
 * Every extension point's contributions, as the node's injector gathered them ({@link ExtensionsModule}), for
 * {@code NodeContext.extensions}: readable once the node has assembled, before any plugin starts.
 */
public final class NodeExtensions {

    private volatile Injector assembled;

    /** Called once, with the injector that holds the extension points' sets. */
    public void assembled(Injector injector) {
        this.assembled = injector;
    }

    <T extends Extension> List<T> of(String askingPluginId, Class<T> point) {
        Injector injector = assembled;
        if (injector == null) {
            throw new IllegalStateException("plugin '" + askingPluginId + "' looked up " + point.getSimpleName()
                    + " before every plugin's extensions were built; look extensions up from AlephPlugin.start");
        }
        return of(injector, point);
    }

    /** The contributions to {@code point} in plugin start order; empty when nothing contributes one. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> of(Injector injector, Class<T> point) {
        Key<Set<T>> key = (Key<Set<T>>) Key.get(Types.setOf(point));
        if (injector.getExistingBinding(key) == null) {
            return List.of();
        }
        return List.copyOf(injector.getInstance(key));
    }
}
