package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.config.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;

/** vm-process's config, typed: the host tools it runs, the start timeout and the process limit. */
record ProcessConfig(Path bwrap, Path socat, Path python, Duration startTimeout, int maxProcesses,
                     Path slirp4netns) {

    static ProcessConfig from(PluginConfig section) {
        return new ProcessConfig(Path.of(section.get(VmProcessPlugin.BWRAP)), Path.of(section.get(VmProcessPlugin.SOCAT)),
                Path.of(section.get(VmProcessPlugin.PYTHON)), section.get(VmProcessPlugin.START_TIMEOUT),
                section.get(VmProcessPlugin.MAX_PROCESSES), Path.of(section.get(VmProcessPlugin.SLIRP4NETNS)));
    }
}
