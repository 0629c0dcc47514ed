package io.aleph4j.plugins.vm.wasm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** A program's stdout kept in memory, up to a bound: past it, the write fails and so does the request. */
final class BoundedOutput extends OutputStream {

    /** Thrown (unchecked, through the interpreter) when the program writes past the bound. */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("output bound exceeded", null, false, false);
        }
    }

    private final long bound;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    BoundedOutput(long bound) {
        this.bound = bound;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (bytes.size() + (long) len > bound) {
            throw new Exceeded();
        }
        bytes.write(b, off, len);
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
