package io.aleph4j.distribution.dev;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the launcher writes: the address the node's HTTP server listens on, once it has started. */
final class LauncherOutput {

    private static final Pattern HTTP_ADDRESS = Pattern.compile("HTTP on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Pattern CRN_ADDRESS = Pattern.compile("CRN supervisor on (http://127\\.0\\.0\\.1:\\d+/)");

    private LauncherOutput() {
    }

    /** Waits until the node logs its HTTP address; fails with the log if it exits or takes longer than {@code wait}. */
    static URI awaitAddress(Path output, Process process, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String log = Files.exists(output) ? Files.readString(output) : "";
            Matcher matcher = HTTP_ADDRESS.matcher(log);
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the node exited before serving:\n" + log);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node did not log its HTTP address within " + wait + ":\n"
                + Files.readString(output));
    }

    /** The CRN supervisor's address, which crn-supervisor logs when it starts (before the node's summary). */
    static URI awaitCrnAddress(Path output, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = CRN_ADDRESS.matcher(Files.readString(output));
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node did not log its CRN address within " + wait + ":\n"
                + Files.readString(output));
    }
}
