package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.api.vm.RunningVm;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** One running program: its VM, the runtime it runs on, and when it was last used (for the idle timeout). */
final class Execution {

    private final String itemHash;
    private final ProgramDefinition program;
    private final RunningVm vm;
    private final String runtimeId;
    private final Instant definedAt;
    private final Instant startedAt;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Instant lastUsed;

    Execution(String itemHash, ProgramDefinition program, RunningVm vm, String runtimeId, Instant definedAt,
              Instant startedAt) {
        this.itemHash = itemHash;
        this.program = program;
        this.vm = vm;
        this.runtimeId = runtimeId;
        this.definedAt = definedAt;
        this.startedAt = startedAt;
        this.lastUsed = startedAt;
    }

    String itemHash() {
        return itemHash;
    }

    ProgramDefinition program() {
        return program;
    }

    RunningVm vm() {
        return vm;
    }

    String runtimeId() {
        return runtimeId;
    }

    Instant definedAt() {
        return definedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void begin() {
        inFlight.incrementAndGet();
    }

    void end(Instant now) {
        lastUsed = now;
        inFlight.decrementAndGet();
    }

    boolean idle() {
        return inFlight.get() == 0;
    }
}
