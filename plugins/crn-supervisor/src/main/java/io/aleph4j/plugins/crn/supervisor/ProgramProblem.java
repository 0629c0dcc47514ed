package io.aleph4j.plugins.crn.supervisor;

/**
 * Why a program cannot be served, with the HTTP status the supervisor answers (the reference's where it has one):
 * 400 for a bad reference or what the program needs and this CRN cannot give, 404 for an unknown program.
 */
final class ProgramProblem extends Exception {

    private final int status;

    ProgramProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    ProgramProblem(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
