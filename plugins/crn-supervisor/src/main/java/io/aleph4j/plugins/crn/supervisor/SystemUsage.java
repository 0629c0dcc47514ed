package io.aleph4j.plugins.crn.supervisor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /about/usage/system} in the reference's shape (MachineUsage): the host's CPUs, load, memory and the
 * disk holding the supervisor's data, read from {@code /proc} and the file store. kB are 1,000 bytes, as the
 * reference reports them; schedulers place programs by these figures.
 */
final class SystemUsage {

    private final Path dataDirectory;
    private final Clock clock;

    SystemUsage(Path dataDirectory, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.clock = clock;
    }

    Map<String, Object> read() {
        Map<String, Object> usage = new LinkedHashMap<>();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("count", Runtime.getRuntime().availableProcessors());
        cpu.put("load_average", loadAverage());
        List<Double> frequencies = cpuinfoNumbers("cpu MHz");
        Map<String, Object> core = new LinkedHashMap<>();
        core.put("min", frequencies.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        core.put("max", frequencies.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        cpu.put("core_frequencies", core);
        usage.put("cpu", cpu);
        Map<String, Long> meminfo = meminfo();
        usage.put("mem", Map.of("total_kB", kibToKb(meminfo.getOrDefault("MemTotal", 0L)),
                "available_kB", kibToKb(meminfo.getOrDefault("MemAvailable", 0L))));
        usage.put("disk", disk());
        usage.put("period", Map.of("start_timestamp", clock.instant().truncatedTo(ChronoUnit.MINUTES).toString(),
                "duration_seconds", 60));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("architecture", architecture());
        properties.put("vendor", cpuinfoText("vendor_id"));
        properties.put("features", List.of());
        usage.put("properties", Map.of("cpu", properties));
        usage.put("gpu", Map.of("devices", List.of(), "available_devices", List.of()));
        usage.put("active", true);
        return usage;
    }

    private static Map<String, Object> loadAverage() {
        double[] loads = {0, 0, 0};
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            for (int i = 0; i < 3 && i < fields.length; i++) {
                loads[i] = Double.parseDouble(fields[i]);
            }
        } catch (IOException | NumberFormatException e) {
            loads[0] = Math.max(0, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
        return Map.of("load1", loads[0], "load5", loads[1], "load15", loads[2]);
    }

    private static Map<String, Long> meminfo() {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                String[] parts = line.split(":\\s+");
                if (parts.length == 2) {
                    values.put(parts[0], Long.parseLong(parts[1].replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: the JVM's view of the machine instead.
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            values.put("MemTotal", os.getTotalMemorySize() / 1024);
            values.put("MemAvailable", os.getFreeMemorySize() / 1024);
        }
        return values;
    }

    private Map<String, Object> disk() {
        try {
            Files.createDirectories(dataDirectory);
            FileStore store = Files.getFileStore(dataDirectory);
            return Map.of("total_kB", store.getTotalSpace() / 1000, "available_kB", store.getUsableSpace() / 1000);
        } catch (IOException e) {
            return Map.of("total_kB", 0L, "available_kB", 0L);
        }
    }

    private static long kibToKb(long kib) {
        return kib * 1024 / 1000;
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static List<Double> cpuinfoNumbers(String key) {
        List<Double> numbers = new ArrayList<>();
        for (String value : cpuinfo(key)) {
            try {
                numbers.add(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                // A field that is not a number is not counted.
            }
        }
        return numbers;
    }

    private static String cpuinfoText(String key) {
        List<String> values = cpuinfo(key);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static List<String> cpuinfo(String key) {
        List<String> values = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // Not Linux: nothing known.
        }
        return values;
    }
}
