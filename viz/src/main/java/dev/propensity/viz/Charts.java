package dev.propensity.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.CalibrationCurve;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.ConfusionMatrix;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.GainsCurve;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Kpis;
import dev.propensity.metrics.PrecisionRecallCurve;
import dev.propensity.metrics.RocCurve;

/**
 * One factory per dashboard chart. Each returns an ordinary XChart chart (or a {@link KpiTilesChart}), styled by
 * {@link ChartStyle} at {@link ChartStyle#WIDTH} x {@link ChartStyle#HEIGHT} pixels, which the caller may restyle
 * or resize before writing it with {@link ChartFiles}. Curves with many points are thinned to at most
 * {@link #MAX_CURVE_POINTS} points for drawing (the figures quoted in legends come from the full data).
 */
public final class Charts {
    /** The most points a curve is drawn with. */
    public static final int MAX_CURVE_POINTS = 400;

    private Charts() {
    }

    // ---------------------------------------------------------------- KPIs

    /**
     * The headline tiles: sessions, purchases, conversion rate (with its 95% interval) and, when the KPIs carry a
     * model, its accuracy with the majority-class baseline beside it and its ROC AUC with the PR AUC.
     *
     * @param kpis the KPIs
     * @return a {@link KpiTilesChart} of 3 or 5 tiles, 1280 x 170 pixels, tiles named "Sessions", "Purchases",
     *         "Conversion rate", "Model accuracy", "ROC AUC"
     */
    public static KpiTilesChart kpiTiles(Kpis kpis) {
        return kpiTiles(kpis, 1280, 170);
    }

    /**
     * {@link #kpiTiles(Kpis)} at a given size.
     *
     * @param kpis   the KPIs
     * @param width  pixels
     * @param height pixels
     * @return the tiles chart
     */
    public static KpiTilesChart kpiTiles(Kpis kpis, int width, int height) {
        Objects.requireNonNull(kpis, "kpis");
        KpiTilesChart c = new KpiTilesChart(width, height);
        c.setTitle("Key figures");
        c.addTile("Sessions", integer(kpis.sessions()), null);
        c.addTile("Purchases", integer(kpis.purchases()), null).setFillColor(ChartStyle.GREEN);
        c.addTile("Conversion rate", percent(kpis.conversionRate()), "95% CI " + percent(
                kpis.conversionInterval().low()) + " to " + percent(kpis.conversionInterval().high()))
                .setFillColor(ChartStyle.GREEN);
        kpis.modelQuality().ifPresent(m -> {
            c.addTile("Model accuracy", percent(m.accuracy()), "vs " + percent(m.majorityBaseline())
                    + " by always predicting \"no purchase\" (threshold " + fixed(m.threshold(), 2) + ")")
                    .setFillColor(m.accuracy() - m.majorityBaseline() < 0.01 ? ChartStyle.VERMILLION
                            : ChartStyle.PURPLE);
            c.addTile("ROC AUC", fixed(m.rocAuc(), 3), "PR AUC " + fixed(m.averagePrecision(), 3)
                    + "; 0.5 is chance").setFillColor(ChartStyle.PURPLE);
        });
        return c;
    }

    // ---------------------------------------------------------------- model quality curves

    /**
     * The ROC curve with its AUC in the legend and the chance diagonal. The AUC is the curve's area: exact for a
     * whole curve; for a thinned one (as an {@link dev.propensity.metrics.EvaluationResult} keeps) use
     * {@link #roc(RocCurve, double)} with the exact figure.
     *
     * @param curve the curve
     * @return the chart: series "model (AUC ...)" and "chance (AUC 0.5)"
     */
    public static XYChart roc(RocCurve curve) {
        Objects.requireNonNull(curve, "curve");
        return roc(curve, curve.area());
    }

    /**
     * The ROC curve with the given AUC in the legend (the figure of the unthinned scores, so that the legend says
     * what the rest of the report says) and the chance diagonal.
     *
     * @param curve the curve
     * @param auc   the ROC AUC to show, in [0, 1], or NaN (shown as "n/a") when it is undefined
     * @return the chart: series "model (AUC ...)" and "chance (AUC 0.5)"
     */
    public static XYChart roc(RocCurve curve, double auc) {
        Objects.requireNonNull(curve, "curve");
        checkUnitOrNaN("auc", auc);
        XYChart c = xy("ROC curve: buyers found vs non-buyers flagged",
                "false positive rate (share of non-buyers flagged)", "true positive rate (share of buyers found)");
        double[][] pts = thin(curve.falsePositiveRate(), curve.truePositiveRate(), MAX_CURVE_POINTS);
        line(c, "model (AUC " + fixed(auc, 3) + ")", pts[0], pts[1], ChartStyle.BLUE);
        reference(c, "chance (AUC 0.5)", new double[] {0, 1}, new double[] {0, 1});
        unitSquare(c);
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        return c;
    }

