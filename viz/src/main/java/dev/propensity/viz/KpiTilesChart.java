package dev.propensity.viz;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Key figures as tiles (XChart has no such chart): each {@link KpiTile} shows a label, a large value and a
 * caption. It is an ordinary XChart chart, so the XChart encoders, {@code SwingWrapper} and this package's
 * {@link ChartFiles} handle it like any other; style it through {@link #getStyler()} and its tiles.
 */
public final class KpiTilesChart extends Chart<KpiTilesStyler, KpiTile> {

    /**
     * An empty chart of the given size.
     *
     * @param width  pixels, at least 1
     * @param height pixels, at least 1
     */
    public KpiTilesChart(int width, int height) {
        super(checkSize("width", width), checkSize("height", height), new KpiTilesStyler());
    }

    private static int checkSize(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1 pixel, was " + v);
        }
        return v;
    }

    /**
     * Adds a tile.
     *
     * @param label   the label, unique within the chart
     * @param value   the value as displayed
     * @param caption the caption under the value, or null
     * @return the tile, for further styling
     * @throws IllegalArgumentException when a tile of that label exists
     */
    public KpiTile addTile(String label, String value, String caption) {
        if (seriesMap.containsKey(label)) {
            throw new IllegalArgumentException("a tile labelled '" + label + "' already exists");
        }
        KpiTile t = new KpiTile(label, value, caption);
        seriesMap.put(label, t);
        return t;
    }

    /** The tiles in the order added. */
    public List<KpiTile> getTiles() {
        return List.copyOf(seriesMap.values());
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        setWidth(width);
        setHeight(height);
        KpiTilesStyler s = getStyler();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(s.getChartBackgroundColor());
        g.fillRect(0, 0, width, height);
        int pad = s.getChartPadding();
        int top = pad;
        if (s.isChartTitleVisible() && !getTitle().isEmpty()) {
            g.setFont(s.getChartTitleFont());
            g.setColor(s.getChartFontColor());
            FontMetrics fm = g.getFontMetrics();
            g.drawString(getTitle(), (width - fm.stringWidth(getTitle())) / 2, top + fm.getAscent());
            top += fm.getHeight() + s.getChartTitlePadding();
        }
        List<KpiTile> tiles = new ArrayList<>(seriesMap.values());
        if (tiles.isEmpty()) {
            return;
        }
        int cols = s.getColumns() == 0 ? tiles.size() : Math.min(s.getColumns(), tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int gap = s.getTileGap();
        double tileW = (width - 2.0 * pad - (cols - 1) * gap) / cols;
        double tileH = (height - top - pad - (rows - 1) * (double) gap) / rows;
        for (int i = 0; i < tiles.size(); i++) {
            double x = pad + (i % cols) * (tileW + gap);
            double y = top + (i / cols) * (tileH + gap);
            paintTile(g, tiles.get(i), x, y, tileW, tileH);
        }
    }

    private void paintTile(Graphics2D g, KpiTile t, double x, double y, double w, double h) {
        KpiTilesStyler s = getStyler();
        RoundRectangle2D box = new RoundRectangle2D.Double(x, y, w, h, 12, 12);
        g.setColor(t.getBackground() == null ? s.getTileBackground() : t.getBackground());
        g.fill(box);
        g.setColor(s.getTileBorder());
        g.setStroke(new BasicStroke(1f));
        g.draw(box);
        g.setColor(t.getFillColor());
        g.fill(new RoundRectangle2D.Double(x, y, 6, h, 6, 6));

        double inner = w - 28;
        int tx = (int) Math.round(x + 18);
        Font labelFont = fit(g, s.getLabelFont(), t.getLabel(), inner);
        Font valueFont = fit(g, s.getValueFont(), t.getValue(), inner);
        FontMetrics lm = g.getFontMetrics(labelFont);
        FontMetrics vm = g.getFontMetrics(valueFont);
        FontMetrics cm = g.getFontMetrics(s.getCaptionFont());
        List<String> caption = wrap(cm, t.getCaption(), inner, 2);
        double block = lm.getHeight() + 4 + vm.getAscent() + vm.getDescent() + 4 + caption.size() * cm.getHeight();
        double cy = y + Math.max(10, (h - block) / 2);

        g.setFont(labelFont);
        g.setColor(s.getLabelColor());
        g.drawString(t.getLabel(), tx, (float) (cy + lm.getAscent()));
        cy += lm.getHeight() + 4;
        g.setFont(valueFont);
        g.setColor(s.getValueColor());
        g.drawString(t.getValue(), tx, (float) (cy + vm.getAscent()));
        cy += vm.getAscent() + vm.getDescent() + 4;
        g.setFont(s.getCaptionFont());
        g.setColor(s.getLabelColor());
        for (String line : caption) {
            g.drawString(line, tx, (float) (cy + cm.getAscent()));
            cy += cm.getHeight();
        }
    }

    /** The font, shrunk step by step (not below 9 pt) until the text fits the width. */
    static Font fit(Graphics2D g, Font font, String text, double width) {
        Font f = font;
        while (f.getSize2D() > 9 && g.getFontMetrics(f).stringWidth(text) > width) {
            f = f.deriveFont(f.getSize2D() - 1);
        }
        return f;
    }

    /** Greedy word wrap into at most maxLines lines; the last line is cut with an ellipsis when needed. */
    static List<String> wrap(FontMetrics fm, String text, double width, int maxLines) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= width || line.length() == 0) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        lines.add(line.toString());
        if (lines.size() > maxLines) {
            List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
            String last = cut.get(maxLines - 1);
            while (!last.isEmpty() && fm.stringWidth(last + "…") > width) {
                last = last.substring(0, last.length() - 1);
            }
            cut.set(maxLines - 1, last + "…");
            return cut;
        }
        return lines;
    }
}
