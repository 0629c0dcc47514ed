package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A program's memory, CPU and process-count limits, through the host's cgroups: {@code resources.memory} MiB of
 * memory (past it, the kernel's OOM killer ends the program and the supervisor answers 502), {@code
 * resources.vcpus} cores of CPU time per period, and at most {@code maxProcesses} processes (a fork bomb gets
 * EAGAIN). The program's sandbox is started by a shell that first moves itself into the program's cgroups, so
 * nothing of the program ever runs outside them.
 *
 * <p>Both hierarchies are served: cgroup v2 (one tree; this node's own {@code aleph4j/} subtree of the root, with
 * the memory, pids and cpu controllers enabled for it) and cgroup v1 (one tree per controller). Where neither can
 * be written (a node not running as root, a container without its own cgroup namespace), {@link #detect} says
 * why and programs run without limits.
 */
final class CgroupLimits {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final long PERIOD_MICROS = 100_000;

    private final boolean unified;
    private final Path base;
    private final int maxProcesses;

    private CgroupLimits(boolean unified, Path base, int maxProcesses) {
        this.unified = unified;
        this.base = base;
        this.maxProcesses = maxProcesses;
    }

    /** The limits this host can enforce, or the reason it cannot. */
    static Detection detect(int maxProcesses) {
        try {
            if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
                String controllers = Files.readString(ROOT.resolve("cgroup.controllers"));
                if (!(controllers.contains("memory") && controllers.contains("pids") && controllers.contains("cpu"))) {
                    return Detection.none("cgroup v2 lacks the memory, pids or cpu controller here");
                }
                Files.writeString(ROOT.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
                Path base = Files.createDirectories(ROOT.resolve("aleph4j"));
                Files.writeString(base.resolve("cgroup.subtree_control"), "+memory +pids +cpu");
                return Detection.of(new CgroupLimits(true, base, maxProcesses), "cgroup v2 (memory, pids, cpu)");
            }
            for (String controller : List.of("memory", "pids", "cpu")) {
                if (!Files.isDirectory(ROOT.resolve(controller))) {
                    return Detection.none("no cgroup v1 " + controller + " hierarchy under " + ROOT);
                }
                Files.createDirectories(ROOT.resolve(controller).resolve("aleph4j"));
            }
            return Detection.of(new CgroupLimits(false, ROOT, maxProcesses), "cgroup v1 (memory, pids, cpu)");
        } catch (IOException | RuntimeException e) {
            return Detection.none("cannot write the cgroup tree " + ROOT + " (" + e.getMessage()
                    + "): run the node as root or give it a delegated cgroup");
        }
    }

    /**
     * Makes the program's cgroups with its limits, and answers the {@code cgroup.procs} files the sandbox's starting
     * shell must join.
     */
    List<Path> create(String name, VmSpec spec) throws IOException {
        long memory = (long) spec.memoryMib() * 1024 * 1024;
        long quota = spec.vcpus() * PERIOD_MICROS;
        if (unified) {
            Path group = Files.createDirectories(base.resolve(name));
            Files.writeString(group.resolve("memory.max"), Long.toString(memory));
            writeIfPresent(group.resolve("memory.swap.max"), "0");
            Files.writeString(group.resolve("pids.max"), Integer.toString(maxProcesses));
            Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
            return List.of(group.resolve("cgroup.procs"));
        }
        Path memoryGroup = Files.createDirectories(base.resolve("memory/aleph4j").resolve(name));
        Files.writeString(memoryGroup.resolve("memory.limit_in_bytes"), Long.toString(memory));
        // With swap accounting, memory + swap is bounded too, so that the limit is not escaped into swap.
        writeIfPresent(memoryGroup.resolve("memory.memsw.limit_in_bytes"), Long.toString(memory));
        Path pidsGroup = Files.createDirectories(base.resolve("pids/aleph4j").resolve(name));
        Files.writeString(pidsGroup.resolve("pids.max"), Integer.toString(maxProcesses));
        Path cpuGroup = Files.createDirectories(base.resolve("cpu/aleph4j").resolve(name));
        Files.writeString(cpuGroup.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
        Files.writeString(cpuGroup.resolve("cpu.cfs_quota_us"), Long.toString(quota));
        return List.of(memoryGroup.resolve("cgroup.procs"), pidsGroup.resolve("cgroup.procs"),
                cpuGroup.resolve("cgroup.procs"));
    }

    /** Removes the program's cgroups once its processes are gone (a cgroup with a process in it cannot be removed). */
    void remove(String name) {
        List<Path> groups = new ArrayList<>();
        if (unified) {
            groups.add(base.resolve(name));
        } else {
            for (String controller : List.of("memory", "pids", "cpu")) {
                groups.add(base.resolve(controller).resolve("aleph4j").resolve(name));
            }
        }
        for (Path group : groups) {
            for (int attempt = 0; attempt < 20 && Files.exists(group); attempt++) {
                try {
                    Files.delete(group);
                } catch (IOException e) {
                    sleep();
                }
            }
        }
    }

    /** Whether the program's memory cgroup recorded an OOM kill (v2) or hit its limit (v1). */
    Optional<String> outOfMemory(String name) {
        try {
            if (unified) {
                Path events = base.resolve(name).resolve("memory.events");
                if (Files.exists(events) && !Files.readString(events).contains("oom_kill 0")) {
                    return Optional.of("it was killed for using more than its memory");
                }
            } else {
                Path group = base.resolve("memory/aleph4j").resolve(name);
                Path oom = group.resolve("memory.oom_control");
                if (Files.exists(oom) && Files.readString(oom).lines().anyMatch(line -> line.startsWith("oom_kill ")
                        && !line.equals("oom_kill 0"))) {
                    return Optional.of("it was killed for using more than its memory");
                }
                for (String counter : List.of("memory.failcnt", "memory.memsw.failcnt")) {
                    Path failures = group.resolve(counter);
                    if (Files.exists(failures) && !Files.readString(failures).strip().equals("0")) {
                        return Optional.of("it reached its memory limit");
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                // Swap limits are refused where swap is not accounted; the memory limit stands alone then.
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@link #detect} found: limits, or why there are none. */
    record Detection(Optional<CgroupLimits> limits, String description) {

        static Detection of(CgroupLimits limits, String description) {
            return new Detection(Optional.of(limits), description);
        }

        static Detection none(String reason) {
            return new Detection(Optional.empty(), reason);
        }
    }
}
