package dev.propensity.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The dashboard's look, shared by every chart: a white background, light grid, readable sans-serif fonts and
 * the Okabe-Ito palette, whose colours stay distinct for the common forms of colour blindness. The factories in
 * {@link Charts} apply it; call {@link #apply(XYChart)} and friends on charts of your own to match them.
 */
public final class ChartStyle {
    /** Okabe-Ito blue: the main series (the model, buyers, conversion). */
    public static final Color BLUE = new Color(0x00, 0x72, 0xB2);
    /** Okabe-Ito orange: the second series (non-buyers, baselines). */
    public static final Color ORANGE = new Color(0xE6, 0x9F, 0x00);
    /** Okabe-Ito bluish green. */
    public static final Color GREEN = new Color(0x00, 0x9E, 0x73);
    /** Okabe-Ito vermillion: warnings (near-outcome features). */
    public static final Color VERMILLION = new Color(0xD5, 0x5E, 0x00);
    /** Okabe-Ito sky blue. */
    public static final Color SKY_BLUE = new Color(0x56, 0xB4, 0xE9);
    /** Okabe-Ito reddish purple. */
    public static final Color PURPLE = new Color(0xCC, 0x79, 0xA7);
    /** Okabe-Ito yellow. */
    public static final Color YELLOW = new Color(0xF0, 0xE4, 0x42);
    /** Reference lines (chance diagonal, base rate). */
    public static final Color REFERENCE = new Color(0x80, 0x80, 0x80);
    /** Body text. */
    public static final Color TEXT = new Color(0x22, 0x22, 0x22);
    /** Secondary text. */
    public static final Color MUTED = new Color(0x60, 0x60, 0x60);
    /** Grid lines and tile borders. */
    public static final Color GRID = new Color(0xE3, 0xE3, 0xE3);

    /** The series colours in order of use. */
    public static Color[] palette() {
        return new Color[] {BLUE, ORANGE, GREEN, VERMILLION, SKY_BLUE, PURPLE, YELLOW, TEXT};
    }

    /** The font family (a logical font: present on every JVM). */
    public static final String FONT = Font.SANS_SERIF;
    /** Chart titles. */
    public static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 17);
    /** Axis titles. */
    public static final Font AXIS_TITLE_FONT = new Font(FONT, Font.PLAIN, 14);
    /** Axis tick labels. */
    public static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 13);
    /** Legends. */
    public static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 13);
    /** Labels written on the plot (bar values, annotations). */
    public static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 12);

    /** A dashed stroke for reference lines. */
    public static final BasicStroke DASHED =
            new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

    /** Default chart width in pixels. */
    public static final int WIDTH = 640;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 440;

    private ChartStyle() {
    }

    /**
     * Applies the look to an XY chart (line charts and curves).
     *
     * @param chart the chart; changed in place
     * @return the same chart
     */
    public static XYChart apply(XYChart chart) {
        axes(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /**
     * Applies the look to a category chart (bars).
     *
     * @param chart the chart; changed in place
     * @return the same chart
     */
    public static CategoryChart apply(CategoryChart chart) {
        axes(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.7);
        chart.getStyler().setLabelsFont(LABEL_FONT);
        chart.getStyler().setLabelsFontColor(TEXT);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        return chart;
    }

    /**
     * Applies the look to a heat map (the confusion matrix).
     *
     * @param chart the chart; changed in place
     * @return the same chart
     */
    public static HeatMapChart apply(HeatMapChart chart) {
        axes(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setValueFont(new Font(FONT, Font.BOLD, 15));
        return chart;
    }

    static void common(Styler s) {
        s.setBaseFont(new Font(FONT, Font.PLAIN, 13));
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartFontColor(TEXT);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(8);
        s.setChartPadding(12);
        s.setSeriesColors(palette());
        s.setLegendFont(LEGEND_FONT);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 235));
        s.setLegendBorderColor(GRID);
        s.setLegendPadding(6);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0xBB, 0xBB, 0xBB));
        s.setAnnotationTextFont(LABEL_FONT);
        s.setAnnotationTextFontColor(TEXT);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
    }

    private static void axes(AxesChartStyler s) {
        common(s);
        s.setAxisTitleFont(AXIS_TITLE_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setAxisTickLabelsColor(TEXT);
        s.setAxisTickMarksColor(new Color(0xBB, 0xBB, 0xBB));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setPlotMargin(6);
        s.setAxisTitlePadding(8);
        s.setLocale(Locale.ROOT);
    }
}
