package dev.propensity.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes {@code predictions.csv}: {@code session_id,label,probability,fold}, one row per evaluated session. The
 * label is 1 for a purchase and 0 otherwise; the probability is the model's out-of-sample purchase probability;
 * the fold is the 0-based cross-validation fold the session was held out in (0 for holdout and time splits).
 */
public final class PredictionsCsv {
    /** The header line. */
    public static final String HEADER = "session_id,label,probability,fold";

    private PredictionsCsv() {
    }

    /**
     * Writes the file.
     *
     * @param file          where to write (replaced)
     * @param ids           session ids
     * @param labels        labels, row for row
     * @param probabilities purchase probabilities in [0, 1], row for row
     * @param folds         the fold of each row
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static void write(Path file, String[] ids, boolean[] labels, double[] probabilities, int[] folds)
            throws IOException {
        Objects.requireNonNull(file, "file");
        int n = ids.length;
        if (labels.length != n || probabilities.length != n || folds.length != n) {
            throw new IllegalArgumentException("ids, labels, probabilities and folds differ in length: " + n + ", "
                    + labels.length + ", " + probabilities.length + ", " + folds.length);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                appendField(sb, ids[i]);
                sb.append(',').append(labels[i] ? '1' : '0').append(',');
                sb.append(probabilities[i]).append(',').append(folds[i]).append('\n');
                w.append(sb);
            }
        }
    }

    /** Appends a CSV field, quoted when it holds a comma, quote or line break. */
    static void appendField(StringBuilder sb, String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            sb.append(value);
        } else {
            sb.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
