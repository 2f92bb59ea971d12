package dev.propensity.pipeline;

import dev.propensity.core.Workers;
import dev.propensity.core.io.CsvCells;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

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

    /** Rows formatted per task when writing on workers. */
    private static final int ROWS_PER_TASK = 32_768;

    /**
     * Writes the header and one row per prediction.
     *
     * @param predictions the predictions
     * @param out         where to write (not closed)
     * @throws IOException when writing fails
     */
    public static void write(Predictions predictions, Writer out) throws IOException {
        write(predictions, out, Workers.callerOnly());
    }

    /**
     * Writes the header and one row per prediction, the rows' text formatted on the workers a block at a time (the
     * decimal form of 2 million probabilities is most of the work) and written in row order: the same text as
     * {@link #write(Predictions, Writer)}.
     *
     * @param predictions the predictions
     * @param out         where to write (not closed)
     * @param workers     where the text is formatted
     * @throws IOException when writing fails
     */
    public static void write(Predictions predictions, Writer out, Workers workers) throws IOException {
        out.write(HEADER);
        out.write('\n');
        int n = predictions.size();
        int perRound = Math.max(1, workers.parallelism());
        for (int round = 0; round < n; round += ROWS_PER_TASK * perRound) {
            List<Workers.Task<String>> tasks = new ArrayList<>(perRound);
            for (int from = round; from < Math.min(n, round + ROWS_PER_TASK * perRound); from += ROWS_PER_TASK) {
                int start = from;
                int end = Math.min(n, from + ROWS_PER_TASK);
                tasks.add(() -> rows(predictions, start, end));
            }
            for (String text : workers.compute(tasks)) {
                out.write(text);
            }
        }
    }

    /** The text of rows {@code [from, to)}. */
    private static String rows(Predictions predictions, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * 64);
        for (int i = from; i < to; i++) {
            appendField(sb, predictions.id(i));
            sb.append(',').append(predictions.label(i) ? '1' : '0').append(',');
            sb.append(predictions.probability(i)).append(',').append(predictions.fold(i)).append('\n');
        }
        return sb.toString();
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
