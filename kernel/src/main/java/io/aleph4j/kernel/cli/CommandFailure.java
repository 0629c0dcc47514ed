package io.aleph4j.kernel.cli;

/** A command that could not do its job for a reason the operator can fix; its message says which. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }
}
