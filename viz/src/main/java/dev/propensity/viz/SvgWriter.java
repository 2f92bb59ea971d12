package dev.propensity.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.knowm.xchart.internal.chartpart.Chart;

import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.AffineTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawImageCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawStringCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Group;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetBackgroundCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetClipCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetCompositeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetFontCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetPaintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.filters.FillPaintedShapeAsImageFilter;
import de.erichseifert.vectorgraphics2d.intermediate.filters.StateChangeGroupingFilter;
import de.erichseifert.vectorgraphics2d.util.GraphicsUtils;

/**
 * Writes a chart's SVG straight from VectorGraphics2D's drawing commands, as text, with the same elements,
 * attributes, number formats and layout as XChart's {@code VectorGraphicsEncoder} followed by
 * {@link ChartFiles#withFontFallback} and {@link ChartFiles#shortenNumbers}: the bytes are the same. The encoder
 * builds an XML DOM (one formatted number at a time, through a shared {@code DecimalFormat}) and serialises it
 * with an XSLT transformer; that was most of the time of writing a dashboard, most of all in a fresh JVM where
 * the XML stack's classes are loaded and its code is interpreted first.
 *
 * <p>Drawing the writer does not reproduce byte for byte (embedded images, non-RGB colours, texts with control
 * characters or markup-like content) makes {@link #write} return null, and the caller uses the encoder.
 */
final class SvgWriter {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";
    private static final String FONT_FALLBACK = ",Helvetica,Arial,sans-serif";

    /**
     * Physical font family per family and style. VectorGraphics2D finds it by laying out a sentence in the font
     * and in every installed font until the metrics match, which takes long; the answer does not depend on the
     * size, so it is looked up once per family and style.
     */
    private static final Map<String, String> PHYSICAL_FAMILY = new ConcurrentHashMap<>();

    private static final ThreadLocal<DecimalFormat[]> FORMATS = ThreadLocal.withInitial(() -> {
        DecimalFormat d = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        d.setMaximumFractionDigits(15);
        DecimalFormat f = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setMaximumFractionDigits(6);
        return new DecimalFormat[] {d, f};
    });

    private final Deque<GraphicsState> states = new ArrayDeque<>();
    private final StringBuilder defs = new StringBuilder();
    private final StringBuilder body;
    private final Set<Integer> clipIds = new HashSet<>();
    /** The open group's start tag, written when its first element arrives; null at root level. */
    private String pendingGroup;
    private boolean groupOpen;

    private SvgWriter(int capacity) {
        body = new StringBuilder(capacity);
        states.push(new GraphicsState());
    }

    /**
     * The chart as an SVG document, or null when it draws something this writer leaves to the encoder.
     *
     * @param chart the chart
     * @return the SVG text, or null
     */
    static String write(Chart<?, ?> chart) {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        CommandSequence commands = new StateChangeGroupingFilter(new FillPaintedShapeAsImageFilter(g.getCommands()));
        SvgWriter w = new SvgWriter(64 * 1024);
        for (Command<?> c : commands) {
            if (!w.handle(c)) {
                return null;
            }
        }
        if (w.body.length() == 0) {
            return null;
        }
        if (w.groupOpen) {
            w.body.append("  </g>\n");
        }
        StringBuilder out = new StringBuilder(HEAD.length() + 300 + w.defs.length() + w.body.length());
        out.append(HEAD).append("<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" height=\"");
        fmt(out, (double) chart.getHeight());
        out.append("px\" version=\"1.1\" viewBox=\"0 0 ");
        fmt(out, (double) chart.getWidth());
        out.append(' ');
        fmt(out, (double) chart.getHeight());
        out.append("\" width=\"");
        fmt(out, (double) chart.getWidth());
        out.append("px\" x=\"0px\" y=\"0px\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (w.defs.length() > 0) {
            out.append("  <defs>\n").append(w.defs).append("  </defs>\n");
        }
        return out.append(w.body).append("</svg>\n").toString();
    }

