package io.aleph4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by kind, read from Linux's {@code /proc/self/task}: unlike the JVM's thread bean
 * ({@link ThreadCpu}) it sees the native threads a library starts, such as RocksDB's flushes and compactions. A
 * thread's kind is its name as the kernel keeps it (at most 15 characters) with trailing numbers dropped, so a
 * pool's threads add up; threads that ended between two readings are missed. The processes this one started and
 * still runs count too, each under its command's name with the time of its children it has waited for: a
 * PostgreSQL server's processes add up as {@code postgres}, so that a store's work done outside the JVM is not
 * missed. Empty where /proc is missing.
 */
final class TaskCpu {

    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> ticksByKind;

    private TaskCpu(Map<String, Long> ticksByKind) {
        this.ticksByKind = ticksByKind;
    }

    static TaskCpu now() {
        Map<String, Long> byKind = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> add(task.resolve("stat"), false, byKind));
        } catch (IOException e) {
            // Not Linux: no readings.
        }
        try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
            descendants.forEach(process -> add(Path.of("/proc", Long.toString(process.pid()), "stat"), true, byKind));
        }
        return new TaskCpu(byKind);
    }

    /** Adds a thread's or a process's ticks under its kind; with its waited-for children's when asked. */
    private static void add(Path stat, boolean withChildren, Map<String, Long> byKind) {
        try {
            String text = Files.readString(stat);
            String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
            // After the name's closing parenthesis: field 3 (state) onwards; utime is field 14, stime 15, the
            // waited-for children's cutime 16 and cstime 17.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                    + (withChildren ? Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : 0);
            byKind.merge(name.replaceAll("[-#]?\\d+$", ""), ticks, Long::sum);
        } catch (IOException | RuntimeException e) {
            // The thread or process ended while being read.
        }
    }

    /** Microseconds of CPU per unit since {@code before} of the kinds whose name starts with {@code prefix}. */
    double perUnitSince(TaskCpu before, long units, String prefix) {
        return perUnitSince(before, units, kind -> kind.startsWith(prefix));
    }

    private double perUnitSince(TaskCpu before, long units, Predicate<String> kinds) {
        long ticks = 0;
        for (Map.Entry<String, Long> kind : ticksByKind.entrySet()) {
            if (kinds.test(kind.getKey())) {
                ticks += kind.getValue() - before.ticksByKind.getOrDefault(kind.getKey(), 0L);
            }
        }
        return ticks / TICKS_PER_SECOND * 1e6 / units;
    }

    /** The kinds that used at least 1 µs per unit since {@code before}, largest first, and all of them. */
    String summarySince(TaskCpu before, long units) {
        Map<String, Double> perUnit = new TreeMap<>();
        for (String kind : ticksByKind.keySet()) {
            perUnit.put(kind, perUnitSince(before, units, kind::equals));
        }
        StringBuilder line = new StringBuilder();
        perUnit.entrySet().stream().filter(kind -> kind.getValue() >= 1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(kind -> line.append(String.format("%s %.0f, ", kind.getKey(), kind.getValue())));
        return line.append(String.format("all %.0f µs", perUnitSince(before, units, ""))).toString();
    }
}
