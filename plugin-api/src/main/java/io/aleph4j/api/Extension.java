package io.aleph4j.api;

/**
 * The common super-type of every extension point (ChainBridge, ContentStore, StateStore, Transport,
 * ContentHandler, DidMethod, Indexer, VmRuntime, HttpRoutes). A plugin contributes implementations of these
 * through {@link NodeContext#contribute(Class, Extension)}; other plugins look them up by type.
 */
public interface Extension {

    /** A short name for logs and the registration summary; the class's simple name unless overridden. */
    default String extensionName() {
        return getClass().getSimpleName();
    }
}
