package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.vm.VmRuntime;
import java.util.List;

/** Contributes the {@code process} {@link VmRuntime}: programs as sandboxed processes (bubblewrap). */
public final class VmProcessPlugin implements AlephPlugin {

    static final ConfigKey<String> BWRAP = ConfigKey.string("bwrap", "/usr/bin/bwrap",
            "The bubblewrap executable (Debian package bubblewrap).");
    static final ConfigKey<String> SOCAT = ConfigKey.string("socat", "/usr/bin/socat",
            "socat, which relays the program's HTTP port to a unix socket out of the sandbox (Debian package socat).");
    static final ConfigKey<String> PYTHON = ConfigKey.string("python", "/usr/bin/python3",
            "The Python that serves ASGI programs with uvicorn (Debian packages python3, python3-uvicorn).");
    static final ConfigKey<java.time.Duration> START_TIMEOUT = ConfigKey.duration("start-timeout",
            java.time.Duration.ofSeconds(20),
            "How long a program has to listen on port 8080 after it is started (the reference's INIT_TIMEOUT).");

    static final ConfigKey<Integer> MAX_PROCESSES = ConfigKey.integer("max-processes", 256,
            "The most processes and threads one program may have at once (its cgroup's pids.max).");

    static final ConfigKey<String> SLIRP4NETNS = ConfigKey.string("slirp4netns", "/usr/bin/slirp4netns",
            "slirp4netns, which gives programs with environment.internet their network (Debian package slirp4netns).");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(BWRAP, SOCAT, PYTHON, START_TIMEOUT, MAX_PROCESSES, SLIRP4NETNS);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(ProcessConfig.class, ProcessConfig::from);
        registrar.extension(VmRuntime.class, ProcessRuntime.class);
    }
}
