package dev.propensity.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.swing.JFrame;

import org.knowm.xchart.internal.chartpart.Chart;

import dev.propensity.core.Workers;
import dev.propensity.metrics.Breakdown;
import dev.propensity.metrics.Breakdowns;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Funnel;
import dev.propensity.metrics.Importance;
import dev.propensity.metrics.Insight;
import dev.propensity.metrics.Kpis;

/**
 * The business dashboard: KPI tiles and every chart of {@link Charts}, composed into one PNG, one SVG and one PNG
 * per chart, a self-contained HTML page (inline SVG, no network, every text from the data escaped, with the
 * insights and the evaluation protocol), or a window.
 *
 * <p>Build one with {@link #builder()}: give it the KPIs, and optionally the breakdowns, the funnel, a model's
 * {@link EvaluationResult}, its predictions, importances and insights. The dashboard draws what it is given and
 * computes none of these figures itself (the metrics module does, or the pipeline module for a whole run). A chart
 * is only drawn for data that is there: a session table without start times gets no hour-of-day chart but the
 * breakdowns it has, and {@link #notes()} says so. The charts are built once and are live XChart objects
 * ({@link #charts()}): restyle them before writing.
 *
 * <pre>{@code
 * Dashboard d = Dashboard.builder()
 *         .title("Online shoppers")
 *         .kpis(Kpis.of(facts, result))
 *         .breakdowns(Breakdowns.all(facts, scores))
 *         .funnel(Funnel.of(facts))
 *         .evaluation(result)
 *         .predictions(labels, scores)
 *         .importance(importances)
 *         .insights(insights)
 *         .build();
 * d.writeAll(Path.of("out"));   // dashboard.png, dashboard.html, charts/NAME.svg, charts/NAME.png
 * }</pre>
 */
public final class Dashboard {
    /** Chart name of the KPI tiles. */
    public static final String KPIS = "kpis";
    /** Chart name of feature importance. */
    public static final String IMPORTANCE = "feature_importance";
    /** Chart name of the confusion matrix. */
    public static final String CONFUSION = "confusion_matrix";
    /** Chart name of the score distribution. */
    public static final String SCORES = "score_distribution";
    /** Chart name of the funnel. */
    public static final String FUNNEL = "funnel";
    /** Chart name of the ROC curve. */
    public static final String ROC = "roc";
    /** Chart name of the precision-recall curve. */
    public static final String PRECISION_RECALL = "precision_recall";
    /** Chart name of the calibration diagram. */
    public static final String CALIBRATION = "calibration";
    /** Chart name of the cumulative gains. */
    public static final String GAINS = "cumulative_gains";
    /** The name of the "How early can we tell?" chart (event data with an earliness study). */
    public static final String EARLINESS = "earliness";
    /** Prefix of breakdown chart names, followed by the sanitised dimension key. */
    public static final String BREAKDOWN_PREFIX = "conversion_by_";
    /** The most breakdown charts drawn (in {@link Breakdowns#available} order). */
    public static final int MAX_BREAKDOWNS = 6;
    /** Charts per row in the composed image and page. */
    public static final int COLUMNS = 3;
    /** The number of probability bins of the score distribution. */
    public static final int SCORE_BINS = 20;

    private final String title;
    private final String dataDescription;
    private final Kpis kpis;
    private final EvaluationResult evaluation;
    private final EvaluationProtocol protocol;
    private final List<Breakdown> breakdowns;
    private final Funnel funnel;
    private final List<Importance> importance;
    private final List<Insight> insights;
    private final List<String> notes;
    private final KpiTilesChart tiles;
    private final Map<String, Chart<?, ?>> charts;
    private final Workers workers;

