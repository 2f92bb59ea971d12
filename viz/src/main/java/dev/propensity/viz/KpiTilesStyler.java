package dev.propensity.viz;

import java.awt.Color;
import java.awt.Font;
import java.util.Objects;

import org.knowm.xchart.style.Styler;

/**
 * The look of a {@link KpiTilesChart}: fonts for the label, value and caption, the tile background and border,
 * and the number of tiles per row. The inherited chart settings (background, title font, padding) apply too.
 */
public final class KpiTilesStyler extends Styler {
    private Font labelFont = new Font(ChartStyle.FONT, Font.PLAIN, 15);
    private Font valueFont = new Font(ChartStyle.FONT, Font.BOLD, 34);
    private Font captionFont = new Font(ChartStyle.FONT, Font.PLAIN, 13);
    private Color tileBackground = new Color(0xF7, 0xF8, 0xFA);
    private Color tileBorder = ChartStyle.GRID;
    private Color labelColor = ChartStyle.MUTED;
    private Color valueColor = ChartStyle.TEXT;
    private int columns;
    private int tileGap = 14;

    /** The project's default look. */
    public KpiTilesStyler() {
        ChartStyle.common(this);
        setChartTitleVisible(false);
        setLegendVisible(false);
    }

    /** The label font. */
    public Font getLabelFont() {
        return labelFont;
    }

    /** Sets the label font; returns this styler. */
    public KpiTilesStyler setLabelFont(Font f) {
        labelFont = Objects.requireNonNull(f, "font");
        return this;
    }

    /** The value font. */
    public Font getValueFont() {
        return valueFont;
    }

    /** Sets the value font (shrunk automatically when a value does not fit its tile); returns this styler. */
    public KpiTilesStyler setValueFont(Font f) {
        valueFont = Objects.requireNonNull(f, "font");
        return this;
    }

    /** The caption font. */
    public Font getCaptionFont() {
        return captionFont;
    }

    /** Sets the caption font; returns this styler. */
    public KpiTilesStyler setCaptionFont(Font f) {
        captionFont = Objects.requireNonNull(f, "font");
        return this;
    }

    /** The tile background colour. */
    public Color getTileBackground() {
        return tileBackground;
    }

    /** Sets the tile background colour; returns this styler. */
    public KpiTilesStyler setTileBackground(Color c) {
        tileBackground = Objects.requireNonNull(c, "color");
        return this;
    }

    /** The tile border colour. */
    public Color getTileBorder() {
        return tileBorder;
    }

    /** Sets the tile border colour; returns this styler. */
    public KpiTilesStyler setTileBorder(Color c) {
        tileBorder = Objects.requireNonNull(c, "color");
        return this;
    }

    /** The label colour. */
    public Color getLabelColor() {
        return labelColor;
    }

    /** Sets the label colour; returns this styler. */
    public KpiTilesStyler setLabelColor(Color c) {
        labelColor = Objects.requireNonNull(c, "color");
        return this;
    }

    /** The value colour. */
    public Color getValueColor() {
        return valueColor;
    }

    /** Sets the value colour; returns this styler. */
    public KpiTilesStyler setValueColor(Color c) {
        valueColor = Objects.requireNonNull(c, "color");
        return this;
    }

    /** Tiles per row; 0 (the default) puts all tiles in one row. */
    public int getColumns() {
        return columns;
    }

    /**
     * Sets the number of tiles per row.
     *
     * @param columns at least 0; 0 means all in one row
     * @return this styler
     */
    public KpiTilesStyler setColumns(int columns) {
        if (columns < 0) {
            throw new IllegalArgumentException("columns must be >= 0, was " + columns);
        }
        this.columns = columns;
        return this;
    }

    /** The gap between tiles in pixels. */
    public int getTileGap() {
        return tileGap;
    }

    /**
     * Sets the gap between tiles.
     *
     * @param gap pixels, at least 0
     * @return this styler
     */
    public KpiTilesStyler setTileGap(int gap) {
        if (gap < 0) {
            throw new IllegalArgumentException("tile gap must be >= 0, was " + gap);
        }
        this.tileGap = gap;
        return this;
    }
}
