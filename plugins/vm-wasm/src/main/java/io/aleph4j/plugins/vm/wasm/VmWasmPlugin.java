package io.aleph4j.plugins.vm.wasm;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.vm.VmRuntime;
import java.util.List;

/** Contributes the {@code wasm} {@link VmRuntime}: programs that are WASI modules, run inside the JVM. */
public final class VmWasmPlugin implements AlephPlugin {

    static final ConfigKey<Integer> MAX_OUTPUT_MIB = ConfigKey.integer("max-output-mib", 64,
            "The most a program may write to stdout for one response (MiB); past it the request gets 502.");
    static final ConfigKey<Integer> MAX_BODY_MIB = ConfigKey.integer("max-body-mib", 64,
            "The largest request body a program is given on stdin (MiB); a larger one gets 413.");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(MAX_OUTPUT_MIB, MAX_BODY_MIB);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(WasmConfig.class, WasmConfig::from);
        registrar.extension(VmRuntime.class, WasmRuntime.class);
    }
}