    private Dashboard(Builder b) {
        this.workers = b.workers;
        this.title = b.title;
        this.dataDescription = b.dataDescription;
        this.evaluation = b.evaluation;
        this.protocol = b.protocol != null ? b.protocol : (b.evaluation != null ? b.evaluation.protocol() : null);
        this.kpis = b.kpis;
        this.breakdowns = b.breakdowns;
        this.funnel = b.funnel;
        this.importance = b.importance == null ? List.of() : List.copyOf(b.importance);
        this.insights = b.insights == null ? List.of() : List.copyOf(b.insights);

        List<String> n = new ArrayList<>(b.notes);
        Map<String, Chart<?, ?>> c = new LinkedHashMap<>();
        this.tiles = Charts.kpiTiles(kpis, COLUMNS * ChartStyle.WIDTH + (COLUMNS - 1) * GAP, 170);
        c.put(KPIS, tiles);
        if (!importance.isEmpty()) {
            c.put(IMPORTANCE, Charts.featureImportance(importance));
        }
        if (evaluation != null) {
            c.put(CONFUSION, Charts.confusionMatrix(evaluation.report().confusion(), evaluation.report().threshold()));
        }
        if (b.scoreCounts != null) {
            double t = evaluation != null ? evaluation.report().threshold() : Double.NaN;
            c.put(SCORES, Charts.scoreDistribution(b.scoreCounts[0], b.scoreCounts[1], t));
        }
        addBreakdowns(c, n);
        if (funnel != null && funnel.steps().size() > 2) {
            c.put(FUNNEL, Charts.funnel(funnel));
        } else if (b.sessionTable || funnel != null) {
            n.add("No purchase funnel: the data has no product-view, cart or checkout events"
                    + (b.sessionTable ? " (it is a table of sessions, not an event log)." : "."));
        }
        if (evaluation != null) {
            double base = evaluation.report().baseRate();
            // the legends carry the report's figures: the kept curves are thinned, their areas a little off
            c.put(ROC, Charts.roc(evaluation.roc(), evaluation.report().rocAuc()));
            c.put(PRECISION_RECALL, Charts.precisionRecall(evaluation.precisionRecall(),
                    evaluation.report().averagePrecision(), base));
            c.put(CALIBRATION, Charts.calibration(evaluation.calibration()));
            c.put(GAINS, Charts.cumulativeGains(evaluation.gains(), base));
        }
        if (b.earliness != null && !b.earliness.isEmpty()) {
            c.put(EARLINESS, Charts.earliness(b.earliness));
        }
        this.notes = List.copyOf(n);
        this.charts = Collections.unmodifiableMap(c);
    }

    private void addBreakdowns(Map<String, Chart<?, ?>> c, List<String> n) {
        Set<String> dims = new LinkedHashSet<>();
        for (Breakdown bd : breakdowns) {
            dims.add(bd.dimension());
        }
        List<String> missing = new ArrayList<>();
        if (!dims.contains(Breakdowns.HOUR_OF_DAY)) {
            missing.add("hour of day");
        }
        if (!dims.contains(Breakdowns.DURATION)) {
            missing.add("session duration");
        }
        int drawn = 0;
        List<String> shown = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>(c.keySet());
        for (Breakdown bd : breakdowns) {
            if (drawn == MAX_BREAKDOWNS) {
                break;
            }
            String name = unique(BREAKDOWN_PREFIX + sanitize(bd.dimension()), used);
            used.add(name);
            c.put(name, Charts.breakdown(bd));
            shown.add(bd.title().toLowerCase(Locale.ROOT));
            drawn++;
        }
        if (!missing.isEmpty()) {
            String what = String.join(" or ", missing);
            n.add(shown.isEmpty()
                    ? "No conversion breakdowns: the data has no " + what + " and no session attributes to group by."
                    : "The data has no " + what + ", so conversion is broken down by what it does have: "
                            + String.join(", ", shown) + ".");
        }
        if (breakdowns.size() > MAX_BREAKDOWNS) {
            List<String> rest = new ArrayList<>();
            for (Breakdown bd : breakdowns.subList(MAX_BREAKDOWNS, breakdowns.size())) {
                rest.add(bd.title().toLowerCase(Locale.ROOT));
            }
            n.add("Also available but not drawn: conversion by " + String.join(", ", rest) + ".");
        }
    }