    private GraphicsState state() {
        return states.peek();
    }

    /** Handles one (grouped) command; false when the output would differ from the encoder's. */
    private boolean handle(Command<?> command) {
        if (command instanceof Group) {
            List<Command<?>> list = ((Group) command).getValue();
            applyState(list);
            for (Command<?> c : list) {
                if (c instanceof SetClipCommand || c instanceof SetTransformCommand
                        || c instanceof AffineTransformCommand) {
                    return newGroup();
                }
            }
            return true;
        }
        if (command instanceof DrawImageCommand) {
            return false;
        }
        if (command instanceof DrawShapeCommand) {
            StringBuilder e = startElement();
            if (!shape(e, ((DrawShapeCommand) command).getValue(), false)) {
                return false;
            }
            e.append("/>\n");
            return true;
        }
        if (command instanceof FillShapeCommand) {
            StringBuilder e = startElement();
            if (!shape(e, ((FillShapeCommand) command).getValue(), true)) {
                return false;
            }
            e.append("/>\n");
            return true;
        }
        if (command instanceof DrawStringCommand) {
            DrawStringCommand c = (DrawStringCommand) command;
            String text = c.getValue();
            if (!plainText(text)) {
                return false;
            }
            StringBuilder e = startElement();
            e.append("<text style=\"");
            if (!fillStyle(e) || !fontStyle(e, state().getFont())) {
                return false;
            }
            e.append("\" x=\"");
            fmt(e, c.getX());
            e.append("\" y=\"");
            fmt(e, c.getY());
            e.append("\">");
            escapeText(e, text);
            e.append("</text>\n");
            return true;
        }
        return true;
    }

    private void applyState(List<Command<?>> commands) {
        for (Command<?> command : commands) {
            GraphicsState s = state();
            if (command instanceof SetBackgroundCommand) {
                s.setBackground(((SetBackgroundCommand) command).getValue());
            } else if (command instanceof SetClipCommand) {
                s.setClip(((SetClipCommand) command).getValue());
            } else if (command instanceof SetColorCommand) {
                s.setColor(((SetColorCommand) command).getValue());
            } else if (command instanceof SetCompositeCommand) {
                s.setComposite(((SetCompositeCommand) command).getValue());
            } else if (command instanceof SetFontCommand) {
                s.setFont(((SetFontCommand) command).getValue());
            } else if (command instanceof SetPaintCommand) {
                s.setPaint(((SetPaintCommand) command).getValue());
            } else if (command instanceof SetStrokeCommand) {
                s.setStroke(((SetStrokeCommand) command).getValue());
            } else if (command instanceof SetTransformCommand) {
                s.setTransform(((SetTransformCommand) command).getValue());
            } else if (command instanceof AffineTransformCommand) {
                AffineTransform t = s.getTransform();
                t.concatenate(((AffineTransformCommand) command).getValue());
                s.setTransform(t);
            } else if (command instanceof SetHintCommand) {
                SetHintCommand c = (SetHintCommand) command;
                s.getHints().put(c.getKey(), c.getValue());
            } else if (command instanceof CreateCommand) {
                try {
                    states.push((GraphicsState) s.clone());
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException("graphics state cannot be copied", e);
                }
            } else if (command instanceof DisposeCommand) {
                states.pop();
            }
        }
    }

