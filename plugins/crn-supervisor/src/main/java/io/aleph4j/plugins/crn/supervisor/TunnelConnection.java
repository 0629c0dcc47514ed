package io.aleph4j.plugins.crn.supervisor;

import io.aleph4j.api.vm.VmTunnel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * What a client's connection becomes once its program accepted an upgrade (a WebSocket): bytes relayed unread both
 * ways between the client's endpoint and the program's {@link VmTunnel}, until either side closes. The supervisor
 * reads no frame: whatever protocol the program switched to, it carries.
 */
final class TunnelConnection extends AbstractConnection {

    private static final System.Logger LOG = System.getLogger(TunnelConnection.class.getName());
    /** A relayed connection may sit idle this long (a WebSocket between messages). */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final VmTunnel tunnel;
    private final Runnable onClosed;
    private final ByteBuffer fromClient = ByteBuffer.allocate(16 * 1024);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final OutputStream toProgram;

    TunnelConnection(EndPoint endPoint, Executor executor, VmTunnel tunnel, Runnable onClosed) {
        super(endPoint, executor);
        this.tunnel = tunnel;
        this.onClosed = onClosed;
        this.toProgram = tunnel.toProgram();
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(IDLE_TIMEOUT.toMillis());
        Thread.ofVirtual().name("crn-tunnel-from-program").start(this::relayFromProgram);
        fillInterested();
    }

    /** Client → program: what the endpoint has, written to the program as it comes. */
    @Override
    public void onFillable() {
        try {
            while (true) {
                // Jetty's buffers are filled past their limit: empty, then filled, position..limit is what came.
                BufferUtil.clear(fromClient);
                int read = getEndPoint().fill(fromClient);
                if (read > 0) {
                    toProgram.write(fromClient.array(), fromClient.arrayOffset() + fromClient.position(),
                            fromClient.remaining());
                    toProgram.flush();
                } else if (read == 0) {
                    fillInterested();
                    return;
                } else {
                    shut();
                    return;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "a relayed connection ended: {0}", e.toString());
            shut();
        }
    }

    /** Program → client, on a thread of its own: blocking reads from the program, writes to the endpoint. */
    private void relayFromProgram() {
        byte[] chunk = new byte[16 * 1024];
        try (InputStream fromProgram = tunnel.fromProgram()) {
            int read;
            while ((read = fromProgram.read(chunk)) >= 0) {
                if (read == 0) {
                    continue;
                }
                FutureCallback written = new FutureCallback();
                getEndPoint().write(written, ByteBuffer.wrap(chunk, 0, read));
                written.get();
            }
        } catch (IOException | ExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "a relayed connection ended: {0}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            shut();
        }
    }

    private void shut() {
        if (closed.compareAndSet(false, true)) {
            tunnel.close();
            getEndPoint().close();
            onClosed.run();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        shut();
        super.onClose(cause);
    }
}