    static String sanitize(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return t.isEmpty() ? "dimension" : t;
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        for (int i = 2; used.contains(n); i++) {
            n = name + "_" + i;
        }
        return n;
    }

    /**
     * A new builder.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Prepares this JVM for rendering on the default workers: see {@link #warmUp(Workers)}.
     */
    public static void warmUp() {
        warmUp(Workers.defaults());
    }

    /**
     * Prepares this JVM for rendering: draws a few small throw-away charts (a line chart, a bar chart and KPI tiles)
     * as image, PNG and SVG, one task per chart on the given workers, which loads and initialises Java2D, the fonts,
     * XChart and the writers. It returns when that is done, changes nothing that any dashboard draws or writes, and
     * starts no thread of its own; calling it again costs only the drawing of the small charts.
     *
     * <p>It helps once per JVM, when the program has other work to do meanwhile: the first dashboard written in a
     * fresh JVM takes about twice as long as later ones, much of it loading and initialising those classes, and a
     * warm-up run alongside reading and training, for instance as one more task on the {@link Workers} the pipeline
     * runs on, takes that part off the rendering. Called right before rendering, it only moves the time. The
     * {@code propensity dashboard} command runs it next to its pipeline from its start.
     *
     * @param workers the workers to draw on
     */
    public static void warmUp(Workers workers) {
        Warmup.run(workers);
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The description of the data (may be empty). */
    public String dataDescription() {
        return dataDescription;
    }

    /** The KPIs shown in the tiles, as given. */
    public Kpis kpis() {
        return kpis;
    }

    /** The model evaluation, if given. */
    public Optional<EvaluationResult> evaluation() {
        return Optional.ofNullable(evaluation);
    }

    /** The evaluation protocol, if known. */
    public Optional<EvaluationProtocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** The breakdowns (all of them; at most {@link #MAX_BREAKDOWNS} are drawn). */
    public List<Breakdown> breakdowns() {
        return breakdowns;
    }

    /** The funnel, if one was given. */
    public Optional<Funnel> funnel() {
        return Optional.ofNullable(funnel);
    }

    /** The feature importances (empty when not given). */
    public List<Importance> importance() {
        return importance;
    }

    /** The insights (empty when not given). */
    public List<Insight> insights() {
        return insights;
    }

    /** Remarks about what the data lacks and which charts were left out because of it, plain text. */
    public List<String> notes() {
        return notes;
    }

    /**
     * The charts by file name, in dashboard order, starting with {@link #KPIS}. These are the live chart objects:
     * changes to them show in everything written afterwards.
     */
    public Map<String, Chart<?, ?>> charts() {
        return charts;
    }

    // ---------------------------------------------------------------- the composed image

    private static final int MARGIN = 28;
    private static final int GAP = 18;

    /** The whole dashboard as one image: header, tiles, notes, the chart grid, insights and the protocol. */
    public BufferedImage toImage() {
        return toImage(Map.of());
    }

    /** The composed image, drawing the given pre-rendered chart images (by name) instead of painting again. */
    private BufferedImage toImage(Map<String, BufferedImage> rendered) {
        List<String> grid = new ArrayList<>(charts.keySet());
        grid.remove(KPIS);
        int cellW = ChartStyle.WIDTH;
        int cellH = ChartStyle.HEIGHT;
        int width = 2 * MARGIN + COLUMNS * cellW + (COLUMNS - 1) * GAP;
        int rows = (grid.size() + COLUMNS - 1) / COLUMNS;

        // measure the text blocks first
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        Font h1 = new Font(ChartStyle.FONT, Font.BOLD, 30);
        Font sub = new Font(ChartStyle.FONT, Font.PLAIN, 16);
        Font h2 = new Font(ChartStyle.FONT, Font.BOLD, 20);
        Font body = new Font(ChartStyle.FONT, Font.PLAIN, 16);
        int textW = width - 2 * MARGIN;
        List<String> subLines = new ArrayList<>();
        for (String s : subtitleLines()) {
            subLines.addAll(KpiTilesChart.wrap(pg.getFontMetrics(sub), s, textW, 3));
        }
        List<String> noteLines = new ArrayList<>();
        for (String s : notes) {
            noteLines.addAll(KpiTilesChart.wrap(pg.getFontMetrics(body), "Note: " + s, textW, 3));
        }
        List<String[]> insightLines = new ArrayList<>();
        for (Insight i : insights) {
            boolean first = true;
            for (String l : KpiTilesChart.wrap(pg.getFontMetrics(body), i.toString(), textW - 24, 4)) {
                insightLines.add(new String[] {first ? (i.warning() ? "!" : "•") : "", l, i.warning() ? "w" : ""});
                first = false;
            }
        }
        List<String> protocolLines = new ArrayList<>();
        for (String s : protocolText()) {
            protocolLines.addAll(KpiTilesChart.wrap(pg.getFontMetrics(body), s, textW, 3));
        }
        pg.dispose();
        int lh = 24;
        int height = MARGIN + 40 + subLines.size() * 22 + 16 + tiles.getHeight() + 12 + noteLines.size() * lh
                + 12 + rows * (cellH + GAP)
                + (insightLines.isEmpty() ? 0 : 40 + insightLines.size() * lh + 12)
                + (protocolLines.isEmpty() ? 0 : 40 + protocolLines.size() * lh) + MARGIN;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = MARGIN;
            g.setColor(ChartStyle.TEXT);
            g.setFont(h1);
            y += g.getFontMetrics().getAscent();
            g.drawString(title, MARGIN, y);
            y += 40 - g.getFontMetrics().getAscent();
            g.setFont(sub);
            g.setColor(ChartStyle.MUTED);
            for (String l : subLines) {
                g.drawString(l, MARGIN, y + g.getFontMetrics().getAscent());
                y += 22;
            }
            y += 16;
            place(g, KPIS, rendered, MARGIN, y, width - 2 * MARGIN, tiles.getHeight());
            y += tiles.getHeight() + 12;
            g.setFont(body);
            g.setColor(ChartStyle.VERMILLION.darker());
            for (String l : noteLines) {
                g.drawString(l, MARGIN, y + g.getFontMetrics().getAscent());
                y += lh;
            }
            y += 12;
            for (int i = 0; i < grid.size(); i++) {
                int x = MARGIN + (i % COLUMNS) * (cellW + GAP);
                int cy = y + (i / COLUMNS) * (cellH + GAP);
                place(g, grid.get(i), rendered, x, cy, cellW, cellH);
                g.setColor(ChartStyle.GRID);
                g.drawRect(x, cy, cellW - 1, cellH - 1);
            }
            y += rows * (cellH + GAP);
            if (!insightLines.isEmpty()) {
                y = heading(g, h2, "Insights", y);
                g.setFont(body);
                for (String[] l : insightLines) {
                    g.setColor("w".equals(l[2]) ? ChartStyle.VERMILLION.darker() : ChartStyle.TEXT);
                    FontMetrics fm = g.getFontMetrics();
                    g.drawString(l[0], MARGIN + 4, y + fm.getAscent());
                    g.drawString(l[1], MARGIN + 24, y + fm.getAscent());
                    y += lh;
                }
                y += 12;
            }
            if (!protocolLines.isEmpty()) {
                y = heading(g, h2, "How the model was evaluated", y);
                g.setFont(body);
                g.setColor(ChartStyle.TEXT);
                for (String l : protocolLines) {
                    g.drawString(l, MARGIN, y + g.getFontMetrics().getAscent());
                    y += lh;
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static int heading(Graphics2D g, Font f, String text, int y) {
        g.setFont(f);
        g.setColor(ChartStyle.TEXT);
        g.drawString(text, MARGIN, y + 6 + g.getFontMetrics().getAscent());
        return y + 40;
    }

    /**
     * Draws a chart into a cell at its own size, scaled down to fit when it is larger; the chart's own size is
     * kept. Uses the pre-rendered image when there is one.
     */
    private void place(Graphics2D g, String name, Map<String, BufferedImage> rendered, int x, int y, int w, int h) {
        Chart<?, ?> chart = charts.get(name);
        int cw = chart.getWidth();
        int ch = chart.getHeight();
        Graphics2D cg = (Graphics2D) g.create(x, y, w, h);
        try {
            double scale = Math.min(1, Math.min((double) w / cw, (double) h / ch));
            if (scale < 1) {
                cg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                cg.transform(AffineTransform.getScaleInstance(scale, scale));
            }
            BufferedImage img = rendered.get(name);
            if (img != null) {
                cg.drawImage(img, 0, 0, null);
            } else {
                chart.paint(cg, cw, ch);
            }
        } finally {
            cg.dispose();
        }
    }

    List<String> subtitleLines() {
        List<String> l = new ArrayList<>();
        if (!dataDescription.isEmpty()) {
            l.add(dataDescription);
        }
        if (protocol != null) {
            l.add("Model figures: " + protocol.describe() + ".");
        }
        return l;
    }

    List<String> protocolText() {
        List<String> l = new ArrayList<>();
        if (protocol != null) {
            l.add("Protocol: " + protocol.describe() + " (--eval " + protocol.code() + ").");
        }
        if (evaluation != null) {
            var r = evaluation.report();
            l.add(String.format(Locale.ROOT,
                    "%s sessions evaluated, %s buyers (base rate %s). At threshold %.3f: accuracy %s vs majority "
                            + "baseline %s, precision %s, recall %s, F1 %.3f.",
                    Charts.integer(r.n()), Charts.integer(r.positives()), Charts.percent(r.baseRate()),
                    r.threshold(), Charts.percent(r.accuracy()), Charts.percent(r.majorityBaseline()),
                    Charts.percent(r.precision()), Charts.percent(r.recall()), r.f1()));
            String folds = evaluation.foldRocAuc().length > 1
                    ? String.format(Locale.ROOT, " (std %.3f across %d folds)", evaluation.foldRocAucStd(),
                    evaluation.foldRocAuc().length)
                    : "";
            l.add(String.format(Locale.ROOT, "Threshold-free: ROC AUC %.3f%s, PR AUC %.3f, log loss %.3f, Brier %.3f. "
                            + "Best F1 %.3f at threshold %.3f.", r.rocAuc(), folds, r.averagePrecision(), r.logLoss(),
                    r.brier(), evaluation.bestF1().value(), evaluation.bestF1().threshold()));
        }
        return l;
    }

    // ---------------------------------------------------------------- writers

    /** The composed image as PNG bytes. */
    public byte[] png() {
        return ChartFiles.encodePng(toImage());
    }

    /**
     * Writes the composed image as PNG to exactly this path.
     *
     * @param file the target file (parent folders are created)
     * @throws IOException when writing fails
     */
    public void writePng(Path file) throws IOException {
        ChartFiles.write(file, png());
    }

    /**
     * Writes every chart as {@code NAME.svg} and {@code NAME.png} into a folder.
     *
     * @param dir the folder (created when missing)
     * @return the files written, in chart order, SVG before PNG
     * @throws IOException when writing fails
     */
    public List<Path> writeSvgCharts(Path dir) throws IOException {
        return writeCharts(dir, renderAll());
    }

    private List<Path> writeCharts(Path dir, Map<String, Rendered> rendered) throws IOException {
        Objects.requireNonNull(dir, "dir");
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Rendered> e : rendered.entrySet()) {
            Path svg = dir.resolve(e.getKey() + ".svg");
            ChartFiles.write(svg, e.getValue().svg.documentBytes());
            written.add(svg);
            Path png = dir.resolve(e.getKey() + ".png");
            ChartFiles.write(png, e.getValue().png);
            written.add(png);
        }
        return written;
    }

    /**
     * One chart rendered every way the writers need; its SVG ids start with the chart's name, so that the inline
     * copies in the HTML page never clash.
     */
    static final class Rendered {
        final BufferedImage image;
        final byte[] png;
        final SvgDrawing svg;

        Rendered(String name, Chart<?, ?> chart) {
            this.image = ChartFiles.image(chart);
            this.png = ChartFiles.encodePng(image);
            this.svg = SvgGraphics.draw(chart, name);
        }
    }

    /** Renders every chart as image, PNG and SVG, one task per chart on the workers. */
    private Map<String, Rendered> renderAll() {
        List<String> names = new ArrayList<>(charts.keySet());
        List<Workers.Task<Rendered>> tasks = new ArrayList<>(names.size());
        for (String name : names) {
            tasks.add(() -> new Rendered(name, charts.get(name)));
        }
        List<Rendered> out = workers.compute(tasks);
        Map<String, Rendered> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), out.get(i));
        }
        return m;
    }

    /**
     * Each chart as an SVG element to place inline in an HTML page (no PNG is drawn), rendered one task per chart on
     * the dashboard's workers; every text from the data is escaped, and element ids start with the chart's name.
     *
     * @return the SVG elements by chart name, in {@link #charts()} order
     */
    public Map<String, String> svgElements() {
        List<String> names = new ArrayList<>(charts.keySet());
        List<Workers.Task<String>> tasks = new ArrayList<>(names.size());
        for (String name : names) {
            tasks.add(() -> SvgGraphics.draw(charts.get(name), name).element());
        }
        List<String> out = workers.compute(tasks);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), out.get(i));
        }
        return m;
    }

    /**
     * Escapes a text for HTML and SVG content and attribute values, as the dashboard's own page does: {@code & < > " '}
     * become entities, and characters a document must not hold become U+FFFD.
     *
     * @param text any text, or null (rendered as empty)
     * @return the escaped text
     */
    public static String escapeHtml(String text) {
        return HtmlPage.escape(text);
    }

    /** The self-contained HTML page. */
    public String html() {
        return HtmlPage.render(this, Map.of());
    }

    /**
     * Writes the self-contained HTML page (UTF-8) to exactly this path.
     *
     * @param file the target file (parent folders are created)
     * @throws IOException when writing fails
     */
    public void writeHtml(Path file) throws IOException {
        ChartFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code dashboard.png}, {@code dashboard.html} and {@code charts/NAME.svg} + {@code charts/NAME.png}
     * into a folder.
     *
     * @param outDir the folder (created when missing)
     * @return every file written
     * @throws IOException when writing fails
     */
    public List<Path> writeAll(Path outDir) throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Map<String, Rendered> rendered = renderAll();
        Map<String, BufferedImage> images = new LinkedHashMap<>();
        Map<String, String> svgs = new LinkedHashMap<>();
        for (Map.Entry<String, Rendered> e : rendered.entrySet()) {
            images.put(e.getKey(), e.getValue().image);
            svgs.put(e.getKey(), e.getValue().svg.element());
        }
        List<Path> written = new ArrayList<>();
        Path png = outDir.resolve("dashboard.png");
        ChartFiles.write(png, ChartFiles.encodePng(toImage(images)));
        written.add(png);
        Path html = outDir.resolve("dashboard.html");
        ChartFiles.write(html, HtmlPage.render(this, svgs).getBytes(StandardCharsets.UTF_8));
        written.add(html);
        written.addAll(writeCharts(outDir.resolve("charts"), rendered));
        return written;
    }

    /**
     * Opens the dashboard in a window for interactive use: the tiles on top, the charts below in a scrollable grid
     * of {@link #COLUMNS} columns. The window is built on the Swing event thread; closing it disposes it.
     *
     * @return the window (already visible)
     * @throws IllegalStateException when there is no display (headless JVM, or no DISPLAY on Linux)
     */
    public JFrame show() {
        ChartFiles.requireDisplay();
        JFrame[] frame = new JFrame[1];
        Runnable build = () -> {
            JFrame f = new JFrame(title);
            f.setDefaultCloseOperation(javax.swing.WindowConstants.DISPOSE_ON_CLOSE);
            javax.swing.JPanel grid = new javax.swing.JPanel(new java.awt.GridLayout(0, COLUMNS, GAP, GAP));
            grid.setBackground(Color.WHITE);
            for (Map.Entry<String, Chart<?, ?>> e : charts.entrySet()) {
                if (!e.getKey().equals(KPIS)) {
                    grid.add(new org.knowm.xchart.XChartPanel<>(e.getValue()));
                }
            }
            javax.swing.JPanel top = new javax.swing.JPanel(new java.awt.BorderLayout());
            top.add(new org.knowm.xchart.XChartPanel<>(tiles), java.awt.BorderLayout.CENTER);
            if (!notes.isEmpty()) {
                javax.swing.JLabel n = new javax.swing.JLabel("<html>" + HtmlPage.escape(String.join(" ", notes))
                        + "</html>");
                n.setBorder(javax.swing.BorderFactory.createEmptyBorder(4, MARGIN, 8, MARGIN));
                n.setForeground(ChartStyle.VERMILLION.darker());
                top.add(n, java.awt.BorderLayout.SOUTH);
            }
            javax.swing.JPanel content = new javax.swing.JPanel(new java.awt.BorderLayout());
            content.add(top, java.awt.BorderLayout.NORTH);
            content.add(grid, java.awt.BorderLayout.CENTER);
            javax.swing.JScrollPane scroll = new javax.swing.JScrollPane(content);
            scroll.getVerticalScrollBar().setUnitIncrement(24);
            f.add(scroll);
            java.awt.Rectangle screen = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getMaximumWindowBounds();
            f.pack();
            f.setSize(Math.min(f.getWidth() + 24, screen.width), Math.min(f.getHeight(), screen.height));
            f.setLocationRelativeTo(null);
            f.setVisible(true);
            frame[0] = f;
        };
        try {
            if (javax.swing.SwingUtilities.isEventDispatchThread()) {
                build.run();
            } else {
                javax.swing.SwingUtilities.invokeAndWait(build);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the dashboard window", e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("could not open the dashboard window: " + e.getCause(), e.getCause());
        }
        return frame[0];
    }

    @Override
    public String toString() {
        return "Dashboard[" + title + ", charts=" + charts.keySet() + ", notes=" + notes.size() + ", insights="
                + insights.size() + "]";
    }

    /** Collects the pieces of a {@link Dashboard}; every piece but the KPIs is optional. */
    public static final class Builder {
        private String title = "Purchase propensity";
        private String dataDescription = "";
        private Kpis kpis;
        private EvaluationResult evaluation;
        private EvaluationProtocol protocol;
        private long[][] scoreCounts;
        private List<Breakdown> breakdowns = List.of();
        private Funnel funnel;
        private boolean sessionTable;
        private List<Importance> importance;
        private List<Insight> insights;
        private final List<String> notes = new ArrayList<>();
        private Workers workers = Workers.defaults();
        private Map<String, List<dev.propensity.metrics.EarlinessPoint>> earliness;

        private Builder() {
        }

        /**
         * The workers the writers render the charts on, one task per chart (default {@link Workers#defaults()}).
         *
         * @param workers the workers
         * @return this builder
         */
        public Builder workers(Workers workers) {
            this.workers = Objects.requireNonNull(workers, "workers");
            return this;
        }

        /** The page title (any text; escaped in HTML). */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** A line describing the data, e.g. "UCI Online Shoppers, 12,330 sessions, 2016". */
        public Builder dataDescription(String description) {
            this.dataDescription = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * The KPIs shown in the tiles (required), e.g. {@code Kpis.of(facts, result)}: with the model's figures
         * when a model was evaluated. They are shown as given.
         *
         * @param kpis the KPIs
         * @return this builder
         */
        public Builder kpis(Kpis kpis) {
            this.kpis = Objects.requireNonNull(kpis, "kpis");
            return this;
        }

        /**
         * The earliness figures by training ({@code whole-session}, {@code prefixes}), each the points by events
         * seen, for the "How early can we tell?" chart.
         *
         * @param series the points of each training, in legend order
         * @return this builder
         */
        public Builder earliness(Map<String, List<dev.propensity.metrics.EarlinessPoint>> series) {
            this.earliness = new LinkedHashMap<>(Objects.requireNonNull(series, "series"));
            return this;
        }

        /** The model's evaluation: confusion matrix, curves, and the model tiles. */
        public Builder evaluation(EvaluationResult evaluation) {
            this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
            return this;
        }

        /** The evaluation protocol, when there is no {@link #evaluation} to take it from. */
        public Builder protocol(EvaluationProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /**
         * The evaluated labels and predicted probabilities, for the score distribution of buyers and non-buyers.
         *
         * @param labels true for buyers
         * @param scores probabilities in [0, 1], same length
         * @return this builder
         */
        public Builder predictions(boolean[] labels, double[] scores) {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(scores, "scores");
            if (labels.length != scores.length) {
                throw new IllegalArgumentException("labels and scores differ in length: " + labels.length + " vs "
                        + scores.length);
            }
            // counted now (the arrays may hold millions of rows; the chart needs their 20 bins)
            this.scoreCounts = Charts.scoreHistogram(labels, scores, SCORE_BINS);
            return this;
        }

        /**
         * The breakdowns to draw, in order (at most {@link #MAX_BREAKDOWNS}; the rest are named in the notes), e.g.
         * {@code Breakdowns.all(facts, scores)}. Without them no breakdown chart is drawn, and the notes say which
         * of hour of day and session duration are missing.
         *
         * @param breakdowns the breakdowns
         * @return this builder
         */
        public Builder breakdowns(List<Breakdown> breakdowns) {
            this.breakdowns = List.copyOf(breakdowns);
            return this;
        }

        /**
         * The purchase funnel, e.g. {@code Funnel.of(facts)}. A funnel with no step between sessions and purchases
         * is not drawn, and the notes say why.
         *
         * @param funnel the funnel
         * @return this builder
         */
        public Builder funnel(Funnel funnel) {
            this.funnel = Objects.requireNonNull(funnel, "funnel");
            return this;
        }

        /**
         * Marks the data as a table of sessions (one row each, such as the UCI table) rather than an event log:
         * there is no funnel to draw, and the notes say so and why.
         *
         * @return this builder
         */
        public Builder sessionTable() {
            this.sessionTable = true;
            return this;
        }

        /** The feature importances (one method). */
        public Builder importance(List<Importance> importance) {
            this.importance = List.copyOf(importance);
            return this;
        }

        /** The insights, listed in the HTML page and under the image's charts. */
        public Builder insights(List<Insight> insights) {
            this.insights = List.copyOf(insights);
            return this;
        }

        /** Adds a remark shown under the tiles (e.g. rows skipped while reading). */
        public Builder note(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        /**
         * The dashboard, with its charts built.
         *
         * @return the dashboard
         * @throws IllegalStateException when no KPIs were given
         */
        public Dashboard build() {
            if (kpis == null) {
                throw new IllegalStateException("a dashboard needs kpis(...); none were given");
            }
            return new Dashboard(this);
        }
    }
}
