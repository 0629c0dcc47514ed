package io.aleph4j.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time by thread kind (names with their numbers dropped, so a pool's threads add up), between two readings:
 * where a pipeline's CPU goes per message. What the JVM's own threads use (JIT compilers, GC), which the thread
 * bean does not list, is the process's CPU minus the listed threads'. A thread that ended between the readings
 * is missed; the pipeline's threads live as long as its node.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String JVM_OWN = "jvm (jit, gc)";

    private final Map<String, Long> nanosByKind;

    private ThreadCpu(Map<String, Long> nanosByKind) {
        this.nanosByKind = nanosByKind;
    }

    static ThreadCpu now() {
        Map<String, Long> byKind = new TreeMap<>();
        long listed = 0;
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long nanos = THREADS.getThreadCpuTime(id);
            if (info != null && nanos > 0) {
                byKind.merge(info.getThreadName().replaceAll("\\d+", "N"), nanos, Long::sum);
                listed += nanos;
            }
        }
        byKind.put(JVM_OWN, PROCESS.getProcessCpuTime() - listed);
        return new ThreadCpu(byKind);
    }

    /** Microseconds of CPU per unit of work since {@code before}, by thread kind (those over 0.1 µs), and in all. */
    String perUnitSince(ThreadCpu before, long units) {
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> kind : nanosByKind.entrySet()) {
            long nanos = kind.getValue() - before.nanosByKind.getOrDefault(kind.getKey(), 0L);
            total += nanos;
            if (nanos > units * 100L) {
                line.append(String.format("%s %.1f µs, ", kind.getKey(), nanos / 1000.0 / units));
            }
        }
        return line.append(String.format("all %.1f µs", total / 1000.0 / units)).toString();
    }
}
