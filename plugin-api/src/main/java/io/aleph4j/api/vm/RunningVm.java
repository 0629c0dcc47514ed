package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.time.Duration;

/** A started program. Closing it stops it (and everything it started) and frees what the runtime held for it. */
@Experimental("the CRN's runtime seam; shaped by vm-process and vm-wasm")
public interface RunningVm extends AutoCloseable {

    /**
     * Carries one HTTP request into the program and answers its response, whose body is read while the caller
     * sends it on. Several requests may be in flight at once.
     *
     * @param timeout how long the program has to start answering ({@code resources.seconds})
     * @throws VmException of kind {@link VmException.Kind#TIMEOUT} or {@link VmException.Kind#NO_RESPONSE}
     */
    VmResponse send(VmRequest request, Duration timeout) throws VmException;

    /**
     * Runs the program on a message that matched one of its {@code on.message} subscriptions: the reference's
     * {@code aleph.message} event, whose body is the message as the messages API shows it. A runtime that cannot
     * deliver messages to this kind of program says so (the default).
     *
     * @param messageJson the message, as JSON
     * @return what the program answered
     * @throws VmException of kind {@link VmException.Kind#NO_RESPONSE} when the program takes no messages or fails
     */
    default VmResponse deliverMessage(String messageJson, Duration timeout) throws VmException {
        throw new VmException(VmException.Kind.NO_RESPONSE, "this runtime delivers no messages to its programs");
    }

    /**
     * Carries a request that asks to upgrade the connection (a WebSocket's handshake) to the program, and answers the
     * program's response head and the connection, which carries raw bytes both ways once it answered 101. A
     * runtime that cannot carry such connections says so (the default).
     *
     * @throws VmException of kind {@link VmException.Kind#NO_RESPONSE} when the program or runtime takes none
     */
    default VmTunnel upgrade(VmRequest request, Duration timeout) throws VmException {
        throw new VmException(VmException.Kind.NO_RESPONSE, "this runtime carries no upgraded connections "
                + "(WebSockets) to its programs");
    }

    /** Whether the program is still running (a crashed one is stopped and started again on the next request). */
    boolean alive();

    @Override
    void close();
}