    /** Starts a group for the current clip and transform; it is written when its first element comes. */
    private boolean newGroup() {
        if (groupOpen) {
            body.append("  </g>\n");
            groupOpen = false;
        }
        StringBuilder g = new StringBuilder(64).append("  <g");
        Shape clip = state().getClip();
        if (clip != GraphicsState.DEFAULT_CLIP) {
            int id = clip.hashCode();
            if (clipIds.add(id)) {
                defs.append("    <clipPath id=\"clip").append(id).append("\">\n      ");
                if (!shapeElement(defs, clip, null)) {
                    return false;
                }
                defs.append("/>\n    </clipPath>\n");
            }
            g.append(" clip-path=\"url(#clip").append(id).append(")\"");
        }
        AffineTransform tx = state().getTransform();
        if (!GraphicsState.DEFAULT_TRANSFORM.equals(tx)) {
            g.append(" transform=\"");
            double[] m = new double[6];
            tx.getMatrix(m);
            if (AffineTransform.getTranslateInstance(tx.getTranslateX(), tx.getTranslateY()).equals(tx)) {
                g.append("translate(");
                fmt(g, tx.getTranslateX());
                g.append(' ');
                fmt(g, tx.getTranslateY());
                g.append(')');
            } else {
                g.append("matrix(");
                for (int i = 0; i < m.length; i++) {
                    if (i > 0) {
                        g.append(' ');
                    }
                    fmt(g, m[i]);
                }
                g.append(')');
            }
            g.append('"');
        }
        pendingGroup = g.append(">\n").toString();
        return true;
    }

    /** The builder the next element goes to, indented for its level (opening a pending group first). */
    private StringBuilder startElement() {
        if (pendingGroup != null) {
            if (!groupOpen) {
                body.append(pendingGroup);
                groupOpen = true;
            }
            return body.append("    ");
        }
        return body.append("  ");
    }

    /** A shape element with its style attribute; false when the encoder would write it differently. */
    private boolean shape(StringBuilder e, Shape shape, boolean filled) {
        StringBuilder style = new StringBuilder(96);
        if (!(filled ? fillStyle(style) : strokeStyle(style))) {
            return false;
        }
        return shapeElement(e, shape, style.toString());
    }

    /**
     * Writes {@code <line}, {@code <rect}, {@code <ellipse} or {@code <path} with its attributes in the order
     * the encoder's DOM keeps them (sorted by name), without the closing {@code />}.
     */
    private static boolean shapeElement(StringBuilder e, Shape shape, String style) {
        if (shape instanceof Line2D) {
            Line2D s = (Line2D) shape;
            e.append("<line");
            styleAttr(e, style);
            attr(e, "x1", s.getX1());
            attr(e, "x2", s.getX2());
            attr(e, "y1", s.getY1());
            attr(e, "y2", s.getY2());
        } else if (shape instanceof Rectangle2D) {
            Rectangle2D s = (Rectangle2D) shape;
            e.append("<rect");
            attr(e, "height", s.getHeight());
            styleAttr(e, style);
            attr(e, "width", s.getWidth());
            attr(e, "x", s.getX());
            attr(e, "y", s.getY());
        } else if (shape instanceof RoundRectangle2D) {
            RoundRectangle2D s = (RoundRectangle2D) shape;
            e.append("<rect");
            attr(e, "height", s.getHeight());
            attr(e, "rx", s.getArcWidth() / 2.0);
            attr(e, "ry", s.getArcHeight() / 2.0);
            styleAttr(e, style);
            attr(e, "width", s.getWidth());
            attr(e, "x", s.getX());
            attr(e, "y", s.getY());
        } else if (shape instanceof Ellipse2D) {
            Ellipse2D s = (Ellipse2D) shape;
            e.append("<ellipse");
            attr(e, "cx", s.getCenterX());
            attr(e, "cy", s.getCenterY());
            attr(e, "rx", s.getWidth() / 2.0);
            attr(e, "ry", s.getHeight() / 2.0);
            styleAttr(e, style);
        } else {
            e.append("<path d=\"");
            pathData(e, shape);
            e.append('"');
            styleAttr(e, style);
        }
        return true;
    }

    private static void attr(StringBuilder e, String name, double v) {
        e.append(' ').append(name).append("=\"");
        fmt(e, v);
        e.append('"');
    }

    private static void styleAttr(StringBuilder e, String style) {
        if (style != null) {
            e.append(" style=\"").append(style).append('"');
        }
    }

