package io.aleph4j.kernel.internal.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.PluginConfig;
import java.util.Arrays;

/**
 * Creates a plugin's entry point in a Guice child injector of its own ("Guice inside, never across"): the entry
 * class may have an {@code @jakarta.inject.Inject} constructor taking {@link NodeContext}. The entry class is
 * bound explicitly in the child, so its binding (and its class loader) never lands in the kernel's injector; the
 * child is the parent of the injector that later builds the plugin's extensions, which may receive the entry object.
 */
public final class PluginInstantiator {

    /** A plugin's entry object and the injector that holds it with the plugin's context. */
    public record Entry(AlephPlugin plugin, Injector injector) {
    }

    private final Injector kernelInjector;

    public PluginInstantiator(Injector kernelInjector) {
        this.kernelInjector = kernelInjector;
    }

    /** Loads and creates the entry class named by the candidate's descriptor. */
    public Entry create(PluginCandidate candidate, ClassLoader classLoader, NodeContext context) {
        String className = candidate.descriptor().getPluginClass();
        if (className == null || className.isBlank()) {
            throw new PluginLoadException(candidate.label() + " names no entry class: set plugin.class in its "
                    + DescriptorFinder.FILE_NAME);
        }
        Class<?> entryClass;
        try {
            entryClass = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PluginLoadException(candidate.label() + ": its entry class " + className + " cannot be loaded: "
                    + e, e);
        }
        if (!AlephPlugin.class.isAssignableFrom(entryClass)) {
            throw new PluginLoadException(candidate.label() + ": " + diagnoseNotAPlugin(entryClass));
        }
        return instantiate(candidate, entryClass.asSubclass(AlephPlugin.class), context);
    }

    /** Wraps an entry object the embedding application created (an inline plugin). */
    public <T extends AlephPlugin> Entry adopt(T plugin, NodeContext context) {
        @SuppressWarnings("unchecked")
        Class<T> entryClass = (Class<T>) plugin.getClass();
        Injector child = kernelInjector.createChildInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(NodeContext.class).toInstance(context);
                bind(PluginConfig.class).toInstance(context.config());
                bind(entryClass).toProvider(com.google.inject.util.Providers.of(plugin));
            }
        });
        return new Entry(plugin, child);
    }

    private <T extends AlephPlugin> Entry instantiate(PluginCandidate candidate, Class<T> entryClass,
                                                      NodeContext context) {
        try {
            Injector child = kernelInjector.createChildInjector(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(NodeContext.class).toInstance(context);
                    bind(PluginConfig.class).toInstance(context.config());
                    bind(entryClass).in(com.google.inject.Scopes.SINGLETON);
                }
            });
            return new Entry(child.getInstance(entryClass), child);
        } catch (CreationException | ConfigurationException | ProvisionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PluginLoadException(candidate.label() + ": cannot create its entry class "
                    + entryClass.getName() + " (it needs a public no-argument constructor or an @Inject one taking "
                    + "NodeContext): " + cause.getMessage(), e);
        }
    }

    private static String diagnoseNotAPlugin(Class<?> entryClass) {
        boolean foreignApi = Arrays.stream(entryClass.getInterfaces())
                .anyMatch(type -> type.getName().equals(AlephPlugin.class.getName()));
        if (foreignApi) {
            return "its archive bundles its own copy of plugin-api, so its entry class " + entryClass.getName()
                    + " implements a different AlephPlugin; declare aleph4j-plugin-api with scope provided";
        }
        return "its entry class " + entryClass.getName() + " does not implement " + AlephPlugin.class.getName();
    }
}
