package io.aleph4j.distribution.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node started from the assembled distribution's launcher as a process of its own, its output in a file. The
 * launcher execs the JVM, so the process's pid is the node's and signals reach the node itself.
 */
final class NodeProcess {

    /** Where {@code ./mvnw package} leaves the distribution, relative to the module (failsafe's working directory). */
    static final Path DISTRIBUTION = Path.of("target/aleph4j-dev");

    /** What Java reports as the exit code of a process killed by SIGKILL: 128 + 9. */
    static final int KILLED = 128 + 9;

    private final Process process;
    private final Path output;

    private NodeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code bin/aleph4j} on {@code dataDirectory} with free ports for the node's HTTP and the CRN supervisor
     * (so that tests may run beside a node on the default ports), then {@code arguments}; returns at once.
     */
    static NodeProcess launch(Path dataDirectory, Path output, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(DISTRIBUTION.resolve("bin/aleph4j").toAbsolutePath().toString(),
                "--data-dir", dataDirectory.toString(), "--set", "node.http.port=0", "--set", "crn-supervisor.port=0"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new NodeProcess(process, output);
    }

    /** The node's HTTP address once it logs it; fails with the node's output if it exits or takes longer. */
    URI awaitApi(Duration wait) throws IOException, InterruptedException {
        return LauncherOutput.awaitAddress(output, process, wait);
    }

    /** Waits for a command that ends by itself ({@code replay}); its exit code. Fails with its output after {@code wait}. */
    int awaitExit(Duration wait) throws IOException, InterruptedException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the node did not exit within " + wait + ":\n" + Files.readString(output));
        }
        return process.exitValue();
    }

    /** Ctrl-C: the node stops cleanly; fails unless it has exited within 30 s. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node exited after SIGINT").isTrue();
    }

    /**
     * SIGKILL, which the node cannot see coming nor handle: {@link Process#destroyForcibly()} on Linux. Returns once
     * the process is gone, with its exit code ({@link #KILLED} when the signal killed it).
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Stops the node if it still runs (SIGTERM, then SIGKILL after 30 s): for clean-ups. */
    void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path output() {
        return output;
    }
}
