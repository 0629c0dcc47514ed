package io.aleph4j.api;

/**
 * The common super-type of every extension point: {@code ChainBridge}, {@code StateStore}, {@code ContentStore},
 * {@code ContentSource}, {@code HttpRoutes}, and the incubating ones ({@code io.aleph4j.api.incubating}). A plugin
 * contributes implementations in {@link AlephPlugin#register(Registrar)}; the kernel and other plugins find them
 * by type.
 */
public interface Extension {

    /** A short name for logs and the registration summary; the class's simple name unless overridden. */
    default String extensionName() {
        return getClass().getSimpleName();
    }
}
