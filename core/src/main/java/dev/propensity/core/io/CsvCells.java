package dev.propensity.core.io;

import java.util.Objects;

/**
 * Text cells of the CSV files this project writes, made safe to open in a spreadsheet (OWASP's advice against CSV
 * formula injection) and read back exactly.
 *
 * <p>A cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is written with
 * a leading apostrophe, so that a spreadsheet shows it as text instead of evaluating it. A cell that already begins
 * with an apostrophe gets one more, so that {@link #unneutralise(String)} restores every value exactly. Apply this
 * to text cells (session ids), not to numbers the program formats itself.
 *
 * <pre>{@code
 * CsvCells.neutralise("=HYPERLINK(\"x\")")   // "'=HYPERLINK(\"x\")"
 * CsvCells.unneutralise("'=1+1")              // "=1+1"
 * }</pre>
 */
public final class CsvCells {
    private CsvCells() {
    }

    /**
     * Whether a text cell needs the leading apostrophe.
     *
     * @param value the cell's text
     * @return whether it starts with a character a spreadsheet reads as a formula, or with an apostrophe
     */
    public static boolean needsNeutralising(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\'';
    }

    /**
     * The cell as written: a leading apostrophe added when {@link #needsNeutralising(String)}.
     *
     * @param value the cell's text
     * @return the text to write (before CSV quoting)
     */
    public static String neutralise(String value) {
        Objects.requireNonNull(value, "value");
        return needsNeutralising(value) ? "'" + value : value;
    }

    /**
     * The value of a cell read back from a file this project wrote: one leading apostrophe removed.
     *
     * @param cell the cell's text (after CSV unquoting)
     * @return the original value
     */
    public static String unneutralise(String cell) {
        Objects.requireNonNull(cell, "cell");
        return cell.startsWith("'") ? cell.substring(1) : cell;
    }

    /**
     * Appends a text cell: neutralised, then quoted (RFC 4180) when it holds a comma, a quote or a line break.
     *
     * @param sb    where to append
     * @param value the cell's text
     */
    public static void append(StringBuilder sb, String value) {
        String v = neutralise(value);
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            sb.append(v);
        } else {
            sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
    }
}
