package io.aleph4j.api.vm;

import io.aleph4j.api.Experimental;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A connection to a program that a client asked to upgrade (a WebSocket): the program's response head, then, when
 * it answered 101, the raw bytes both ways, which the supervisor relays unread. Reading and writing may happen on
 * two threads at once. Closing it closes the program's side.
 */
@Experimental("the CRN's runtime seam")
public interface VmTunnel extends AutoCloseable {

    /** The program's status: 101 when it switched protocols. */
    int status();

    /** The program's response headers. */
    List<VmHeader> headers();

    /** What the program sends (after the head). */
    InputStream fromProgram();

    /** What goes to the program. */
    OutputStream toProgram();

    @Override
    void close();
}
