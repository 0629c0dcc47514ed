package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.plugins.support.Directories;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmRuntime;
import io.aleph4j.api.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The programs this CRN runs. An on-demand program starts on its first request and is kept for the next ones;
 * it stops once no request has been in flight for the reuse timeout (the reference's {@code REUSE_TIMEOUT}). A
 * program that died is started again by the next request. Starts of one program are serialized; different programs
 * start in parallel.
 */
final class ExecutionPool implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ExecutionPool.class.getName());
    private static final String ALLOCATIONS_FILE = "allocations.json";

    private final ProgramResolver resolver;
    private final List<VmRuntime> runtimes;
    private final Path root;
    private final Duration reuseTimeout;
    private final Clock clock;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> startLocks = new ConcurrentHashMap<>();
    /** Programs a scheduler allocated here: started at once and never stopped for idleness. */
    private final java.util.Set<String> allocated = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper;

    ExecutionPool(ProgramResolver resolver, List<VmRuntime> runtimes, Path root, Duration reuseTimeout, Clock clock) {
        this.resolver = resolver;
        this.runtimes = List.copyOf(runtimes);
        this.root = root;
        this.reuseTimeout = reuseTimeout;
        this.clock = clock;
        this.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("crn-idle-reaper").factory());
        long period = Math.max(100, Math.min(reuseTimeout.toMillis() / 2, 10_000));
        reaper.scheduleWithFixedDelay(this::stopIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The program's running execution, started if needed, with one request counted in flight: the caller ends it
     * with {@link Execution#end}.
     */
    Execution acquire(ItemHash hash) throws ProgramProblem, VmException {
        ReentrantLock lock = startLocks.computeIfAbsent(hash.value(), key -> new ReentrantLock());
        lock.lock();
        try {
            Execution current = executions.get(hash.value());
            if (current != null && current.vm().alive()) {
                current.begin();
                return current;
            }
            if (current != null) {
                LOG.log(System.Logger.Level.WARNING, "program {0} died; starting it again", hash.value());
                stop(hash.value());
            }
            Execution started = start(hash);
            started.begin();
            executions.put(hash.value(), started);
            return started;
        } finally {
            lock.unlock();
        }
    }

    private Execution start(ItemHash hash) throws ProgramProblem, VmException {
        Instant defined = clock.instant();
        ProgramDefinition program = resolver.definition(hash);
        String runtimeName = resolver.runtime(program);
        Path code = resolver.code(program);
        Path work = root.resolve("work").resolve(hash.value());
        deleteTree(work);
        List<io.aleph4j.api.vm.VmVolume> volumes = resolver.volumes(program, work, persistentVolumes(hash.value()));
        VmSpec spec = new VmSpec(hash.value(), code, program.entrypoint(), program.vmInterface(), program.args(),
                program.variables(), program.vcpus(), program.memoryMib(), program.internet(), volumes,
                runtimeName, work, logFile(hash.value()));
        List<String> refusals = new ArrayList<>();
        for (VmRuntime runtime : runtimes) {
            Optional<String> refusal = runtime.refusal(spec);
            if (refusal.isPresent()) {
                refusals.add(runtime.id() + ": " + refusal.get());
                continue;
            }
            RunningVm vm = runtime.start(spec);
            LOG.log(System.Logger.Level.INFO, "started program {0} on runtime {1}", hash.value(), runtime.id());
            return new Execution(hash.value(), program, vm, runtime.id(), defined, clock.instant());
        }
        throw new ProgramProblem(503, refusals.isEmpty() ? "this CRN has no VM runtime (add vm-process)"
                : "no runtime of this CRN can run the program: " + String.join("; ", refusals));
    }

    /** What an allocation did, as the reference answers it. */
    record Allocation(List<String> successful, List<String> failing, List<String> stopped, Map<String, String> errors) {
    }

    /**
     * Makes {@code wanted} the set of allocated programs: those allocated before and not now are stopped, each
     * wanted one is started if it does not run (one after the other, as the reference does).
     */
    synchronized Allocation allocate(java.util.Set<ItemHash> wanted) {
        Allocation done = reconcile(wanted);
        saveAllocations();
        return done;
    }

    /**
     * Starts again what was allocated before the node stopped (the programs stop with it): the allocation set is
     * kept in {@code allocations.json}, so a restarted CRN runs its persistent programs without waiting for the
     * scheduler's next round.
     */
    synchronized Allocation restoreAllocations() {
        Path file = root.resolve(ALLOCATIONS_FILE);
        java.util.Set<ItemHash> saved = new java.util.LinkedHashSet<>();
        if (java.nio.file.Files.exists(file)) {
            try {
                for (com.fasterxml.jackson.databind.JsonNode hash : new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(file.toFile())) {
                    saved.add(ItemHash.of(hash.asText()));
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "the saved allocations could not be read; none restored", e);
            }
        }
        return reconcile(saved);
    }

    private void saveAllocations() {
        try {
            java.nio.file.Files.createDirectories(root);
            Path temporary = root.resolve(ALLOCATIONS_FILE + ".tmp");
            new com.fasterxml.jackson.databind.ObjectMapper().writeValue(temporary.toFile(),
                    allocated.stream().sorted().toList());
            java.nio.file.Files.move(temporary, root.resolve(ALLOCATIONS_FILE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the allocations could not be saved; a restart may not restore them",
                    e);
        }
    }

    private Allocation reconcile(java.util.Set<ItemHash> wanted) {
        java.util.Set<String> hashes = new java.util.LinkedHashSet<>();
        wanted.forEach(hash -> hashes.add(hash.value()));
        List<String> stopped = new ArrayList<>();
        for (String previous : List.copyOf(allocated)) {
            if (!hashes.contains(previous)) {
                allocated.remove(previous);
                if (stop(previous)) {
                    stopped.add(previous);
                }
            }
        }
        List<String> successful = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        for (ItemHash hash : wanted) {
            try {
                ensureRunning(hash);
                allocated.add(hash.value());
                successful.add(hash.value());
            } catch (ProgramProblem | VmException e) {
                failing.add(hash.value());
                errors.put(hash.value(), e.getMessage());
            }
        }
        return new Allocation(successful, failing, stopped, errors);
    }

    /** Runs the program (started if needed) on a message its subscriptions matched, within its seconds. */
    void deliver(ItemHash hash, String messageJson) throws ProgramProblem, VmException {
        Execution execution = acquire(hash);
        try {
            execution.vm().deliverMessage(messageJson, Duration.ofSeconds(execution.program().seconds())).body()
                    .close();
        } catch (java.io.IOException e) {
            // The answer's body is not used: an event has no client to read it.
        } finally {
            execution.end(clock.instant());
        }
    }

    /** Starts the program unless it runs, with no request in flight. */
    void ensureRunning(ItemHash hash) throws ProgramProblem, VmException {
        acquire(hash).end(clock.instant());
    }

    /** Stops the program and forgets its allocation, so that only a new request or allocation starts it again. */
    synchronized boolean stopAndForget(String itemHash) {
        if (allocated.remove(itemHash)) {
            saveAllocations();
        }
        return stop(itemHash);
    }

    /** Where the program's persistent volumes are kept, one directory each, between executions. */
    Path persistentVolumes(String itemHash) {
        return root.resolve("volumes").resolve(itemHash);
    }

    /** Where the program's output is kept. */
    Path logFile(String itemHash) {
        return root.resolve("logs").resolve(itemHash + ".log");
    }

    /** Stops the program if it runs; whether it did. */
    boolean stop(String itemHash) {
        Execution execution = executions.remove(itemHash);
        if (execution == null) {
            return false;
        }
        execution.vm().close();
        deleteTree(root.resolve("work").resolve(itemHash));
        LOG.log(System.Logger.Level.INFO, "stopped program {0}", itemHash);
        return true;
    }

    /** The running executions, by item hash. */
    List<Execution> running() {
        return executions.values().stream().sorted(Comparator.comparing(Execution::itemHash)).toList();
    }

    private void stopIdle() {
        Instant limit = clock.instant().minus(reuseTimeout);
        for (Execution execution : executions.values()) {
            if (!execution.program().persistent() && !allocated.contains(execution.itemHash()) && execution.idle()
                    && execution.lastUsed().isBefore(limit)) {
                ReentrantLock lock = startLocks.computeIfAbsent(execution.itemHash(), key -> new ReentrantLock());
                if (lock.tryLock()) {
                    try {
                        if (execution.idle() && executions.get(execution.itemHash()) == execution) {
                            stop(execution.itemHash());
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        for (String hash : List.copyOf(executions.keySet())) {
            stop(hash);
        }
    }

    private static void deleteTree(Path directory) {
        try {
            Directories.deleteTree(directory);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + directory, e);
        }
    }
}
