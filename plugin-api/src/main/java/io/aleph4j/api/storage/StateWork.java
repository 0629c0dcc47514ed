package io.aleph4j.api.storage;

/** Work done inside one state transaction. */
@FunctionalInterface
public interface StateWork<T> {
    T apply(StateTransaction transaction);
}
