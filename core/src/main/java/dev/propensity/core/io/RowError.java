package dev.propensity.core.io;

/** A bad field or row found while parsing; readers turn it into an {@link InputException}. Stackless: cheap. */
final class RowError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final RejectReason reason;
    final String column;
    final String problem;

    RowError(RejectReason reason, String column, String problem) {
        super(problem, null, false, false);
        this.reason = reason;
        this.column = column;
        this.problem = problem;
    }

    InputException at(String file, long line) {
        return new InputException(file, line, column, reason, problem);
    }
}
