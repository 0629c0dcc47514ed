package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A program's sandbox process and the socket its port 8080 is relayed to. */
final class RunningProcess implements RunningVm {

    /** How long a probe's connection must stay open to count as reaching port 8080 (socat closes it at once if not). */
    private static final long PROBE_MILLIS = 150;
    private static final int LOG_TAIL_BYTES = 2_000;

    private final Process process;
    private final Path runDirectory;
    private final Path socket;
    private final UnixSocketHttp http;
    private final Path logFile;

    /** @param runDirectory the host directory bound at {@code /run/aleph}, deleted when the program stops */
    RunningProcess(Process process, Path runDirectory, UnixSocketHttp http, Path logFile) {
        this.process = process;
        this.runDirectory = runDirectory;
        this.socket = runDirectory.resolve("http.sock");
        this.http = http;
        this.logFile = logFile;
    }

    /**
     * Waits until the program listens on port 8080, without sending it a request: the relay accepts a connection on
     * the socket and closes it at once while nothing listens behind it, and keeps it open once something does.
     */
    void awaitListening(Duration timeout) throws VmException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new VmException(VmException.Kind.START_FAILED, "the program exited with status "
                        + process.exitValue() + " before listening on port 8080; its output: " + logTail());
            }
            if (Files.exists(socket) && reachesProgram()) {
                return;
            }
            sleep(50);
        }
        close();
        throw new VmException(VmException.Kind.START_FAILED, "the program did not listen on port 8080 within "
                + timeout.toSeconds() + " s; its output: " + logTail());
    }

    private boolean reachesProgram() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            if (selector.select(PROBE_MILLIS) == 0) {
                return true;
            }
            // Readable this soon: the relay closed it (nothing behind), unless the program spoke first.
            return channel.read(ByteBuffer.allocate(1)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public VmResponse send(VmRequest request, Duration timeout) throws VmException {
        if (!process.isAlive()) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program is not running (exit status "
                    + process.exitValue() + ")");
        }
        return http.send(socket, request, timeout);
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        // bubblewrap's death takes the sandbox's PID namespace, and so every process in it, with it.
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(runDirectory);
        } catch (IOException e) {
            // A leftover empty directory in the temporary root is harmless.
        }
    }

    private String logTail() {
        try {
            byte[] bytes = Files.readAllBytes(logFile);
            int from = Math.max(0, bytes.length - LOG_TAIL_BYTES);
            String tail = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).strip();
            return tail.isEmpty() ? "(none)" : tail;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) throws VmException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmException(VmException.Kind.START_FAILED, "interrupted while the program started", e);
        }
    }

}
