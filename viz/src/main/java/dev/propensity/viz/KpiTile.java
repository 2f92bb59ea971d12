package dev.propensity.viz;

import java.awt.Color;
import java.util.Objects;

import org.knowm.xchart.internal.chartpart.RenderableSeries.LegendRenderType;
import org.knowm.xchart.internal.series.Series;

/**
 * One tile of a {@link KpiTilesChart}: a label ("Conversion rate"), a value as displayed ("15.5%") and an
 * optional caption under it ("95% CI 14.9%-16.1%"). The tile's accent colour is its fill colour
 * ({@link #setFillColor(Color)}); tiles are the chart's series, so {@code chart.getSeriesMap().get("label")}
 * finds one to restyle.
 */
public final class KpiTile extends Series {
    private String value;
    private String caption;
    private Color background;

    KpiTile(String label, String value, String caption) {
        super(Objects.requireNonNull(label, "label"));
        this.value = Objects.requireNonNull(value, "value");
        this.caption = caption == null ? "" : caption;
        setFillColor(ChartStyle.BLUE);
    }

    /** The label shown above the value (the series name). */
    public String getLabel() {
        return getName();
    }

    /** The value as displayed. */
    public String getValue() {
        return value;
    }

    /**
     * Replaces the value text.
     *
     * @param value the new text, not null
     * @return this tile
     */
    public KpiTile setValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
        return this;
    }

    /** The caption under the value; empty when none. */
    public String getCaption() {
        return caption;
    }

    /**
     * Replaces the caption.
     *
     * @param caption the new text; null for none
     * @return this tile
     */
    public KpiTile setCaption(String caption) {
        this.caption = caption == null ? "" : caption;
        return this;
    }

    /** The tile's own background, or null to use the styler's. */
    public Color getBackground() {
        return background;
    }

    /**
     * Gives this tile its own background (a confusion-matrix cell tinted by share, say).
     *
     * @param background the colour, or null for the styler's
     * @return this tile
     */
    public KpiTile setBackground(Color background) {
        this.background = background;
        return this;
    }

    /** Tiles have no legend; XChart asks anyway. */
    @Override
    public LegendRenderType getLegendRenderType() {
        return LegendRenderType.Box;
    }

    @Override
    public String toString() {
        return getName() + ": " + value + (caption.isEmpty() ? "" : " (" + caption + ")");
    }
}
