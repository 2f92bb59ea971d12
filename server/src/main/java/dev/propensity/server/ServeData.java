package dev.propensity.server;

import dev.propensity.core.SessionFacts;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Importance;
import dev.propensity.model.PurchaseModel;
import dev.propensity.pipeline.DashboardResult;
import dev.propensity.pipeline.Headline;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the server slices: every session's facts and out-of-sample probability, kept by column (the facts' own
 * arrays, plus a byte per row for hour of day and day of week, an int per row for the start date, and a byte per
 * row for the level code of each categorical attribute), so that filtering two million sessions is a pass over a
 * few primitive arrays. With predictions, rows are kept by ascending probability (equal ones in the order given):
 * {@link #facts()} and {@link #probability(int)} are in that order. Built once from a dashboard run; immutable and
 * thread-safe.
 */
public final class ServeData {
    /** Marks an unknown start date in {@link #day}. */
    static final int NO_DAY = Integer.MIN_VALUE;

    private final SessionFacts facts;
    private final double[] probability;
    private final byte[] hour;
    private final byte[] weekday;
    private final int[] day;
    private final Map<String, byte[]> codes;
    /** Every row index, in order: the rows of a slice that keeps every session (shared, never changed). */
    private final int[] allRows;
    private final Map<String, List<String>> levels;
    private final Headline headline;
    private final EvaluationProtocol protocol;
    private final List<Importance> coefficients;
    private final List<Importance> permutation;
    private final PurchaseModel model;
    private final List<String> notes;
    private final LocalDate firstDay;
    private final LocalDate lastDay;

    private ServeData(SessionFacts given, double[] probability, Headline headline, EvaluationProtocol protocol,
                      List<Importance> coefficients, List<Importance> permutation, PurchaseModel model,
                      List<String> notes) {
        Objects.requireNonNull(given, "facts");
        if (given.size() == 0) {
            throw new IllegalArgumentException("nothing to serve: no sessions");
        }
        if (probability != null && probability.length != given.size()) {
            throw new IllegalArgumentException("probabilities and sessions differ in length: " + probability.length
                    + " vs " + given.size());
        }
        // rows by ascending probability: a slice is then a subsequence, its scores reach the metrics sorted, and
        // gathering its rows reads the columns front to back
        int[] order = probability == null ? null : ascending(probability);
        this.facts = order == null ? given : given.select(order);
        if (order != null) {
            double[] p = new double[order.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = probability[order[i]];
            }
            this.probability = p;
        } else {
            this.probability = null;
        }
        this.headline = Objects.requireNonNull(headline, "headline");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.coefficients = List.copyOf(coefficients);
        this.permutation = List.copyOf(permutation);
        this.model = model;
        this.notes = List.copyOf(notes);
        int n = facts.size();
        this.allRows = new int[n];
        for (int i = 0; i < n; i++) {
            allRows[i] = i;
        }
        this.hour = new byte[n];
        this.weekday = new byte[n];
        this.day = new int[n];
        ZoneId zone = facts.zone();
        ZoneOffset fixed = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (!facts.hasStart(i)) {
                hour[i] = -1;
                weekday[i] = -1;
                day[i] = NO_DAY;
                continue;
            }
            long ms = facts.startMillis(i);
            long local;
            if (fixed != null) {
                local = Math.floorDiv(ms, 1000L) + fixed.getTotalSeconds();
            } else {
                ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(zone);
                local = t.toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
            }
            long d = Math.floorDiv(local, 86_400L);
            day[i] = (int) d;
            hour[i] = (byte) (Math.floorMod(local, 86_400L) / 3600);
            // 1970-01-01 was a Thursday; Monday is 0
            weekday[i] = (byte) Math.floorMod(d + 3, 7L);
            min = Math.min(min, (int) d);
            max = Math.max(max, (int) d);
        }
        this.firstDay = min == Integer.MAX_VALUE ? null : LocalDate.ofEpochDay(min);
        this.lastDay = max == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(max);
        Map<String, byte[]> c = new LinkedHashMap<>();
        Map<String, List<String>> l = new LinkedHashMap<>();
        for (String dim : Breakdowns.available(given)) {
            if (!given.attributeNames().contains(dim)) {
                continue;
            }
            // the level codes of the data as given (the slicers list the levels in the order first seen)
            byte[] col = new byte[n];
            for (int i = 0; i < n; i++) {
                col[i] = (byte) given.attributeCode(dim, order == null ? i : order[i]);
            }
            c.put(dim, col);
            l.put(dim, given.levels(dim));
        }
        this.codes = Collections.unmodifiableMap(c);
        this.levels = Collections.unmodifiableMap(l);
    }

    /**
     * The data of a dashboard run: its sessions' facts, each session's out-of-fold probability, the run's
     * protocol and importances, and its final model (for scoring).
     *
     * @param result the run, with its feature table (a run assembled from aggregates cannot be sliced)
     * @return the data
     * @throws IllegalArgumentException when the result has no feature table, or no sessions
     */
    public static ServeData of(DashboardResult result) {
        Objects.requireNonNull(result, "result");
        FeatureTable table = result.table();
        if (table == null) {
            throw new IllegalArgumentException("a run assembled from aggregates has no sessions to slice");
        }
        double[] p = result.evaluation() == null ? null : result.evaluation().probabilities();
        if (p != null) {
            int[] folds = result.evaluation().folds();
            for (int i = 0; i < p.length; i++) {
                if (folds[i] < 0) {
                    p[i] = Double.NaN;
                }
            }
        }
        EvaluationProtocol protocol = result.evaluation() == null
                ? EvaluationProtocol.crossValidation(5, result.report().seed())
                : result.evaluation().result().protocol();
        return new ServeData(table.facts(), p, result.headline(), protocol, result.figures().coefficients(),
                result.figures().permutation(), result.model(), result.report().notes());
    }

    /**
     * Data from parts (a saved run read back, or a test's sessions).
     *
     * @param facts         the sessions, at least one
     * @param probabilities each session's out-of-sample probability (NaN when not tested), or {@code null} without
     *                      a model
     * @param headline      the page's title and data line
     * @param protocol      how the probabilities were made
     * @param importance    the run's feature importances (coefficients or permutation), possibly empty
     * @param model         the model that scores new sessions, or {@code null}
     * @param notes         remarks about the run
     * @return the data
     */
    public static ServeData of(SessionFacts facts, double[] probabilities, Headline headline,
                               EvaluationProtocol protocol, List<Importance> importance, PurchaseModel model,
                               List<String> notes) {
        return new ServeData(facts, probabilities == null ? null : probabilities.clone(), headline, protocol,
                importance, List.of(), model, notes);
    }

    /** The sessions, by ascending probability when there are predictions. */
    public SessionFacts facts() {
        return facts;
    }

    /** The number of sessions. */
    public int size() {
        return facts.size();
    }

    /** Whether sessions carry predictions. */
    public boolean hasPredictions() {
        return probability != null;
    }

    /** A row's out-of-sample probability, NaN when not tested or without a model. */
    public double probability(int row) {
        return probability == null ? Double.NaN : probability[row];
    }

    /** The page's title and data line. */
    public Headline headline() {
        return headline;
    }

    /** How the predictions were made. */
    public EvaluationProtocol protocol() {
        return protocol;
    }

    /** The run's standardised coefficients. */
    public List<Importance> coefficients() {
        return coefficients;
    }

    /** The run's permutation importance. */
    public List<Importance> permutation() {
        return permutation;
    }

    /** The model that scores new sessions, or {@code null}. */
    public PurchaseModel model() {
        return model;
    }

    /** The run's remarks. */
    public List<String> notes() {
        return notes;
    }

    /** The sliceable categorical attributes and their levels, in breakdown order. */
    public Map<String, List<String>> attributes() {
        return levels;
    }

    /** The first start date, or {@code null} when no start time is known. */
    public LocalDate firstDay() {
        return firstDay;
    }

    /** The last start date, or {@code null}. */
    public LocalDate lastDay() {
        return lastDay;
    }

    /** Whether start times are known (so date, weekday and hour slicers apply). */
    public boolean hasTimes() {
        return firstDay != null;
    }

    /**
     * The rows a filter keeps, in row order (which is ascending probability when there are predictions): one pass
     * over a few primitive columns.
     *
     * @param f the filter
     * @return the row indices, ascending; all rows when the filter keeps every session
     */
    int[] rows(SliceFilter f) {
        int n = facts.size();
        if (f.keepsAll()) {
            return allRows;
        }
        int from = f.from() == null ? Integer.MIN_VALUE : (int) f.from().toEpochDay();
        int to = f.to() == null ? Integer.MAX_VALUE : (int) f.to().toEpochDay();
        boolean byDay = f.from() != null || f.to() != null;
        boolean byHour = f.hourFrom() != 0 || f.hourTo() != 23;
        boolean wrap = f.hourFrom() > f.hourTo();
        int weekdays = f.weekdayMask();
        boolean byWeekday = weekdays != SliceFilter.ALL_WEEKDAYS;
        int hf = f.hourFrom();
        int ht = f.hourTo();
        // the hours and levels kept, as bit masks (levels are fewer than 32, see Breakdowns.MAX_LEVELS)
        int hours = 0;
        for (int h = 0; h < 24; h++) {
            boolean in = wrap ? h >= hf || h <= ht : h >= hf && h <= ht;
            hours |= in ? 1 << h : 0;
        }
        int a = f.attributes().size();
        byte[][] cols = new byte[a][];
        int[] keep = new int[a];
        int c = 0;
        for (Map.Entry<String, List<String>> e : f.attributes().entrySet()) {
            List<String> lv = levels.get(e.getKey());
            int mask = 0;
            for (String v : e.getValue()) {
                mask |= 1 << lv.indexOf(v);
            }
            cols[c] = codes.get(e.getKey());
            keep[c++] = mask;
        }
        // two passes over the byte columns (count, then fill an array of the right length): cheaper than an array of
        // every row's index per request, which is garbage at once
        Keep k = new Keep(byDay ? day : null, from, to, byHour ? hour : null, hours, byWeekday ? weekday : null,
                weekdays, cols, keep);
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += k.keeps(i) ? 1 : 0;
        }
        if (count == n) {
            return allRows;
        }
        int[] out = new int[count];
        for (int i = 0, j = 0; j < count; i++) {
            if (k.keeps(i)) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** Which rows a filter keeps, by the data's columns (a column is null when the filter does not look at it). */
    private record Keep(int[] day, int from, int to, byte[] hour, int hours, byte[] weekday, int weekdays,
                        byte[][] cols, int[] keep) {
        boolean keeps(int i) {
            if (day != null) {
                int d = day[i];
                if (d == NO_DAY || d < from || d > to) {
                    return false;
                }
            }
            if (hour != null) {
                int h = hour[i];
                if (h < 0 || (hours & (1 << h)) == 0) {
                    return false;
                }
            }
            if (weekday != null) {
                int w = weekday[i];
                if (w < 0 || (weekdays & (1 << w)) == 0) {
                    return false;
                }
            }
            for (int a = 0; a < cols.length; a++) {
                int c = cols[a][i];
                if (c < 0 || (keep[a] & (1 << c)) == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The sessions of some rows: these facts themselves when the rows are all of them, else their selection.
     *
     * @param rows ascending row indices, from {@link #rows}
     * @return the facts of the rows
     */
    SessionFacts facts(int[] rows) {
        return rows.length == facts.size() ? facts : facts.select(rows);
    }

    /**
     * The rows by ascending probability (unscored rows first; equal probabilities in row order). The data keeps its
     * rows in this order, so that a slice's scores reach the metrics already sorted, and their sorting (the ROC
     * curve, the reports) costs a pass instead of an n log n sort on every slice.
     */
    private static int[] ascending(double[] p) {
        int n = p.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // non-negative floats order as their bits do; NaN (not scored) gets 0, before every score
            long k = Double.isNaN(p[i]) ? 0 : Float.floatToIntBits((float) p[i]) + 1L;
            keys[i] = k << 32 | i;
        }
        java.util.Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keys[i];
        }
        // rows whose probabilities differ below float precision: put them in exact order (a few, adjacent)
        for (int i = 1; i < n; i++) {
            int r = order[i];
            double v = p[r];
            int j = i - 1;
            while (j >= 0 && !Double.isNaN(v) && p[order[j]] > v) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = r;
        }
        return order;
    }

    /**
     * The probabilities of the given rows (NaN where not tested), or {@code null} without a model; for all rows, the
     * data's own array, which the caller must not change.
     */
    double[] probabilities(int[] rows) {
        if (probability == null) {
            return null;
        }
        if (rows.length == probability.length) {
            return probability;
        }
        double[] p = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p[i] = probability[rows[i]];
        }
        return p;
    }

    @Override
    public String toString() {
        return "ServeData[" + facts.size() + " sessions, " + (probability == null ? "no model" : "predictions")
                + ", slicers " + levels.keySet() + "]";
    }
}
