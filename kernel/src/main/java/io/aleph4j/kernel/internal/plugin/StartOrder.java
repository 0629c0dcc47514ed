package io.aleph4j.kernel.internal.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The order plugins start in: a plugin that requires an extension point starts after every plugin contributing to
 * it, so that what {@code NodeContext.state()} promises ("answers from start on") holds whatever order the plugins
 * were found in; otherwise the order they were loaded in. A cycle (two plugins requiring each other's points)
 * leaves the plugins in it in load order.
 */
public final class StartOrder {

    private StartOrder() {
    }

    /**
     * @param plugins   in load order
     * @param id        a plugin's id
     * @param required  the extension points a plugin requires
     * @param providers extension point → the ids of the plugins contributing to it
     */
    public static <T> List<T> of(List<T> plugins, Function<T, String> id,
                                 Function<T, ? extends Collection<? extends Class<?>>> required,
                                 Map<? extends Class<?>, ? extends Set<String>> providers) {
        List<T> ordered = new ArrayList<>();
        Set<String> started = new HashSet<>();
        List<T> waiting = new ArrayList<>(plugins);
        while (!waiting.isEmpty()) {
            T next = waiting.stream().filter(plugin -> started.containsAll(startsAfter(plugin, id, required,
                    providers))).findFirst().orElse(waiting.get(0));
            waiting.remove(next);
            started.add(id.apply(next));
            ordered.add(next);
        }
        return List.copyOf(ordered);
    }

    private static <T> Set<String> startsAfter(T plugin, Function<T, String> id,
                                               Function<T, ? extends Collection<? extends Class<?>>> required,
                                               Map<? extends Class<?>, ? extends Set<String>> providers) {
        Set<String> before = new LinkedHashSet<>();
        for (Class<?> point : required.apply(plugin)) {
            before.addAll(providers.containsKey(point) ? providers.get(point) : Set.of());
        }
        before.remove(id.apply(plugin));
        return before;
    }
}
