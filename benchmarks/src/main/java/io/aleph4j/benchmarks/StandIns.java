package io.aleph4j.benchmarks;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.Registrar;

/** Wraps a benchmark's stand-in extension ({@link NullStateStore}, {@link TrustingBridge}) as a plugin. */
final class StandIns {

    private StandIns() {
    }

    static <E extends Extension> AlephPlugin contributing(Class<E> type, E extension) {
        return new AlephPlugin() {
            @Override
            public void register(Registrar registrar) {
                registrar.extension(type, extension);
            }
        };
    }
}
