package dev.propensity.core.io;

import java.util.Objects;

/**
 * A bad input file: a row that breaks its format's rules, or a file that is not of the expected format.
 *
 * <p>Unchecked, so it passes through callbacks and streams; readers throw it in strict mode at the first bad row
 * (see {@link ReadOptions}). The message stands on its own and is meant to be shown as is, for example
 * {@code events.csv:17: column price: "abc" is not a number}: the file, the 1-based line number, the column
 * (when one is at fault) and the problem. The parts are also available as {@link #file()}, {@link #line()},
 * {@link #column()}, {@link #problem()} and {@link #reason()}.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;
    private final String problem;
    private final RejectReason reason;

    /**
     * Creates the exception.
     *
     * @param file    the file as the caller named it; never {@code null}
     * @param line    the 1-based line number, or 0 when the problem concerns the whole file
     * @param column  the column name, or {@code null} when no single column is at fault
     * @param reason  the kind of problem
     * @param problem what is wrong, in words; never {@code null}
     */
    public InputException(String file, long line, String column, RejectReason reason, String problem) {
        super(format(file, line, column, problem));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    static String format(String file, long line, String column, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (column != null) {
            sb.append("column ").append(column).append(": ");
        }
        return oneLine(sb.append(problem));
    }

    /** The most characters a message keeps; a longer one (a huge field quoted in it) is cut, with its length. */
    static final int MAX_MESSAGE = 2_000;

    /**
     * A message as one safe line: control characters (line breaks inside a quoted field, terminal escape
     * sequences) shown as backslash-u escapes, and cut after {@link #MAX_MESSAGE} characters.
     */
    static String oneLine(CharSequence m) {
        StringBuilder out = new StringBuilder(Math.min(m.length(), MAX_MESSAGE) + 32);
        for (int i = 0; i < m.length() && i < MAX_MESSAGE; i++) {
            char c = m.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (m.length() > MAX_MESSAGE) {
            out.append("...(").append(m.length()).append(" characters)");
        }
        return out.toString();
    }

    /** The file, as the caller named it. */
    public String file() {
        return file;
    }

    /** The 1-based line number, or 0 when the problem concerns the whole file (for example an unknown format). */
    public long line() {
        return line;
    }

    /** The column name at fault, or {@code null} when it is the row or the file as a whole. */
    public String column() {
        return column;
    }

    /** The problem in words, without the file, line and column. */
    public String problem() {
        return problem;
    }

    /** The kind of problem, the same key lenient mode counts rejected rows by. */
    public RejectReason reason() {
        return reason;
    }
}
