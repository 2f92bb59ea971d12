package dev.propensity.pipeline.report;

import java.io.IOException;

/**
 * A text that cannot be read as a report: not JSON, not a report, a field of the wrong type, a value out of range,
 * or a newer format version than this library reads. The message names the file (or where the text came from) and
 * the problem.
 */
public final class ReportFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception about a report.
     *
     * @param where   the file, or where the text came from
     * @param problem what is wrong, completing "WHERE: ..."
     * @param cause   the underlying error, or {@code null}
     */
    public ReportFileException(String where, String problem, Throwable cause) {
        super(where + ": " + problem, cause);
    }
}
