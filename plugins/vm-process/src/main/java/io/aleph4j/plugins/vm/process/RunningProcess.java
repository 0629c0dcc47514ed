package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A program's sandbox process and the socket its port 8080 is relayed to. */
final class RunningProcess implements RunningVm {

    private static final int LOG_TAIL_BYTES = 2_000;

    private final Process process;
    private final Path runDirectory;
    private final Path socket;
    private final UnixSocketHttp http;
    private final Path logFile;
    /** Why the program died, where the limits can tell (its memory). */
    private final Supplier<Optional<String>> deathCause;
    private final Runnable cleanup;
    /** The secret an event request carries to the ASGI wrapper; empty for binary programs, which take no events. */
    private final Optional<String> eventToken;

    /** @param runDirectory the host directory bound at {@code /run/aleph}, deleted when the program stops */
    RunningProcess(Process process, Path runDirectory, UnixSocketHttp http, Path logFile, Optional<String> eventToken,
                   Supplier<Optional<String>> deathCause, Runnable cleanup) {
        this.eventToken = eventToken;
        this.deathCause = deathCause;
        this.cleanup = cleanup;
        this.process = process;
        this.runDirectory = runDirectory;
        this.socket = runDirectory.resolve("http.sock");
        this.http = http;
        this.logFile = logFile;
    }

    /**
     * Waits until the program listens on port 8080: the sandbox opens the relay's socket only then
     * ({@link SandboxCommand#relayOnceListening}), so a connection to it means the program is ready.
     */
    void awaitListening(Duration timeout) throws VmException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = logTail();
                close();
                throw new VmException(VmException.Kind.START_FAILED, "the program exited with status "
                        + process.exitValue() + " before listening on port 8080; its output: " + output);
            }
            if (Files.exists(socket) && accepts()) {
                return;
            }
            sleep(2);
        }
        close();
        throw new VmException(VmException.Kind.START_FAILED, "the program did not listen on port 8080 within "
                + timeout.toSeconds() + " s; its output: " + logTail());
    }

    private boolean accepts() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public VmResponse send(VmRequest request, Duration timeout) throws VmException {
        if (!process.isAlive()) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program is not running (exit status "
                    + process.exitValue() + deathCause.get().map(cause -> "; " + cause).orElse("") + ")");
        }
        try {
            return http.send(socket, request, timeout);
        } catch (VmException e) {
            if (e.kind() == VmException.Kind.NO_RESPONSE && deathCause.get().isPresent()) {
                throw new VmException(e.kind(), e.getMessage() + "; " + deathCause.get().get(), e);
            }
            throw e;
        }
    }

    /**
     * An ASGI program gets the message as the reference's {@code aleph.message} event, through the wrapper; a
     * binary program takes none (nor does the reference deliver them to executables).
     */
    @Override
    public VmResponse deliverMessage(String messageJson, Duration timeout) throws VmException {
        if (eventToken.isEmpty()) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "a binary program takes no message events; "
                    + "on.message needs an ASGI program, as on the reference");
        }
        byte[] body = messageJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(new VmRequest("POST", "/.aleph4j/event", List.of(
                new VmHeader("X-Aleph4j-Event-Token", eventToken.get()),
                new VmHeader("Content-Type", "application/json"),
                new VmHeader("Content-Length", Integer.toString(body.length))),
                new java.io.ByteArrayInputStream(body)), timeout);
    }

    @Override
    public io.aleph4j.api.vm.VmTunnel upgrade(VmRequest request, Duration timeout) throws VmException {
        if (!process.isAlive()) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program is not running (exit status "
                    + process.exitValue() + ")");
        }
        return UnixSocketTunnel.open(socket, request, timeout);
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
        cleanup.run();
        // The socket, the ASGI wrapper, the network's FIFO and files: all of the run directory goes.
        io.aleph4j.plugins.support.Directories.deleteTreeQuietly(runDirectory);
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
