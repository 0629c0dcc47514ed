package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A program resolved to local files, as a runtime needs it: nothing here refers to a message or a download.
 *
 * @param itemHash   the PROGRAM message's item hash (names the execution in logs and paths)
 * @param code       the unpacked code: a directory the program sees read-only at {@code /opt/code}
 * @param entrypoint the executable's path relative to {@code code} (binary), or {@code module:attribute} (ASGI)
 * @param vmInterface how the program answers HTTP
 * @param args       arguments for a binary entrypoint
 * @param variables  the message's {@code variables}, set in the program's environment
 * @param vcpus      {@code resources.vcpus}
 * @param memoryMib  {@code resources.memory}
 * @param internet   {@code environment.internet}: without it the program has no network but its own loopback
 * @param volumes    further directories it sees
 * @param runtime    what the program's runtime ref was mapped to on this CRN (e.g. {@code debian-12-python3})
 * @param workDirectory a directory of the execution's own, which the runtime may use and which is deleted after it
 * @param logFile    where the program's stdout and stderr go
 */
@Experimental("the CRN's runtime seam")
public record VmSpec(String itemHash, Path code, String entrypoint, VmInterface vmInterface, List<String> args,
                     Map<String, String> variables, int vcpus, int memoryMib, boolean internet,
                     List<VmVolume> volumes, String runtime, Path workDirectory, Path logFile) {

    public VmSpec {
        Objects.requireNonNull(itemHash, "itemHash");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(entrypoint, "entrypoint");
        Objects.requireNonNull(vmInterface, "vmInterface");
        args = List.copyOf(args);
        variables = Map.copyOf(variables);
        volumes = List.copyOf(volumes);
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(logFile, "logFile");
        if (vcpus < 1 || memoryMib < 1) {
            throw new IllegalArgumentException("vcpus and memoryMib must be at least 1");
        }
    }
}