    /** Path data, every coordinate cut to two decimals as {@link ChartFiles#shortenNumbers} does. */
    private static void pathData(StringBuilder out, Shape shape) {
        PathIterator it = shape.getPathIterator(null);
        double[] c = new double[6];
        for (int i = 0; !it.isDone(); i++, it.next()) {
            if (i > 0) {
                out.append(' ');
            }
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO:
                    out.append('M');
                    coords(out, c, 1);
                    break;
                case PathIterator.SEG_LINETO:
                    // the encoder writes a line's x with Double.toString and every other coordinate formatted
                    out.append('L');
                    cut(out, Double.toString(c[0]));
                    out.append(',');
                    shortNumber(out, c[1]);
                    break;
                case PathIterator.SEG_QUADTO:
                    out.append('Q');
                    coords(out, c, 2);
                    break;
                case PathIterator.SEG_CUBICTO:
                    out.append('C');
                    coords(out, c, 3);
                    break;
                case PathIterator.SEG_CLOSE:
                    out.append('Z');
                    break;
                default:
                    throw new IllegalStateException("unknown path segment type " + type);
            }
        }
    }

    private static void coords(StringBuilder out, double[] c, int points) {
        for (int p = 0; p < points; p++) {
            if (p > 0) {
                out.append(' ');
            }
            shortNumber(out, c[2 * p]);
            out.append(',');
            shortNumber(out, c[2 * p + 1]);
        }
    }

    /** A coordinate as the encoder formats it ({@link #fmt(StringBuilder, double)}), cut to two decimals. */
    static void shortNumber(StringBuilder out, double v) {
        int start = out.length();
        fmt(out, v);
        for (int i = start; i < out.length(); i++) {
            if (out.charAt(i) == '.') {
                if (out.length() - i - 1 > 2) {
                    out.setLength(i + 3);
                }
                return;
            }
        }
    }

    /** A number's text with the digits after its point cut to two, anything after them (an exponent) kept. */
    static void cut(StringBuilder out, String s) {
        int dot = s.indexOf('.');
        if (dot < 0) {
            out.append(s);
            return;
        }
        int end = dot + 1;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        if (end - dot - 1 > 2) {
            out.append(s, 0, dot + 3).append(s, end, s.length());
        } else {
            out.append(s);
        }
    }

    private boolean fillStyle(StringBuilder style) {
        Color color = state().getColor();
        if (!rgb(color)) {
            return false;
        }
        style.append("fill:");
        colour(style, color);
        style.append(';');
        if (color.getAlpha() < 255) {
            style.append("fill-opacity:");
            fmt(style, color.getAlpha() / 255.0);
            style.append(';');
        }
        style.append("stroke:none;");
        return true;
    }

    private boolean strokeStyle(StringBuilder style) {
        Color color = state().getColor();
        if (!rgb(color)) {
            return false;
        }
        style.append("fill:none;stroke:");
        colour(style, color);
        style.append(';');
        if (color.getAlpha() < 255) {
            style.append("stroke-opacity:");
            fmt(style, color.getAlpha() / 255.0);
            style.append(';');
        }
        Stroke stroke = state().getStroke();
        if (stroke instanceof BasicStroke) {
            BasicStroke bs = (BasicStroke) stroke;
            if (bs.getLineWidth() != 1f) {
                style.append("stroke-width:");
                fmt(style, bs.getLineWidth());
                style.append(';');
            }
            if (bs.getMiterLimit() != 4f) {
                style.append("stroke-miterlimit:");
                fmt(style, bs.getMiterLimit());
                style.append(';');
            }
            if (bs.getEndCap() != BasicStroke.CAP_BUTT) {
                style.append("stroke-linecap:").append(bs.getEndCap() == BasicStroke.CAP_ROUND ? "round" : "square")
                        .append(';');
            }
            if (bs.getLineJoin() != BasicStroke.JOIN_MITER) {
                style.append("stroke-linejoin:").append(bs.getLineJoin() == BasicStroke.JOIN_ROUND ? "round" : "bevel")
                        .append(';');
            }
            float[] dash = bs.getDashArray();
            if (dash != null) {
                style.append("stroke-dasharray:");
                for (int i = 0; i < dash.length; i++) {
                    if (i > 0) {
                        style.append(',');
                    }
                    fmt(style, dash[i]);
                }
                style.append(';');
                if (bs.getDashPhase() != 0f) {
                    style.append("stroke-dashoffset:");
                    fmt(style, bs.getDashPhase());
                    style.append(';');
                }
            }
        }
        return true;
    }

    /** Font properties, the family escaped for the attribute and given generic fallbacks. */
    private static boolean fontStyle(StringBuilder style, Font font) {
        Font def = GraphicsState.DEFAULT_FONT;
        if (def.equals(font)) {
            return true;
        }
        if (!def.getFamily().equals(font.getFamily())) {
            String family = physicalFamily(font);
            if (!plainText(family) || family.indexOf('"') >= 0 || family.indexOf('&') >= 0 || family.indexOf(';') >= 0) {
                return false;
            }
            style.append("font-family:&quot;");
            escapeText(style, family);
            style.append("&quot;").append(FONT_FALLBACK).append(';');
        }
        if (font.getSize2D() != def.getSize2D()) {
            style.append("font-size:");
            fmt(style, font.getSize2D());
            style.append("px;");
        }
        if ((font.getStyle() & Font.ITALIC) != 0) {
            style.append("font-style:italic;");
        }
        if ((font.getStyle() & Font.BOLD) != 0) {
            style.append("font-weight:bold;");
        }
        return true;
    }

    /**
     * The family of the installed font a (logical) font is drawn with, as VectorGraphics2D names it.
     *
     * @param font a font
     * @return the physical family name
     */
    static String physicalFamily(Font font) {
        return PHYSICAL_FAMILY.computeIfAbsent(font.getFamily() + "/" + font.getStyle(),
                k -> GraphicsUtils.getPhysicalFont(font).getFamily());
    }

    private static boolean rgb(Color c) {
        return c.getColorSpace().getType() != ColorSpace.TYPE_CMYK;
    }

    private static void colour(StringBuilder out, Color c) {
        out.append("rgb(").append(c.getRed()).append(',').append(c.getGreen()).append(',').append(c.getBlue())
                .append(')');
    }

    /**
     * Whether the encoder would write this text as is (apart from escaping {@code & < >}): no control or
     * non-BMP characters, and nothing the post-processing regexes would rewrite.
     *
     * @param s a text
     * @return true when the text can be written by this writer
     */
    static boolean plainText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F) || Character.isSurrogate(ch)) {
                return false;
            }
        }
        return !s.contains("font-family:") && !s.contains(" d=");
    }

    private static void escapeText(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                default:
                    out.append(ch);
            }
        }
    }

    /** A double as the encoder formats it: plain decimal notation, at most 15 decimals, no trailing zeros. */
    static void fmt(StringBuilder out, double v) {
        if (Double.isFinite(v)) {
            String s = Double.toString(v);
            if (s.indexOf('E') < 0) {
                int dot = s.indexOf('.');
                int decimals = s.length() - dot - 1;
                if (decimals == 1 && s.charAt(dot + 1) == '0') {
                    out.append(s, 0, dot);
                    return;
                }
                if (decimals <= 15) {
                    out.append(s);
                    return;
                }
            }
        }
        out.append(FORMATS.get()[0].format(v));
    }

    /** A float as the encoder formats it: its double value with at most 6 decimals. */
    static void fmt(StringBuilder out, float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7f && !(v == 0f && 1f / v < 0)) {
            out.append((long) v);
            return;
        }
        out.append(FORMATS.get()[1].format((double) v));
    }
}
