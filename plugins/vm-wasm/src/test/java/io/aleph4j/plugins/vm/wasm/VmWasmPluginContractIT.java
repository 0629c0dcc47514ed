package io.aleph4j.plugins.vm.wasm;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Extension;
import io.aleph4j.api.vm.VmRuntime;
import io.aleph4j.testkit.PluginContract;
import java.util.Set;

final class VmWasmPluginContractIT extends PluginContract {

    @Override
    protected String pluginId() {
        return "vm-wasm";
    }

    @Override
    protected Class<? extends AlephPlugin> pluginClass() {
        return VmWasmPlugin.class;
    }

    @Override
    protected Set<Class<? extends Extension>> contributedExtensions() {
        return Set.of(VmRuntime.class);
    }
}
