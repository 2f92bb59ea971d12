package dev.propensity.pipeline;

import dev.propensity.core.io.CsvCells;
import java.io.IOException;
import java.io.Writer;

/**
 * The text of {@code predictions.csv}: {@code session_id,label,probability,fold}, one row per evaluated session.
 * The label is 1 for a purchase and 0 otherwise; the probability is the model's out-of-sample purchase
 * probability (Java's shortest exact decimal form); the fold is the 0-based cross-validation fold the session was
 * held out in (0 for holdout and time splits). Fields are quoted (RFC 4180) when they hold a comma, a quote or a
 * line break; a session id that a spreadsheet would read as a formula gets a leading apostrophe
 * ({@link CsvCells}).
 */
public final class PredictionsCsv {
    /** The header line. */
    public static final String HEADER = "session_id,label,probability,fold";

    private PredictionsCsv() {
    }

    /**
     * Writes the header and one row per prediction.
     *
     * @param predictions the predictions
     * @param out         where to write (not closed)
     * @throws IOException when writing fails
     */
    public static void write(Predictions predictions, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < predictions.size(); i++) {
            sb.setLength(0);
            appendField(sb, predictions.id(i));
            sb.append(',').append(predictions.label(i) ? '1' : '0').append(',');
            sb.append(predictions.probability(i)).append(',').append(predictions.fold(i)).append('\n');
            out.append(sb);
        }
    }

    /**
     * Appends a text CSV field: neutralised against formula injection ({@link CsvCells}), then quoted when it
     * holds a comma, a quote or a line break (quotes doubled).
     *
     * @param sb    where to append
     * @param value the field's text
     */
    public static void appendField(StringBuilder sb, String value) {
        CsvCells.append(sb, value);
    }
}
