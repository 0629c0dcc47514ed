package io.aleph4j.kernel.internal.wiring;

import io.aleph4j.kernel.NodeStartException;
import io.aleph4j.kernel.internal.plugin.LoadedPlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * The register phase: every plugin declares what it contributes, then each one's declarations are built in its own
 * injector. Nothing is built before every plugin has registered, so a plugin that fails to register stops the start
 * before any extension exists.
 */
public final class PluginWiring {

    private PluginWiring() {
    }

    /**
     * What the node built for one plugin.
     *
     * @param closeables what to close, in reverse, once the plugin has stopped
     */
    public record Wired(LoadedPlugin plugin, List<Contribution> contributions, List<AutoCloseable> closeables) {
    }

    /**
     * @return each plugin's extensions and closeables, in plugin start order
     * @throws NodeStartException naming the plugin that failed to register or whose classes cannot be built
     */
    public static List<Wired> wire(List<LoadedPlugin> plugins) {
        List<PluginRegistration> registrations = new ArrayList<>();
        for (LoadedPlugin loaded : plugins) {
            PluginRegistration registration = new PluginRegistration(loaded.label(), loaded.context());
            try {
                loaded.plugin().register(registration);
            } catch (Exception e) {
                throw new NodeStartException(loaded.label() + " failed to register: " + describe(e), e);
            } finally {
                registration.close();
            }
            registrations.add(registration);
        }
        List<Wired> wired = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            LoadedPlugin loaded = plugins.get(i);
            PluginInjection.Built built;
            try {
                built = PluginInjection.build(loaded.id(), loaded.label(), loaded.injector(),
                        loaded.context().config(), registrations.get(i));
            } catch (WiringException e) {
                throw new NodeStartException(e.getMessage(), e);
            }
            wired.add(new Wired(loaded, built.contributions(), built.closeables()));
        }
        return wired;
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }
}
