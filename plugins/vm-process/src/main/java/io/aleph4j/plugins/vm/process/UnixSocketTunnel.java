package io.aleph4j.plugins.vm.process;

import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmTunnel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An upgraded connection (a WebSocket) to a program over its unix socket: the client's request head written as it
 * came, the program's response head read, then the socket's bytes relayed both ways. The streams call the channel
 * directly: the JDK's channel streams would let a blocked read hold up a write.
 */
final class UnixSocketTunnel implements VmTunnel {

    /** The most a program's response head may take. */
    private static final int MAX_HEAD = 64 * 1024;

    private final SocketChannel channel;
    private final int status;
    private final List<VmHeader> headers;
    private final ByteBuffer leftover;

    private UnixSocketTunnel(SocketChannel channel, int status, List<VmHeader> headers, ByteBuffer leftover) {
        this.channel = channel;
        this.status = status;
        this.headers = List.copyOf(headers);
        this.leftover = leftover;
    }

    static UnixSocketTunnel open(Path socket, VmRequest request, Duration timeout) throws VmException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(head(request)));
        } catch (IOException e) {
            throw new VmException(VmException.Kind.NO_RESPONSE, "cannot reach the program: " + e.getMessage(), e);
        }
        FutureTask<UnixSocketTunnel> reading = new FutureTask<>(() -> readResponse(channel));
        Thread.ofVirtual().name("vm-upgrade-head").start(reading);
        try {
            return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            closeQuietly(channel);
            throw new VmException(VmException.Kind.TIMEOUT, "the program did not answer the upgrade within "
                    + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            closeQuietly(channel);
            throw new VmException(VmException.Kind.NO_RESPONSE, "the program did not answer the upgrade: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new VmException(VmException.Kind.NO_RESPONSE, "interrupted while waiting for the program", e);
        }
    }

    /** The request line and headers, as the client sent them (the upgrade's headers included). */
    private static byte[] head(VmRequest request) {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.pathAndQuery())
                .append(" HTTP/1.1\r\n");
        for (VmHeader header : request.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static UnixSocketTunnel readResponse(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_HEAD);
        int end;
        while ((end = headEnd(buffer)) < 0) {
            if (!buffer.hasRemaining()) {
                throw new IOException("its response head is longer than " + MAX_HEAD + " bytes");
            }
            if (channel.read(buffer) < 0) {
                throw new IOException("it closed the connection without answering");
            }
        }
        String head = new String(buffer.array(), 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("it answered '" + lines[0] + "', not an HTTP status line");
        }
        int status = Integer.parseInt(statusLine[1]);
        List<VmHeader> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new VmHeader(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
            }
        }
        ByteBuffer leftover = ByteBuffer.wrap(buffer.array(), end + 4, buffer.position() - end - 4).slice();
        return new UnixSocketTunnel(channel, status, headers, leftover);
    }

    /** Where {@code \r\n\r\n} starts in what was read, or -1. */
    private static int headEnd(ByteBuffer buffer) {
        byte[] bytes = buffer.array();
        for (int i = 0; i + 3 < buffer.position(); i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public List<VmHeader> headers() {
        return headers;
    }

    @Override
    public InputStream fromProgram() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                synchronized (leftover) {
                    if (leftover.hasRemaining()) {
                        int n = Math.min(length, leftover.remaining());
                        leftover.get(bytes, offset, n);
                        return n;
                    }
                }
                return channel.read(ByteBuffer.wrap(bytes, offset, length));
            }
        };
    }

    @Override
    public OutputStream toProgram() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a unix socket to a program that is gone: nothing to do.
        }
    }

    @Override
    public String toString() {
        return "UnixSocketTunnel[" + status + " " + headers + "]";
    }
}
