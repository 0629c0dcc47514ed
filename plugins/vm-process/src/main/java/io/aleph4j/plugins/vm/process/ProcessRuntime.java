package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmInterface;
import io.aleph4j.api.vm.VmRuntime;
import io.aleph4j.api.vm.VmSpec;
import io.aleph4j.plugins.support.Directories;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs each program as a process in a bubblewrap sandbox ({@link SandboxCommand}) and reaches its port 8080
 * through a unix socket ({@link UnixSocketHttp}). A program is started when it listens; it is stopped by killing
 * the sandbox, whose namespace takes every process the program started with it.
 */
final class ProcessRuntime implements VmRuntime, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProcessRuntime.class.getName());

    private final ProcessConfig config;
    private final UnixSocketHttp http = new UnixSocketHttp();
    /** Empty where the host's cgroups cannot be written: programs then run without resource limits. */
    private final Optional<CgroupLimits> limits;
    /** Whether the Python serves ASGI: asked once, the first time an ASGI program comes. */
    private final Supplier<Optional<String>> asgiRefusal;

    @Inject
    ProcessRuntime(ProcessConfig config) {
        this.config = config;
        this.asgiRefusal = memoize(this::checkAsgi);
        CgroupLimits.Detection detection = CgroupLimits.detect(config.maxProcesses());
        this.limits = detection.limits();
        if (limits.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "vm-process limits programs' memory, CPU and processes with "
                    + detection.description());
        } else {
            LOG.log(System.Logger.Level.WARNING, "vm-process runs programs WITHOUT memory, CPU or process limits: "
                    + detection.description());
        }
    }

    /** Whether programs' memory, CPU and process count are limited on this host. */
    boolean limited() {
        return limits.isPresent();
    }

    @Override
    public String id() {
        return "process";
    }

    @Override
    public Optional<String> refusal(VmSpec spec) {
        if ("wasi".equals(spec.runtime())) {
            return Optional.of("a WebAssembly module runs on vm-wasm, not as a process");
        }
        if (!Files.isExecutable(config.bwrap())) {
            return Optional.of("vm-process needs bubblewrap, and " + config.bwrap()
                    + " is not an executable (Debian package bubblewrap; config vm-process.bwrap)");
        }
        if (!Files.isExecutable(config.socat())) {
            return Optional.of("vm-process needs socat, and " + config.socat()
                    + " is not an executable (Debian package socat; config vm-process.socat)");
        }
        if (spec.internet() && !Files.isExecutable(config.slirp4netns())) {
            return Optional.of("the program asks for the internet (environment.internet), which vm-process gives "
                    + "with slirp4netns, and " + config.slirp4netns() + " is not an executable (Debian package "
                    + "slirp4netns; config vm-process.slirp4netns)");
        }
        return spec.vmInterface() == VmInterface.ASGI ? asgiRefusal.get() : Optional.empty();
    }

    @Override
    public RunningVm start(VmSpec spec) throws VmException {
        Path run;
        try {
            // The relay's socket lives in a directory of the temporary root, not in the work directory: a unix
            // socket's path is limited to 107 bytes, which a node's data directory plus an item hash exceeds.
            run = Files.createTempDirectory("aleph4j-vm-");
            Files.createDirectories(spec.logFile().getParent());
        } catch (IOException e) {
            throw new VmException(VmException.Kind.START_FAILED, "cannot prepare the program's directories: "
                    + e.getMessage(), e);
        }
        String eventToken = EventToken.fresh();
        java.io.RandomAccessFile networkRelease = null;
        try {
            if (spec.vmInterface() == VmInterface.ASGI) {
                AsgiWrapper.writeTo(run);
            }
            if (spec.internet()) {
                networkRelease = Egress.prepare(run);
            }
        } catch (IOException e) {
            Directories.deleteTreeQuietly(run);
            throw new VmException(VmException.Kind.START_FAILED, "cannot prepare the program's sandbox: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Directories.deleteTreeQuietly(run);
            throw new VmException(VmException.Kind.START_FAILED, "interrupted while preparing the sandbox", e);
        }
        List<String> command = SandboxCommand.of(config, spec, run, eventToken);
        if (spec.internet()) {
            command = Egress.opening(run, command);
        }
        String cgroup = "vm-" + spec.itemHash().substring(0, Math.min(12, spec.itemHash().length())) + "-"
                + Long.toHexString(System.nanoTime());
        if (limits.isPresent()) {
            try {
                command = joiningFirst(limits.get().create(cgroup, spec), command);
            } catch (IOException e) {
                limits.get().remove(cgroup);
                deleteQuietly(run);
                throw new VmException(VmException.Kind.START_FAILED, "cannot make the program's cgroups: "
                        + e.getMessage(), e);
            }
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            limits.ifPresent(cgroups -> cgroups.remove(cgroup));
            deleteQuietly(run);
            throw new VmException(VmException.Kind.START_FAILED, "cannot start " + config.bwrap() + ": "
                    + e.getMessage(), e);
        }
        Optional<Process> network = Optional.empty();
        if (networkRelease != null) {
            try {
                network = Optional.of(Egress.attach(config.slirp4netns(), run, process, networkRelease,
                        config.startTimeout()));
            } catch (VmException e) {
                process.destroyForcibly();
                limits.ifPresent(cgroups -> cgroups.remove(cgroup));
                Directories.deleteTreeQuietly(run);
                throw e;
            }
        }
        Optional<Process> slirp = network;
        RunningProcess running = new RunningProcess(process, run, http, spec.logFile(),
                spec.vmInterface() == VmInterface.ASGI ? Optional.of(eventToken) : Optional.empty(),
                () -> limits.flatMap(cgroups -> cgroups.outOfMemory(cgroup)),
                () -> {
                    slirp.ifPresent(Process::destroyForcibly);
                    limits.ifPresent(cgroups -> cgroups.remove(cgroup));
                });
        running.awaitListening(config.startTimeout());
        return running;
    }

    /** The command behind a shell that first joins the program's cgroups, so that all it starts is inside them. */
    private static List<String> joiningFirst(List<Path> procsFiles, List<String> command) {
        StringBuilder script = new StringBuilder();
        for (Path procs : procsFiles) {
            script.append("echo $$ > '").append(procs).append("' && ");
        }
        script.append("exec \"$@\"");
        List<String> joined = new java.util.ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "aleph-vm-limits"));
        joined.addAll(command);
        return joined;
    }

    /** The run directory of a start that failed before its process existed (it is still empty). */
    private static void deleteQuietly(Path run) {
        try {
            Files.deleteIfExists(run);
        } catch (IOException e) {
            // An empty directory left in the temporary root is harmless.
        }
    }

    private Optional<String> checkAsgi() {
        if (!Files.isExecutable(config.python())) {
            return Optional.of("ASGI programs need Python with uvicorn, and " + config.python()
                    + " is not an executable (Debian packages python3, python3-uvicorn; config vm-process.python)");
        }
        try {
            Process check = new ProcessBuilder(config.python().toString(), "-c", "import uvicorn")
                    .redirectErrorStream(true).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return Optional.of(config.python() + " did not answer whether it has uvicorn within 30 s");
            }
            return check.exitValue() == 0 ? Optional.empty() : Optional.of("ASGI programs need uvicorn, which "
                    + config.python() + " cannot import (Debian package python3-uvicorn)");
        } catch (IOException e) {
            return Optional.of("cannot run " + config.python() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + config.python());
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