    /**
     * The precision-recall curve with its average precision in the legend and the base rate, which is what a
     * model without skill scores. The average precision is the curve's: exact for a whole curve; for a thinned one
     * (as an {@link dev.propensity.metrics.EvaluationResult} keeps) use
     * {@link #precisionRecall(PrecisionRecallCurve, double, double)} with the exact figure.
     *
     * @param curve    the curve
     * @param baseRate the share of buyers, in [0, 1]
     * @return the chart: series "model (PR AUC ...)" and "base rate ... (no skill)"
     */
    public static XYChart precisionRecall(PrecisionRecallCurve curve, double baseRate) {
        Objects.requireNonNull(curve, "curve");
        return precisionRecall(curve, curve.averagePrecision(), baseRate);
    }

    /**
     * The precision-recall curve with the given average precision in the legend (the figure of the unthinned
     * scores, so that the legend says what the rest of the report says) and the base rate.
     *
     * @param curve            the curve
     * @param averagePrecision the PR AUC (average precision) to show, in [0, 1], or NaN (shown as "n/a") when it is
     *                         undefined
     * @param baseRate         the share of buyers, in [0, 1]
     * @return the chart: series "model (PR AUC ...)" and "base rate ... (no skill)"
     */
    public static XYChart precisionRecall(PrecisionRecallCurve curve, double averagePrecision, double baseRate) {
        Objects.requireNonNull(curve, "curve");
        checkUnitOrNaN("averagePrecision", averagePrecision);
        checkUnit("baseRate", baseRate);
        XYChart c = xy("Precision vs recall", "recall (share of buyers found)",
                "precision (share of flagged who buy)");
        double[][] pts = thin(curve.recall(), curve.precision(), MAX_CURVE_POINTS);
        line(c, "model (PR AUC " + fixed(averagePrecision, 3) + ")", pts[0], pts[1], ChartStyle.BLUE);
        reference(c, "base rate " + percent(baseRate) + " (no skill)", new double[] {0, 1},
                new double[] {baseRate, baseRate});
        unitSquare(c);
        // a strong model's curve runs along the top: keep the legend out of the plot
        c.getStyler().setLegendPosition(LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(LegendLayout.Horizontal);
        c.getStyler().setLegendPadding(16);
        c.getStyler().setLegendSeriesLineLength(20);
        return c;
    }

    /**
     * The reliability diagram: observed purchase rate against mean predicted probability per bin, with each bin's
     * Wilson 95% interval as error bars, and the diagonal of perfect calibration.
     *
     * @param curve the calibration curve
     * @return the chart: series "model (ECE ...)" and "perfectly calibrated"
     */
    public static XYChart calibration(CalibrationCurve curve) {
        Objects.requireNonNull(curve, "curve");
        XYChart c = xy("Calibration: predicted vs observed purchase rate", "mean predicted probability (per bin)",
                "observed purchase rate (95% interval)");
        reference(c, "perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        double[] x = curve.meanPredicted();
        double[] y = curve.observedRate();
        double[] lo = curve.low();
        double[] hi = curve.high();
        if (x.length > 0) {
            // error bars must be symmetric in XChart: draw each interval as its own segment instead
            double[] wx = new double[x.length * 3];
            double[] wy = new double[x.length * 3];
            for (int i = 0; i < x.length; i++) {
                wx[3 * i] = x[i];
                wy[3 * i] = lo[i];
                wx[3 * i + 1] = x[i];
                wy[3 * i + 1] = hi[i];
                wx[3 * i + 2] = x[i];
                wy[3 * i + 2] = Double.NaN;
            }
            XYSeries w = c.addSeries("95% interval", wx, wy);
            w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            w.setMarker(SeriesMarkers.NONE);
            w.setLineColor(ChartStyle.SKY_BLUE);
            w.setLineWidth(2f);
            w.setShowInLegend(false);
            XYSeries m = c.addSeries("model (ECE " + fixed(curve.expectedCalibrationError(), 3) + ")", x, y);
            m.setMarker(SeriesMarkers.CIRCLE);
            m.setMarkerColor(ChartStyle.BLUE);
            m.setLineColor(ChartStyle.BLUE);
            m.setLineWidth(2f);
        }
        unitSquare(c);
        c.getStyler().setLegendPosition(LegendPosition.InsideNW);
        return c;
    }

    /**
     * "How early can we tell?": ROC AUC against the events a session has shown so far, one line per training
     * (whole-session and prefix training where both ran), with chance (0.5) as a dashed line. Checkpoints other
     * than {@code events:k} ({@code all}, minutes) and undefined AUCs are left out; the legend gives the AUC after
     * all events before the purchase where present.
     *
     * @param series the points of each training by name, e.g. {@code whole-session}, {@code prefixes}, each as the
     *               report's {@code byEvents} list
     * @return the chart: one series per training, plus "chance (AUC 0.5)"
     */
    public static XYChart earliness(java.util.Map<String, List<dev.propensity.metrics.EarlinessPoint>> series) {
        Objects.requireNonNull(series, "series");
        XYChart c = xy("How early can we tell?", "events seen so far", "ROC AUC (sessions still going, no purchase yet)");
        Color[] colors = {ChartStyle.BLUE, ChartStyle.ORANGE, ChartStyle.GREEN, ChartStyle.VERMILLION};
        double maxX = 1;
        int i = 0;
        for (java.util.Map.Entry<String, List<dev.propensity.metrics.EarlinessPoint>> e : series.entrySet()) {
            List<Double> xs = new java.util.ArrayList<>();
            List<Double> ys = new java.util.ArrayList<>();
            double all = Double.NaN;
            for (dev.propensity.metrics.EarlinessPoint p : e.getValue()) {
                if (p.checkpoint().equals("all")) {
                    all = p.rocAuc();
                } else if (p.checkpoint().startsWith("events:") && !Double.isNaN(p.rocAuc())) {
                    xs.add(Double.parseDouble(p.checkpoint().substring("events:".length())));
                    ys.add(p.rocAuc());
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
            maxX = Math.max(maxX, x[x.length - 1]);
            String name = (e.getKey().equals("prefixes") ? "prefix" : e.getKey()) + " training"
                    + (Double.isNaN(all) ? "" : " (all events: " + fixed(all, 3) + ")");
            XYSeries s = line(c, name, x, y, colors[i++ % colors.length]);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(s.getLineColor());
        }
        reference(c, "chance (AUC 0.5)", new double[] {1, maxX}, new double[] {0.5, 0.5});
        c.getStyler().setYAxisMin(0.4).setYAxisMax(1.0).setYAxisDecimalPattern("0.00");
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setLegendPosition(LegendPosition.InsideNW);
        return c;
    }

    /**
     * Cumulative gains: the share of buyers reached when targeting the top-scored share of sessions, against
     * random targeting (the diagonal) and a perfect model.
     *
     * @param curve    the gains curve
     * @param baseRate the share of buyers, in (0, 1], which places the perfect model's knee
     * @return the chart: series "model (top 20% reach ...)", "random targeting", "perfect model"
     */
    public static XYChart cumulativeGains(GainsCurve curve, double baseRate) {
        Objects.requireNonNull(curve, "curve");
        checkUnit("baseRate", baseRate);
        XYChart c = xy("Cumulative gains: buyers reached by targeting top scores",
                "share of sessions targeted (highest scores first)", "share of all buyers reached");
        double[] fx = curve.fractionTargeted();
        double[] fy = curve.fractionOfBuyers();
        double[] x = new double[fx.length + 1];
        double[] y = new double[fy.length + 1];
        System.arraycopy(fx, 0, x, 1, fx.length);
        System.arraycopy(fy, 0, y, 1, fy.length);
        double[][] pts = thin(x, y, MAX_CURVE_POINTS);
        line(c, "model (top 20% reach " + percent(curve.buyersReachedAt(0.2)) + " of buyers)", pts[0], pts[1],
                ChartStyle.BLUE);
        reference(c, "random targeting", new double[] {0, 1}, new double[] {0, 1});
        XYSeries perfect = c.addSeries("perfect model", new double[] {0, Math.max(baseRate, 1e-9), 1},
                new double[] {0, 1, 1});
        perfect.setMarker(SeriesMarkers.NONE);
        perfect.setLineColor(ChartStyle.GREEN);
        perfect.setLineStyle(ChartStyle.DASHED);
        unitSquare(c);
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        return c;
    }

    // ---------------------------------------------------------------- actual vs predicted

    /**
     * The confusion matrix as a 2 x 2 grid of tiles: actual buyers in the first row, actual non-buyers in the
     * second; predicted buyers in the first column. Each cell shows its count and its share of the actual class;
     * correct cells have a blue accent, errors a vermillion one. The threshold is in the title.
     *
     * @param confusion the counts
     * @param threshold the threshold the counts were taken at
     * @return the chart, whose tiles (series) are named "Buyer, predicted to buy", "Buyer, missed",
     *         "Non-buyer, flagged to buy", "Non-buyer, predicted not to buy"
     */
    public static KpiTilesChart confusionMatrix(ConfusionMatrix confusion, double threshold) {
        Objects.requireNonNull(confusion, "confusion");
        KpiTilesChart c = new KpiTilesChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
        c.setTitle("Actual vs predicted at threshold " + fixed(threshold, 3));
        c.getStyler().setChartTitleVisible(true);
        c.getStyler().setColumns(2);
        c.getStyler().setValueFont(c.getStyler().getValueFont().deriveFont(30f));
        long pos = confusion.positives();
        long neg = confusion.negatives();
        cell(c, "Buyer, predicted to buy", confusion.tp(), pos, "true positives: ", "of buyers", true);
        cell(c, "Buyer, missed", confusion.fn(), pos, "false negatives: ", "of buyers", false);
        cell(c, "Non-buyer, flagged to buy", confusion.fp(), neg, "false positives: ", "of non-buyers", false);
        cell(c, "Non-buyer, predicted not to buy", confusion.tn(), neg, "true negatives: ", "of non-buyers", true);
        return c;
    }

    private static void cell(KpiTilesChart c, String label, long count, long of, String kind, String ofWhat,
                             boolean correct) {
        double share = of == 0 ? 0 : (double) count / of;
        KpiTile t = c.addTile(label, integer(count), kind + percent(share) + " " + ofWhat);
        t.setFillColor(correct ? ChartStyle.BLUE : ChartStyle.VERMILLION);
        Color base = correct ? ChartStyle.BLUE : ChartStyle.VERMILLION;
        t.setBackground(tint(base, 0.06 + 0.22 * share));
    }

    /**
     * The model's score distribution for buyers and non-buyers as overlaid histograms, each normalised to its own
     * class (so both are visible at any base rate), with the decision threshold as a vertical line.
     *
     * @param labels    true for buyers
     * @param scores    predicted probabilities in [0, 1], same length as labels
     * @param threshold the decision threshold, drawn when within [0, 1]
     * @param bins      number of equal-width bins over [0, 1], 2..200
     * @return the chart: series "buyers (n=...)" and "non-buyers (n=...)", y in percent of each class
     */
    public static XYChart scoreDistribution(boolean[] labels, double[] scores, double threshold, int bins) {
        long[][] counts = scoreHistogram(labels, scores, bins);
        return scoreDistribution(counts[0], counts[1], threshold);
    }

    /**
     * The sessions counted by equal-width probability bin, buyers and non-buyers apart: the numbers the score
     * distribution is drawn from (bin b holds [b / bins, (b + 1) / bins), the last also 1).
     *
     * @param labels true for buyers
     * @param scores predicted probabilities in [0, 1], same length as labels
     * @param bins   number of bins, 2..200
     * @return {@code [0]} buyers and {@code [1]} non-buyers per bin
     * @throws IllegalArgumentException when the lengths differ, bins is out of range, or a score is not a
     *                                  probability (naming its index)
     */
    public static long[][] scoreHistogram(boolean[] labels, double[] scores, int bins) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scores, "scores");
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels and scores differ in length: " + labels.length + " vs "
                    + scores.length);
        }
        if (bins < 2 || bins > 200) {
            throw new IllegalArgumentException("bins must be in [2, 200], was " + bins);
        }
        long[] buy = new long[bins];
        long[] non = new long[bins];
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("score " + i + " must be a probability in [0, 1], was " + s);
            }
            int b = Math.min(bins - 1, (int) (s * bins));
            if (labels[i]) {
                buy[b]++;
            } else {
                non[b]++;
            }
        }
        return new long[][] {buy, non};
    }

    /**
     * {@link #scoreDistribution(boolean[], double[], double, int)} drawn from the counts of
     * {@link #scoreHistogram}.
     *
     * @param buy       buyers per bin
     * @param non       non-buyers per bin, as many bins (2..200)
     * @param threshold the decision threshold, drawn when within [0, 1]
     * @return the chart
     */
    public static XYChart scoreDistribution(long[] buy, long[] non, double threshold) {
        Objects.requireNonNull(buy, "buy");
        Objects.requireNonNull(non, "non");
        int bins = buy.length;
        if (bins < 2 || bins > 200 || non.length != bins) {
            throw new IllegalArgumentException("need 2..200 bins, as many for both groups, was " + bins + " and "
                    + non.length);
        }
        long nBuy = 0;
        long nNon = 0;
        for (int b = 0; b < bins; b++) {
            nBuy += buy[b];
            nNon += non[b];
        }
        XYChart c = xy("Predicted probability: buyers vs non-buyers", "predicted purchase probability",
                "share of the group's sessions (%)");
        // step outlines: two points per bin
        double[] x = new double[2 * bins];
        double[] yb = new double[2 * bins];
        double[] yn = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            x[2 * b] = (double) b / bins;
            x[2 * b + 1] = (double) (b + 1) / bins;
            double vb = nBuy == 0 ? 0 : 100.0 * buy[b] / nBuy;
            double vn = nNon == 0 ? 0 : 100.0 * non[b] / nNon;
            yb[2 * b] = vb;
            yb[2 * b + 1] = vb;
            yn[2 * b] = vn;
            yn[2 * b + 1] = vn;
        }
        XYSeries sn = c.addSeries("non-buyers (n=" + integer(nNon) + ")", x, yn);
        sn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        sn.setMarker(SeriesMarkers.NONE);
        sn.setLineColor(ChartStyle.ORANGE);
        sn.setFillColor(alpha(ChartStyle.ORANGE, 110));
        sn.setLineWidth(2f);
        XYSeries sb = c.addSeries("buyers (n=" + integer(nBuy) + ")", x, yb);
        // buyers as an outline over the filled non-buyers: two fills would mix into a third colour
        sb.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        sb.setMarker(SeriesMarkers.NONE);
        sb.setLineColor(ChartStyle.BLUE);
        sb.setLineWidth(3f);
        if (threshold >= 0 && threshold <= 1) {
            double top = 0;
            for (int i = 0; i < yb.length; i++) {
                top = Math.max(top, Math.max(yb[i], yn[i]));
            }
            XYSeries t = c.addSeries("threshold " + fixed(threshold, 2), new double[] {threshold, threshold},
                    new double[] {0, top * 1.05});
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(ChartStyle.TEXT);
            t.setLineStyle(ChartStyle.DASHED);
        }
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        return c;
    }

    // ---------------------------------------------------------------- breakdowns

    /**
     * Conversion by the groups of one dimension: a bar per group with its Wilson 95% interval as a whisker, the
     * model's mean prediction per group as a marker when the breakdown carries predictions, and the overall rate
     * as a dashed line. Hour labels "14:00" are shortened to "14"; long labels are slanted. When groups of fewer
     * than {@link #SMALL_GROUP} sessions have intervals far taller than everything else, the y axis is cut above
     * the other groups (those whiskers run off the top) and the x axis title says so.
     *
     * @param breakdown the breakdown (never empty)
     * @return the chart: series "conversion", "| 95% CI" (the whiskers), optionally "predicted" (mean predicted
     *         probability), and "overall ...%"; y in percent
     */
    public static CategoryChart breakdown(Breakdown breakdown) {
        Objects.requireNonNull(breakdown, "breakdown");
        List<Breakdown.Group> groups = breakdown.groups();
        boolean hours = Breakdowns.HOUR_OF_DAY.equals(breakdown.dimension());
        List<String> labels = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> mid = new ArrayList<>();
        List<Double> half = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        boolean anyPrediction = false;
        for (Breakdown.Group g : groups) {
            String label = g.label();
            if (hours && label.matches("\\d\\d:00")) {
                label = Integer.toString(Integer.parseInt(label.substring(0, 2)));
            }
            labels.add(label);
            rate.add(100 * g.rate());
            mid.add(100 * (g.interval().low() + g.interval().high()) / 2);
            half.add(100 * (g.interval().high() - g.interval().low()) / 2);
            predicted.add(g.hasPrediction() ? 100 * g.meanPredicted() : null);
            anyPrediction |= g.hasPrediction();
        }
        String dim = breakdown.title();
        CategoryChart c = new CategoryChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
        ChartStyle.apply(c);
        c.setTitle("Conversion by " + lowerFirst(dim));
        c.setXAxisTitle(hours ? dim + " (session start, 0-23)" : dim);
        c.setYAxisTitle("conversion rate (%)");
        CategoryStyler st = c.getStyler();
        st.setOverlapped(true);
        st.setErrorBarsColor(ChartStyle.TEXT);
        st.setYAxisMin(0.0);
        st.setYAxisDecimalPattern("0.#");
        st.setLegendPosition(LegendPosition.OutsideS);
        st.setLegendLayout(LegendLayout.Horizontal);
        st.setLegendPadding(16);
        st.setLegendSeriesLineLength(20);
        st.setAvailableSpaceFill(hours ? 0.8 : 0.6);
        int chars = 0;
        for (String l : labels) {
            chars += l.length() + 1;
        }
        if (chars * 8 > ChartStyle.WIDTH - 120) {
            st.setXAxisLabelRotation(35);
            st.setXAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        }
        // a few tiny groups have intervals up to 100%: cut them at the top rather than squash every bar
        double top = 0;
        double topAll = 0;
        for (Breakdown.Group g : groups) {
            topAll = Math.max(topAll, 100 * g.interval().high());
            top = Math.max(top, 100 * (g.sessions() >= SMALL_GROUP ? g.interval().high() : g.rate()));
            if (g.hasPrediction()) {
                top = Math.max(top, 100 * g.meanPredicted());
            }
        }
        if (topAll > 1.5 * top && top > 0) {
            st.setYAxisMax(top * 1.25);
            c.setXAxisTitle(c.getXAxisTitle() + " (intervals of groups under " + SMALL_GROUP
                    + " sessions cut at the top)");
        }
        CategorySeries bars = c.addSeries("conversion", labels, rate);
        bars.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        bars.setFillColor(tint(ChartStyle.BLUE, 0.75));
        // XChart's error bars are symmetric: centre an invisible series on the interval's midpoint instead
        CategorySeries ci = c.addSeries("| 95% CI", labels, mid, half);
        ci.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        ci.setMarker(SeriesMarkers.NONE);
        if (anyPrediction) {
            CategorySeries p = c.addSeries("predicted", labels, predicted);
            p.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.DIAMOND);
            p.setMarkerColor(ChartStyle.ORANGE);
        }
        double overall = breakdown.sessions() == 0 ? 0 : 100.0 * breakdown.purchases() / breakdown.sessions();
        List<Double> flat = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            flat.add(overall);
        }
        CategorySeries all = c.addSeries("overall " + fixed(overall, 1) + "%", labels, flat);
        all.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        all.setMarker(SeriesMarkers.NONE);
        all.setLineColor(ChartStyle.REFERENCE);
        all.setLineStyle(ChartStyle.DASHED);
        return c;
    }

    // ---------------------------------------------------------------- funnel and importance

    /**
     * The purchase funnel as horizontal bars, first step on top: each bar's label gives the step and the share
     * lost since the step before ("Added to cart  -62%"), and the text after the bar its sessions and share of
     * all sessions.
     *
     * @param funnel the funnel
     * @return the chart: one series per step, named by the step, x = sessions
     */
    public static XYChart funnel(Funnel funnel) {
        Objects.requireNonNull(funnel, "funnel");
        List<Funnel.Step> steps = funnel.steps();
        int k = steps.size();
        String[] names = new String[k];
        XYChart c = xy("Purchase funnel: sessions reaching each step",
                "sessions (-N% = lost since the step before)", "");
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisDecimalPattern("#,##0");
        if (funnel.skipped().isEmpty()) {
            c.getStyler().setYAxisTitleVisible(false);
        } else {
            c.setYAxisTitle("step (no data for: " + String.join(", ", funnel.skipped()) + ")");
        }
        float thickness = (float) Math.max(6, Math.min(40, 0.6 * (ChartStyle.HEIGHT - 150) / k));
        java.awt.BasicStroke bar = new java.awt.BasicStroke(thickness, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER);
        double max = 0;
        int longestName = 0;
        for (Funnel.Step st : steps) {
            max = Math.max(max, st.sessions());
            longestName = Math.max(longestName, st.name().length() + 6);
        }
        double axisMax = Math.max(1, max) * 1.35;
        // data units per pixel, from an estimate of the plot width (tick labels take ~7.5 px per character)
        double plotPx = Math.max(200, ChartStyle.WIDTH - 7.5 * longestName - 70);
        double perPx = axisMax / plotPx;
        // first step on top; rows added bottom-up (XChart needs ascending y values to put a tick at each)
        for (int row = 0; row < k; row++) {
            int i = k - 1 - row;
            Funnel.Step st = steps.get(i);
            long drop = Math.round(100 * st.dropOff());
            names[row] = i == 0 || drop == 0 ? st.name() : st.name() + "  -" + drop + "%";
            XYSeries s = c.addSeries(st.name(), new double[] {0, st.sessions()}, new double[] {row, row});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(i == k - 1 ? ChartStyle.GREEN : ChartStyle.BLUE);
            s.setLineStyle(bar);
            // AnnotationText centres on its x: place it half a label's width (~3.7 px per character) right of the bar
            String text = integer(st.sessions()) + " (" + percent(st.shareOfStart()) + ")";
            c.addAnnotation(new AnnotationText(text, st.sessions() + (8 + 3.7 * text.length()) * perPx, row, false));
        }
        c.getStyler().setXAxisMin(0.0).setXAxisMax(axisMax);
        c.getStyler().setyAxisTickLabelsFormattingFunction(d -> {
            long r = Math.round(d);
            return Math.abs(d - r) < 1e-6 && r >= 0 && r < k ? names[(int) r] : "";
        });
        return c;
    }

    /** Groups with fewer sessions than this may have their interval cut at the top of a breakdown chart. */
    public static final int SMALL_GROUP = 30;

    /** The most features an importance chart shows. */
    public static final int MAX_FEATURES = 15;

    /**
     * What drives purchase: a horizontal bar per feature (the {@link #MAX_FEATURES} largest by magnitude, largest
     * on top). Signed coefficients are coloured by direction (raises / lowers the purchase probability);
     * near-outcome features are purple and labelled "(near outcome)" so they are not taken for real drivers.
     *
     * @param importances the importances of one method, any order; at least one
     * @return the chart; its y axis labels are the feature names
     */
    public static XYChart featureImportance(List<Importance> importances) {
        Objects.requireNonNull(importances, "importances");
        if (importances.isEmpty()) {
            throw new IllegalArgumentException("no feature importances to chart");
        }
        List<Importance> top = new ArrayList<>(importances);
        top.sort(java.util.Comparator.comparingDouble(Importance::magnitude).reversed());
        top = top.subList(0, Math.min(MAX_FEATURES, top.size()));
        String method = top.get(0).method();
        boolean signed = Importance.COEFFICIENT.equals(method);
        int k = top.size();
        String[] names = new String[k];
        XYChart c = xy("What drives purchase (top " + k + (k == 1 ? " feature)" : " features)"),
                signed ? "standardised coefficient (log-odds change per +1 std)"
                        : Importance.PERMUTATION.equals(method) ? "drop in ROC AUC when the feature is shuffled"
                        : lowerFirst(method),
                "");
        c.getStyler().setYAxisTitleVisible(false);
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        // the smallest bars are at the bottom: the lower right corner is the emptiest place
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        c.getStyler().setLegendSeriesLineLength(18);
        float thickness = (float) Math.max(4, Math.min(22, 0.6 * (ChartStyle.HEIGHT - 150) / k));
        java.awt.BasicStroke bar = new java.awt.BasicStroke(thickness, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER);
        boolean shownUp = false;
        boolean shownDown = false;
        boolean shownNear = false;
        // bottom row first: XChart puts ticks at the data's y values only when they come in ascending order
        for (int row = 0; row < k; row++) {
            Importance imp = top.get(k - 1 - row);
            String suffix = imp.nearOutcome() ? " (near outcome)" : "";
            names[row] = shorten(imp.feature(), LABEL_CHARS - suffix.length()) + suffix;
            String legend;
            Color color;
            boolean first;
            if (imp.nearOutcome()) {
                color = ChartStyle.PURPLE;
                legend = "near outcome (not a driver)";
                first = !shownNear;
                shownNear = true;
            } else if (!signed || imp.value() >= 0) {
                color = ChartStyle.BLUE;
                legend = signed ? "raises purchase" : "importance";
                first = !shownUp;
                shownUp = true;
            } else {
                color = ChartStyle.ORANGE;
                legend = "lowers purchase";
                first = !shownDown;
                shownDown = true;
            }
            XYSeries s = c.addSeries(first ? legend : "feature " + row + ": " + imp.feature(),
                    new double[] {0, imp.value()}, new double[] {row, row});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(color);
            s.setLineStyle(bar);
            s.setShowInLegend(first);
        }
        double lo = 0;
        double hi = 0;
        for (Importance imp : top) {
            lo = Math.min(lo, imp.value());
            hi = Math.max(hi, imp.value());
        }
        double pad = Math.max(hi - lo, 1e-9) * 0.06;
        c.getStyler().setXAxisMin(lo < 0 ? lo - pad : 0.0).setXAxisMax(hi > 0 ? hi + pad : pad);
        if (hi - lo < 1) {
            c.getStyler().setXAxisDecimalPattern("0.00");
        }
        c.getStyler().setyAxisTickLabelsFormattingFunction(d -> {
            long r = Math.round(d);
            return Math.abs(d - r) < 1e-6 && r >= 0 && r < k ? names[(int) r] : "";
        });
        return c;
    }

    /** The most characters of a feature name beside a bar; longer names would push the plot off the chart. */
    static final int LABEL_CHARS = 34;

    /**
     * A name cut to at most {@code max} characters by an ellipsis in the middle, keeping its start and its end
     * (where gated inputs such as {@code [checkout_initiated!=0]*cart_value} keep the feature's own name).
     */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int head = (max - 1) / 2;
        int tail = max - 1 - head;
        return s.substring(0, head) + "\u2026" + s.substring(s.length() - tail);
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- helpers

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChart(ChartStyle.WIDTH, ChartStyle.HEIGHT);
        ChartStyle.apply(c);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        return c;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2.5f);
        return s;
    }

    private static XYSeries reference(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(ChartStyle.REFERENCE);
        s.setLineStyle(ChartStyle.DASHED);
        return s;
    }

    private static void unitSquare(XYChart c) {
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
    }

    static AnnotationLine vertical(double x) {
        return new AnnotationLine(x, true, false);
    }

    /**
     * At most {@code max} points of a monotone curve, always keeping the first and last: a point is kept when it
     * moves at least 1/max of the range in x or y since the last kept point.
     */
    static double[][] thin(double[] x, double[] y, int max) {
        if (x.length <= max) {
            return new double[][] {x, y};
        }
        double step = 1.0 / max;
        List<double[]> kept = new ArrayList<>();
        kept.add(new double[] {x[0], y[0]});
        double lx = x[0];
        double ly = y[0];
        for (int i = 1; i < x.length - 1; i++) {
            if (Math.abs(x[i] - lx) >= step || Math.abs(y[i] - ly) >= step) {
                kept.add(new double[] {x[i], y[i]});
                lx = x[i];
                ly = y[i];
            }
        }
        kept.add(new double[] {x[x.length - 1], y[y.length - 1]});
        double[] ox = new double[kept.size()];
        double[] oy = new double[kept.size()];
        for (int i = 0; i < ox.length; i++) {
            ox[i] = kept.get(i)[0];
            oy[i] = kept.get(i)[1];
        }
        return new double[][] {ox, oy};
    }

    private static void checkUnit(String what, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], was " + v);
        }
    }

    private static void checkUnitOrNaN(String what, double v) {
        if (!Double.isNaN(v)) {
            checkUnit(what, v);
        }
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /** The colour mixed with white: amount 0 is white, 1 is the colour. */
    static Color tint(Color c, double amount) {
        double a = Math.max(0, Math.min(1, amount));
        return new Color((int) Math.round(255 - (255 - c.getRed()) * a),
                (int) Math.round(255 - (255 - c.getGreen()) * a), (int) Math.round(255 - (255 - c.getBlue()) * a));
    }

    /** 0.1554 as "15.5%"; one decimal below 10%, none above 99.5% is avoided. */
    static String percent(double share) {
        if (Double.isNaN(share)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String integer(long v) {
        return String.format(Locale.US, "%,d", v);
    }

    /** For {@link ClassificationReport}-based callers in this package. */
    static String accuracyCaption(ClassificationReport r) {
        return "majority baseline " + percent(r.majorityBaseline()) + " (always \"no purchase\")";
    }
}
