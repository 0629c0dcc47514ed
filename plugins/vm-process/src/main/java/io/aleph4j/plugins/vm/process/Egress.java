package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.VmException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network of a program whose message sets {@code environment.internet}: user-mode networking by slirp4netns
 * (Debian package slirp4netns) into the sandbox's own network namespace, as rootless containers get theirs. The
 * program sees a {@code tap0} with the address 10.0.2.100, a gateway and a DNS forwarder at 10.0.2.2 and 10.0.2.3,
 * and reaches what the host reaches, except the host's own loopback ({@code --disable-host-loopback}: the node's
 * services on 127.0.0.1 stay out of reach). bubblewrap holds the program back ({@code --block-fd}) until the
 * network is up, so that a program connecting as it starts finds it.
 */
final class Egress {

    static final String INFO_FILE = "net-info.json";
    static final String BLOCK_FIFO = "net-block";
    static final String RESOLV_CONF = "resolv.conf";
    private static final Pattern CHILD_PID = Pattern.compile("\"child-pid\"\\s*:\\s*(\\d+)");

    private Egress() {
    }

    /** Makes the run directory's FIFO and resolv.conf; answers the FIFO's writing end, open before anyone reads. */
    static RandomAccessFile prepare(Path run) throws IOException, InterruptedException {
        Path fifo = run.resolve(BLOCK_FIFO);
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true).start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + fifo + " failed: "
                    + new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Files.writeString(run.resolve(RESOLV_CONF), "nameserver 10.0.2.3\n");
        // Read-write: opening a FIFO so never blocks on Linux, and the byte written later waits in it for bubblewrap.
        return new RandomAccessFile(fifo.toFile(), "rw");
    }

    /** bubblewrap's options: report the sandbox's pid on fd 3, wait on fd 4, use the run directory's resolv.conf. */
    static List<String> bwrapOptions(Path run) {
        return List.of("--info-fd", "3", "--block-fd", "4", "--ro-bind", run.resolve(RESOLV_CONF).toString(),
                "/etc/resolv.conf");
    }

    /** The command behind a shell that opens fd 3 (the info file) and fd 4 (the FIFO) for bubblewrap. */
    static List<String> opening(Path run, List<String> command) {
        List<String> opened = new ArrayList<>(List.of("/bin/sh", "-c",
                "exec 3>\"$1\" 4<\"$2\"; shift 2; exec \"$@\"", "aleph-vm-net",
                run.resolve(INFO_FILE).toString(), run.resolve(BLOCK_FIFO).toString()));
        opened.addAll(command);
        return opened;
    }

    /**
     * Once the sandbox exists, attaches slirp4netns to its network namespace, waits until the namespace's
     * interface is configured, then lets the program start.
     *
     * @return the slirp4netns process, to be stopped with the program
     */
    static Process attach(Path slirp4netns, Path run, Process sandbox, RandomAccessFile release, Duration timeout)
            throws VmException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String pid = awaitChildPid(run, sandbox, deadline);
        Path slirpLog = run.resolve("slirp4netns.log");
        Process slirp;
        try {
            slirp = new ProcessBuilder(slirp4netns.toString(), "--configure", "--mtu=65520",
                    "--disable-host-loopback", pid, "tap0").redirectErrorStream(true)
                    .redirectOutput(slirpLog.toFile()).start();
        } catch (IOException e) {
            throw new VmException(VmException.Kind.START_FAILED, "cannot start " + slirp4netns + ": "
                    + e.getMessage(), e);
        }
        try {
            while (!read(slirpLog).contains("received tapfd")) {
                if (!slirp.isAlive() || System.nanoTime() > deadline) {
                    throw new VmException(VmException.Kind.START_FAILED, "slirp4netns did not give the program its "
                            + "network: " + read(slirpLog).strip());
                }
                sleep();
            }
            release.write('1');
            release.close();
            return slirp;
        } catch (IOException | VmException e) {
            slirp.destroyForcibly();
            throw e instanceof VmException failure ? failure : new VmException(VmException.Kind.START_FAILED,
                    "cannot let the program start: " + e.getMessage(), e);
        }
    }

    private static String awaitChildPid(Path run, Process sandbox, long deadline) throws VmException {
        Path info = run.resolve(INFO_FILE);
        while (System.nanoTime() < deadline) {
            Matcher pid = CHILD_PID.matcher(read(info));
            if (pid.find()) {
                return pid.group(1);
            }
            if (!sandbox.isAlive()) {
                throw new VmException(VmException.Kind.START_FAILED, "the sandbox exited with status "
                        + sandbox.exitValue() + " before its network was set up");
            }
            sleep();
        }
        throw new VmException(VmException.Kind.START_FAILED, "the sandbox did not report its process in time");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
