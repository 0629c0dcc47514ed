package io.aleph4j.plugins.vm.wasm;

import io.aleph4j.api.config.PluginConfig;

/** vm-wasm's config, typed: how much a program may be given and may answer, in bytes. */
record WasmConfig(long maxOutputBytes, long maxBodyBytes) {

    static WasmConfig from(PluginConfig section) {
        return new WasmConfig(section.get(VmWasmPlugin.MAX_OUTPUT_MIB) * 1024L * 1024,
                section.get(VmWasmPlugin.MAX_BODY_MIB) * 1024L * 1024);
    }
}
