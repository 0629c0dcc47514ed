package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.VmInterface;
import io.aleph4j.api.vm.VmSpec;
import io.aleph4j.api.vm.VmVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import io.aleph4j.plugins.support.Base32;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The bubblewrap command line for one program. Inside: the host's {@code /usr} read-only (the programs' runtime
 * is the host's Debian), the code read-only at {@code /opt/code}, volumes at their mounts, a private {@code /tmp},
 * {@code /proc} and {@code /dev}, and every namespace unshared: the program has no network but its own loopback,
 * sees no host process, and runs with no capabilities. Its environment is cleared, then set to the message's
 * variables. Port 8080 inside is relayed by socat to {@code /run/aleph/http.sock}, a socket in a directory of the
 * execution's own bound from the host: the one way in, opened once the program listens.
 */
final class SandboxCommand {

    static final String SOCKET_IN_SANDBOX = "/run/aleph/http.sock";
    static final String CODE_MOUNT = "/opt/code";
    private static final List<String> ROOT_LINKS = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");
    private static final List<String> HOST_FILES = List.of("/etc/alternatives", "/etc/ssl", "/etc/ca-certificates",
            "/etc/localtime", "/etc/ld.so.cache", "/etc/mime.types");

    private SandboxCommand() {
    }

    /** Where the ASGI wrapper ({@code aleph4j_asgi.py}, written to the run directory) is inside. */
    static final String RUN_MOUNT = "/run/aleph";

    /**
     * @param runDirectory the host directory that is {@code /run/aleph} inside (the relay's socket lands there)
     * @param eventToken   the secret the supervisor's message events carry (ASGI programs)
     */
    static List<String> of(ProcessConfig config, VmSpec spec, Path runDirectory, String eventToken) {
        List<String> command = new ArrayList<>(List.of(config.bwrap().toString(), "--die-with-parent",
                "--new-session", "--unshare-all", "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"));
        for (String name : ROOT_LINKS) {
            Path host = Path.of("/", name);
            if (Files.isSymbolicLink(host)) {
                command.addAll(List.of("--symlink", readLink(host), "/" + name));
            } else if (Files.isDirectory(host)) {
                command.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        for (String file : HOST_FILES) {
            command.addAll(List.of("--ro-bind-try", file, file));
        }
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--ro-bind", spec.code().toString(), CODE_MOUNT,
                "--bind", runDirectory.toString(), RUN_MOUNT));
        for (VmVolume volume : spec.volumes()) {
            command.addAll(List.of(volume.readOnly() ? "--ro-bind" : "--bind", volume.source().toString(),
                    volume.mount()));
        }
        if (spec.internet()) {
            command.addAll(Egress.bwrapOptions(runDirectory));
        }
        command.addAll(List.of("--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
                "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8", "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
                "--setenv", "PYTHONUNBUFFERED", "1"));
        for (Map.Entry<String, String> variable : spec.variables().entrySet()) {
            command.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
        }
        if (spec.vmInterface() == VmInterface.ASGI) {
            // Read, then removed from the environment, by the wrapper before the program's module is imported.
            command.addAll(List.of("--setenv", "ALEPH4J_APP", spec.entrypoint(), "--setenv", "ALEPH4J_EVENT_TOKEN",
                    eventToken));
        }
        command.addAll(List.of("--hostname", hostname(spec.itemHash()), "--chdir", CODE_MOUNT, "--",
                "/bin/sh", "-c", relayOnceListening(config.socat().toString()), "aleph-vm"));
        command.addAll(program(config, spec));
        return command;
    }

    /**
     * The sandbox's first process: starts the program and, at the same time, the relay on a socket of another name;
     * waits until something listens on port 8080 (or the program exits: its status becomes the sandbox's), and only
     * then renames the relay's socket to {@link #SOCKET_IN_SANDBOX}, so that the socket's existence means the
     * program is ready. It then waits for the program and exits with its status. The check reads the sandbox's own
     * {@code /proc/net/tcp} with the shell's builtins (no process started per look), every 5 ms; the relay starts
     * while the program does, since a bound unix socket keeps working under its new name.
     */
    static String relayOnceListening(String socat) {
        String pending = SOCKET_IN_SANDBOX + ".pending";
        return "\"$@\" & program=$!\n"
                // nodelay: the relay writes what it read at once, so a response in two writes (head, body) is not
                // held back by Nagle's algorithm until the program's delayed ACK (40 ms).
                + socat + " UNIX-LISTEN:" + pending + ",fork,unlink-early TCP:127.0.0.1:8080,nodelay &\n"
                + "listening() {\n"
                + "  for table in /proc/net/tcp /proc/net/tcp6; do\n"
                + "    [ -r $table ] || continue\n"
                + "    while read -r _ local _ state _; do\n"
                + "      case \"$local $state\" in *:1F90\\ 0A) return 0 ;; esac\n"
                + "    done < $table\n"
                + "  done\n"
                + "  return 1\n"
                + "}\n"
                + "until listening && [ -S " + pending + " ]; do\n"
                + "  kill -0 $program 2>/dev/null || { wait $program; exit $?; }\n"
                + "  sleep 0.005\n"
                + "done\n"
                + "mv " + pending + " " + SOCKET_IN_SANDBOX + "\n"
                + "wait $program\n";
    }

    /**
     * What runs inside: the executable with its args, or uvicorn serving the ASGI app on port 8080 through the
     * wrapper that adds message events ({@code aleph4j_asgi:app}, which imports the program's {@code module:attr}).
     */
    static List<String> program(ProcessConfig config, VmSpec spec) {
        if (spec.vmInterface() == VmInterface.ASGI) {
            return List.of(config.python().toString(), "-m", "uvicorn", "--host", "127.0.0.1", "--port", "8080",
                    "--app-dir", RUN_MOUNT, "--no-access-log", "aleph4j_asgi:app");
        }
        List<String> program = new ArrayList<>();
        program.add(CODE_MOUNT + "/" + spec.entrypoint());
        program.addAll(spec.args());
        return program;
    }

    /** The reference's VM hostname: the lowercase base32 of the hash's bytes, padding stripped. */
    static String hostname(String itemHash) {
        if (!itemHash.matches("[0-9a-f]{64}")) {
            return "aleph-vm";
        }
        return Base32.encode(HexFormat.of().parseHex(itemHash));
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
