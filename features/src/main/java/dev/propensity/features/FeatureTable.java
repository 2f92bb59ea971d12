package dev.propensity.features;

import dev.propensity.core.SessionFacts;
import java.util.Arrays;
import java.util.Objects;

/**
 * Feature rows of many sessions, stored by column: one {@code double[]} per feature (categorical features hold
 * their level index, missing values are {@code NaN}), plus the {@link SessionFacts} of the same sessions (ids,
 * labels, start times, durations, attributes) that the dashboard breaks conversion down by.
 *
 * <p>Immutable. Memory is 8 bytes per value plus the facts. Build one with {@link FeatureTables} from sessions,
 * or with {@link #of(FeatureSchema, double[][], SessionFacts)} from columns.
 */
public final class FeatureTable {
    private final FeatureSchema schema;
    private final double[][] columns;
    private final SessionFacts facts;

    private FeatureTable(FeatureSchema schema, double[][] columns, SessionFacts facts) {
        this.schema = schema;
        this.columns = columns;
        this.facts = facts;
    }

    /**
     * A table from columns. The arrays are taken over, not copied: the caller must not change them afterwards.
     *
     * @param schema  the features, one per column
     * @param columns one array per feature, each of length {@code facts.size()}
     * @param facts   the sessions' facts, including their labels
     * @return the table
     * @throws IllegalArgumentException when the counts or lengths disagree, or a categorical code is outside its
     *                                  levels
     */
    public static FeatureTable of(FeatureSchema schema, double[][] columns, SessionFacts facts) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(facts, "facts");
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " features but " + columns.length + " columns were given");
        }
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != facts.size()) {
                throw new IllegalArgumentException("column " + schema.get(j).name() + " has " + columns[j].length
                        + " rows but the facts have " + facts.size());
            }
            FeatureSpec f = schema.get(j);
            if (f.kind() == FeatureKind.CATEGORICAL) {
                int k = f.levels().size();
                for (int i = 0; i < columns[j].length; i++) {
                    double v = columns[j][i];
                    if (!Double.isNaN(v) && (v < 0 || v >= k || v != Math.rint(v))) {
                        throw new IllegalArgumentException("column " + f.name() + " row " + i + ": level code " + v
                                + " outside its " + k + " levels");
                    }
                }
            }
        }
        return new FeatureTable(schema, columns, facts);
    }

    /** The features, one per column. */
    public FeatureSchema schema() {
        return schema;
    }

    /** The number of rows (sessions). */
    public int rows() {
        return facts.size();
    }

    /** The number of columns (features). */
    public int columnCount() {
        return columns.length;
    }

    /** The facts of the sessions, row for row. */
    public SessionFacts facts() {
        return facts;
    }

    /** The label of a row: whether the session purchased. */
    public boolean label(int row) {
        return facts.purchased(row);
    }

    /** A copy of the labels. */
    public boolean[] labels() {
        return facts.labels();
    }

    /** The number of rows labelled as purchases. */
    public int positives() {
        int n = 0;
        for (int i = 0; i < rows(); i++) {
            n += facts.purchased(i) ? 1 : 0;
        }
        return n;
    }

    /** The session id of a row. */
    public String id(int row) {
        return facts.id(row);
    }

    /** One value. */
    public double value(int row, int column) {
        return columns[column][row];
    }

    /** One value by feature name. */
    public double value(int row, String feature) {
        return columns[columnIndex(feature)][row];
    }

    /** A copy of a column. */
    public double[] column(int column) {
        return columns[column].clone();
    }

    /** A copy of a column by feature name. */
    public double[] column(String feature) {
        return columns[columnIndex(feature)].clone();
    }

    /**
     * The backing array of a column, for code that must not copy millions of values (trainers, scorers).
     * Callers must not modify it.
     *
     * @param column the column index
     * @return the shared array
     */
    public double[] columnArray(int column) {
        return columns[column];
    }

    /** A copy of one row's values in column order. */
    public double[] row(int row) {
        Objects.checkIndex(row, rows());
        double[] r = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            r[j] = columns[j][row];
        }
        return r;
    }

    /** The level name of a categorical value, or {@code null} when missing. */
    public String level(int row, int column) {
        FeatureSpec f = schema.get(column);
        if (f.kind() != FeatureKind.CATEGORICAL) {
            throw new IllegalArgumentException("feature " + f.name() + " is " + f.kind() + ", not categorical");
        }
        double v = columns[column][row];
        return Double.isNaN(v) ? null : f.levels().get((int) v);
    }

    /**
     * The given rows, in the given order (for folds and splits).
     *
     * @param rows row indices, each in [0, rows())
     * @return a new table
     */
    public FeatureTable select(int[] rows) {
        double[][] cols = new double[columns.length][rows.length];
        for (int j = 0; j < columns.length; j++) {
            double[] src = columns[j];
            double[] dst = cols[j];
            for (int i = 0; i < rows.length; i++) {
                dst[i] = src[rows[i]];
            }
        }
        return new FeatureTable(schema, cols, facts.select(rows));
    }

    private int columnIndex(String feature) {
        int j = schema.indexOf(feature);
        if (j < 0) {
            throw new IllegalArgumentException("no feature '" + feature + "' in " + schema.names());
        }
        return j;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("FeatureTable[rows=").append(rows()).append(", features=").append(columns.length)
                .append(", purchases=").append(positives()).append("]\n");
        int show = Math.min(5, rows());
        for (int j = 0; j < columns.length; j++) {
            sb.append(String.format("  %-28s %-11s", schema.get(j).name(), schema.get(j).kind()));
            for (int i = 0; i < show; i++) {
                sb.append(' ').append(formatValue(i, j));
            }
            sb.append(rows() > show ? " ...\n" : "\n");
        }
        return sb.toString();
    }

    private String formatValue(int row, int column) {
        double v = columns[column][row];
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (schema.get(column).kind() == FeatureKind.CATEGORICAL) {
            return level(row, column);
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.4g", v);
    }

    /** Equal rows, columns, schema and ids; for tests. */
    boolean sameValues(FeatureTable other) {
        if (!schema.equals(other.schema) || rows() != other.rows()) {
            return false;
        }
        for (int j = 0; j < columns.length; j++) {
            if (!Arrays.equals(columns[j], other.columns[j])) {
                return false;
            }
        }
        return true;
    }
}
