package io.aleph4j.kernel.internal.wiring;

import io.aleph4j.api.Extension;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one plugin declared in its {@code register}: extensions (classes to build, or instances), services and its
 * typed config. Open during the plugin's register call only; {@link PluginInjection} builds the declared classes
 * afterwards.
 */
final class PluginRegistration implements Registrar {

    /** An extension to build from a class of the plugin's. */
    record ExtensionClass(Class<? extends Extension> point, Class<?> implementation) {
    }

    /** An extension the plugin built itself. */
    record ExtensionInstance(Class<? extends Extension> point, Extension instance) {
    }

    /** A type made injectable: bound to a class to build, or to an instance. */
    record Service(Class<?> type, Class<?> implementation, Object instance) {
    }

    /** The typed config and how to read it. */
    record TypedConfig(Class<?> type, Function<PluginConfig, ?> reader) {
    }

    private final String label;
    private final NodeContext context;
    final List<ExtensionClass> extensionClasses = new ArrayList<>();
    final List<ExtensionInstance> extensionInstances = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<TypedConfig> configs = new ArrayList<>();
    private boolean open = true;

    PluginRegistration(String label, NodeContext context) {
        this.label = label;
        this.context = context;
    }

    void close() {
        open = false;
    }

    @Override
    public NodeContext context() {
        return context;
    }

    @Override
    public <T extends Extension> void extension(Class<T> point, Class<? extends T> implementation) {
        requireOpen();
        checkPoint(point);
        Objects.requireNonNull(implementation, "implementation");
        if (!point.isAssignableFrom(implementation)) {
            throw new IllegalArgumentException(label + " contributed " + implementation.getName() + " as "
                    + point.getSimpleName() + ", which it does not implement");
        }
        if (implementation.isInterface() || java.lang.reflect.Modifier.isAbstract(implementation.getModifiers())) {
            throw new IllegalArgumentException(label + " contributed " + implementation.getName() + " as "
                    + point.getSimpleName() + ", but it cannot be built: it is abstract");
        }
        ExtensionClass declared = new ExtensionClass(point, implementation);
        if (extensionClasses.contains(declared)) {
            throw new IllegalArgumentException(label + " contributed " + implementation.getName() + " as "
                    + point.getSimpleName() + " twice");
        }
        extensionClasses.add(declared);
    }

    @Override
    public <T extends Extension> void extension(Class<T> point, T instance) {
        requireOpen();
        checkPoint(point);
        Objects.requireNonNull(instance, "instance");
        if (!point.isInstance(instance)) {
            throw new IllegalArgumentException(label + " contributed a " + instance.getClass().getName() + " as "
                    + point.getSimpleName() + ", which it does not implement");
        }
        if (extensionInstances.stream().anyMatch(other -> other.point() == point && other.instance() == instance)) {
            throw new IllegalArgumentException(label + " contributed the same " + instance.getClass().getName()
                    + " as " + point.getSimpleName() + " twice");
        }
        extensionInstances.add(new ExtensionInstance(point, instance));
    }

    @Override
    public <T> void service(Class<T> type, Class<? extends T> implementation) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementation, "implementation");
        services.add(new Service(type, implementation, null));
    }

    @Override
    public <T> void service(Class<T> type, T instance) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(instance, "instance");
        services.add(new Service(type, null, instance));
    }

    @Override
    public <C> void config(Class<C> type, Function<PluginConfig, ? extends C> reader) {
        requireOpen();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reader, "reader");
        configs.add(new TypedConfig(type, reader));
    }

    /** The extension points this plugin contributes to, for the status page and the summary. */
    List<Class<? extends Extension>> points() {
        List<Class<? extends Extension>> points = new ArrayList<>();
        extensionClasses.forEach(declared -> points.add(declared.point()));
        extensionInstances.forEach(declared -> points.add(declared.point()));
        return points;
    }

    private void checkPoint(Class<? extends Extension> point) {
        Objects.requireNonNull(point, "point");
        if (!point.isInterface() || point == Extension.class) {
            throw new IllegalArgumentException(label + " contributed to " + point.getName()
                    + ", which is not an extension point interface");
        }
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException(label + " declared something after its register phase; declare "
                    + "everything from AlephPlugin.register");
        }
    }
}
