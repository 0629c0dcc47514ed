package io.aleph4j.kernel.internal.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Scopes;
import com.google.inject.spi.Message;
import io.aleph4j.api.Extension;
import io.aleph4j.api.config.ConfigException;
import io.aleph4j.api.config.PluginConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds what one plugin declared, in a Guice injector of its own: a child of the injector that made its entry
 * object (which sees the kernel's services), holding its typed config, its services and its extension classes as
 * singletons. Plugin classes never land in the kernel's injector, and one plugin's bindings are invisible to
 * another's.
 */
final class PluginInjection {

    /**
     * What one plugin's injector built.
     *
     * @param closeables the objects the node built from the plugin's classes (services and extensions) that are
     *                   {@link AutoCloseable}, in build order: the node closes them, in reverse, after the plugin
     *                   stops. Instances the plugin handed over are its own to close.
     */
    record Built(List<Contribution> contributions, List<AutoCloseable> closeables) {
    }

    private PluginInjection() {
    }

    /**
     * @param entryInjector the plugin's injector, which made its entry object and binds its context
     * @param config        the plugin's validated config section
     * @return the plugin's extensions, declared classes built, in declaration order, and what to close on stop
     * @throws WiringException naming the plugin, the class and what is missing
     */
    static Built build(String pluginId, String label, Injector entryInjector, PluginConfig config,
                                    PluginRegistration declared) {
        Injector injector;
        try {
            injector = entryInjector.createChildInjector(new DeclarationsModule(config, declared));
        } catch (CreationException e) {
            throw new WiringException(label + " cannot be wired: " + describe(e.getErrorMessages(), e), e);
        }
        List<Contribution> contributions = new ArrayList<>();
        for (PluginRegistration.ExtensionClass extension : declared.extensionClasses) {
            Object built;
            try {
                built = injector.getInstance(extension.implementation());
            } catch (ProvisionException e) {
                throw new WiringException(label + " cannot build its " + extension.point().getSimpleName() + " "
                        + extension.implementation().getName() + ": " + describe(e.getErrorMessages(), e), e);
            } catch (ConfigurationException e) {
                throw new WiringException(label + " cannot build its " + extension.point().getSimpleName() + " "
                        + extension.implementation().getName() + ": " + describe(e.getErrorMessages(), e), e);
            }
            contributions.add(new Contribution(pluginId, extension.point(), (Extension) built));
        }
        for (PluginRegistration.ExtensionInstance extension : declared.extensionInstances) {
            contributions.add(new Contribution(pluginId, extension.point(), extension.instance()));
        }
        return new Built(contributions, closeables(injector, declared));
    }

    /** The built services and extensions that hold resources, each once. */
    private static List<AutoCloseable> closeables(Injector injector, PluginRegistration declared) {
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<AutoCloseable> closeables = new ArrayList<>();
        List<Class<?>> built = new ArrayList<>();
        declared.services.stream().filter(service -> service.instance() == null)
                .forEach(service -> built.add(service.type()));
        declared.extensionClasses.forEach(extension -> built.add(extension.implementation()));
        for (Class<?> type : built) {
            Object instance = injector.getInstance(type);
            if (instance instanceof AutoCloseable closeable && seen.add(instance)) {
                closeables.add(closeable);
            }
        }
        return closeables;
    }

    /**
     * Guice's first message: what is missing or which constructor failed (its first line, without the links), with
     * the cause's own message; a config problem as such.
     */
    private static String describe(Collection<Message> messages, RuntimeException e) {
        for (Message message : messages) {
            Throwable cause = message.getCause();
            if (cause instanceof ConfigException config) {
                return "bad config: " + config.getMessage();
            }
            String first = message.getMessage().lines().findFirst().orElse("").strip();
            if (cause != null && cause.getMessage() != null && !first.contains(cause.getMessage())) {
                first = first + " (" + cause.getMessage() + ")";
            }
            return building(message).map(type -> "building " + type + ": ").orElse("") + first;
        }
        return e.getMessage();
    }

    /** The class Guice was building when the message arose, from its sources (the innermost one). */
    private static java.util.Optional<String> building(Message message) {
        String found = null;
        for (Object source : message.getSources()) {
            if (source instanceof com.google.inject.Key<?> key) {
                found = key.getTypeLiteral().getRawType().getName();
            } else if (source instanceof com.google.inject.spi.InjectionPoint point) {
                found = point.getMember().getDeclaringClass().getName();
            } else if (source instanceof Class<?> type) {
                found = type.getName();
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /** The plugin's declarations as bindings; every declared class is a singleton. */
    private static final class DeclarationsModule extends AbstractModule {

        private final PluginConfig config;
        private final PluginRegistration declared;

        DeclarationsModule(PluginConfig config, PluginRegistration declared) {
            this.config = config;
            this.declared = declared;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected void configure() {
            Set<Class<?>> bound = new HashSet<>();
            for (PluginRegistration.TypedConfig typed : declared.configs) {
                Class type = typed.type();
                Function<PluginConfig, ?> reader = typed.reader();
                bind(type).toProvider((com.google.inject.Provider) () -> reader.apply(config)).in(Scopes.SINGLETON);
                bound.add(type);
            }
            for (PluginRegistration.Service service : declared.services) {
                Class type = service.type();
                if (service.instance() != null) {
                    bind(type).toInstance(service.instance());
                } else if (service.implementation() == type) {
                    bind(type).in(Scopes.SINGLETON);
                } else {
                    bind(type).to(service.implementation()).in(Scopes.SINGLETON);
                }
                bound.add(type);
            }
            for (PluginRegistration.ExtensionClass extension : declared.extensionClasses) {
                if (bound.add(extension.implementation())) {
                    bind(extension.implementation()).in(Scopes.SINGLETON);
                }
            }
        }
    }
}
