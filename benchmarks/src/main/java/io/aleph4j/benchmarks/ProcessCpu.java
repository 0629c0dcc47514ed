package io.aleph4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and every process it started and still runs (the nodes' sidecars), read from Linux's
 * {@code /proc/<pid>/stat}: user and system time, the process's own and that of its children it has already waited
 * for. Clock ticks are taken at 100 a second, Linux's {@code CLK_TCK} on x86-64.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** Seconds of CPU used so far by this process and its descendants alive now; NaN where /proc is missing. */
    static double seconds() {
        try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
            return Stream.concat(Stream.of(ProcessHandle.current()), descendants)
                    .mapToDouble(process -> ticks(process.pid())).sum() / TICKS_PER_SECOND;
        }
    }

    private static double ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return pid == ProcessHandle.current().pid() ? Double.NaN : 0; // a descendant that ended meanwhile
        }
        // After the command's closing parenthesis: field 3 (state) onwards; utime is field 14.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }
}
