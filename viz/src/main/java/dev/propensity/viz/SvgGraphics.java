package dev.propensity.viz;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Polygon;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ColorModel;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.awt.image.renderable.RenderableImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.AttributedCharacterIterator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A {@link Graphics2D} that writes what is drawn on it as SVG markup: the project's own SVG output for charts.
 *
 * <p>Shapes become {@code rect}, {@code ellipse}, {@code line} or {@code path} elements with presentation attributes
 * (fill, stroke, opacity; no {@code style} attributes, so a Content-Security-Policy without inline styles still
 * shows them). Coordinates are written in pixels to two decimals (a hundredth of a pixel), in device space when the
 * transform is a translation and with a {@code transform} attribute otherwise. Consecutive elements under the same
 * clip share one group that refers to a {@code clipPath}. Texts drawn with {@code drawString} become {@code text}
 * elements in the installed family the font draws with, followed by generic fallbacks ({@link FontFamilies}), so
 * they stay text; a text the browser cannot lay out as Java does (control characters, transformed fonts, fonts with
 * layout attributes) or drawn with a paint that is not a colour is drawn as the outline of its glyphs instead.
 * XChart draws its own titles, labels and legends as glyph outlines, so those are paths.
 *
 * <p>Font metrics and the font render context come from an image graphics with the same rendering hints and
 * transform, so a chart lays out its text exactly as it does for the PNG. Paints other than colours (gradients,
 * textures) are rasterised at one pixel per unit into an embedded PNG, as are images drawn; both appear as
 * {@code image} elements with a {@code data:} URI, so the output stays self-contained.
 *
 * <p>What SVG cannot express: composites other than {@link AlphaComposite} source-over (their alpha is honoured,
 * their rule is drawn as source-over), XOR mode (drawn in paint mode) and {@link #copyArea} (refused). One instance
 * and its copies draw on one thread; separate drawings are independent.
 */
final class SvgGraphics extends Graphics2D {
    /** What one drawing and all graphics created from it share: the output and the metrics graphics. */
    private static final class Canvas {
        final int width;
        final int height;
        final String idPrefix;
        final StringBuilder defs = new StringBuilder(256);
        final StringBuilder body = new StringBuilder(64 * 1024);
        /** Scratch space for the geometry of the element being written. */
        final StringBuilder geometry = new StringBuilder(4096);
        /** Clip ids by their geometry. */
        final Map<String, String> clipIds = new HashMap<>();
        /** The id of the clip the open group refers to; null when no group is open. */
        String openClip;
        /** The clip shape whose id was looked up last, and that id (most elements share the previous clip). */
        Shape lastClip;
        String lastClipId;
        /** An image graphics for font metrics, the font render context and the device configuration. */
        final Graphics2D metrics;

        Canvas(int width, int height, String idPrefix) {
            this.width = width;
            this.height = height;
            this.idPrefix = idPrefix;
            this.metrics = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        }
    }

    private final Canvas canvas;
    private AffineTransform transform;
    /** The clip in device space, or null for none. */
    private Shape clip;
    private Paint paint;
    private Color color;
    private Color background;
    private Stroke stroke;
    private Font font;
    private Composite composite;
    private final RenderingHints hints;

    private SvgGraphics(Canvas canvas) {
        this.canvas = canvas;
        Graphics2D m = canvas.metrics;
        this.transform = new AffineTransform();
        this.color = m.getColor();
        this.paint = color;
        this.background = m.getBackground();
        this.stroke = m.getStroke();
        this.font = m.getFont();
        this.composite = m.getComposite();
        this.hints = (RenderingHints) m.getRenderingHints().clone();
    }

    private SvgGraphics(SvgGraphics g) {
        this.canvas = g.canvas;
        this.transform = new AffineTransform(g.transform);
        this.clip = g.clip; // never changed in place: every change makes a new shape
        this.paint = g.paint;
        this.color = g.color;
        this.background = g.background;
        this.stroke = g.stroke;
        this.font = g.font;
        this.composite = g.composite;
        this.hints = (RenderingHints) g.hints.clone();
    }

    /**
     * Draws a chart at its own size.
     *
     * @param chart    the chart
     * @param idPrefix the prefix of every id in the drawing (letters, digits, {@code -} and {@code _})
     * @return the drawing
     */
    static SvgDrawing draw(Chart<?, ?> chart, String idPrefix) {
        Objects.requireNonNull(chart, "chart");
        return draw(chart.getWidth(), chart.getHeight(), idPrefix, g -> chart.paint(g, chart.getWidth(),
                chart.getHeight()));
    }

    /**
     * Runs a painter on a new canvas of the given size and returns what it drew.
     *
     * @param width    the width in pixels, at least 1
     * @param height   the height in pixels, at least 1
     * @param idPrefix the prefix of every id in the drawing (letters, digits, {@code -} and {@code _})
     * @param painter  what draws
     * @return the drawing
     */
    static SvgDrawing draw(int width, int height, String idPrefix, Consumer<Graphics2D> painter) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an SVG drawing must be at least 1 x 1 pixel, was " + width + " x "
                    + height);
        }
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (!idPrefix.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("an id prefix must start with a letter and hold only letters, digits, "
                    + "'-' and '_', was '" + idPrefix + "'");
        }
        Objects.requireNonNull(painter, "painter");
        Canvas canvas = new Canvas(width, height, idPrefix);
        try {
            painter.accept(new SvgGraphics(canvas));
        } finally {
            canvas.metrics.dispose();
        }
        if (canvas.openClip != null) {
            canvas.body.append("</g>\n");
        }
        String content = canvas.defs.length() == 0 ? canvas.body.toString()
                : "<defs>\n" + canvas.defs + "</defs>\n" + canvas.body;
        return new SvgDrawing(width, height, content);
    }

    // ---------------------------------------------------------------- shapes

    @Override
    public void draw(Shape s) {
        Objects.requireNonNull(s, "shape");
        if (!(stroke instanceof BasicStroke)) {
            fill(stroke.createStrokedShape(s));
        } else if (paint instanceof Color) {
            writeShape(s, false);
        } else {
            rasterise(s, true);
        }
    }

    @Override
    public void fill(Shape s) {
        Objects.requireNonNull(s, "shape");
        if (paint instanceof Color) {
            writeShape(s, true);
        } else {
            rasterise(s, false);
        }
    }

    private void writeShape(Shape s, boolean filled) {
        double opacity = ((Color) paint).getAlpha() / 255.0 * alpha();
        if (opacity <= 0 || clippedAway()) {
            return;
        }
        boolean moved = translationOnly();
        StringBuilder e = canvas.geometry;
        e.setLength(0);
        int rule = geometry(e, s, moved ? transform.getTranslateX() : 0, moved ? transform.getTranslateY() : 0,
                filled);
        if (rule < 0) {
            return;
        }
        if (filled) {
            e.append(" fill=\"");
            colour(e, (Color) paint);
            e.append('"');
            opacity(e, "fill-opacity", opacity);
            if (rule == PathIterator.WIND_EVEN_ODD) {
                e.append(" fill-rule=\"evenodd\"");
            }
        } else {
            e.append(" fill=\"none\" stroke=\"");
            colour(e, (Color) paint);
            e.append('"');
            opacity(e, "stroke-opacity", opacity);
            strokeAttributes(e, (BasicStroke) stroke);
        }
        if (!moved) {
            transformAttribute(e, transform);
        }
        startElement().append(e).append("/>\n");
    }

    /**
     * Writes the start of a shape's element and its geometry attributes, offset by (dx, dy).
     *
     * @return the path's winding rule, or -1 when nothing is to be drawn (an empty or inside-out shape, a line to
     *         fill, a coordinate that is not finite)
     */
    private static int geometry(StringBuilder e, Shape s, double dx, double dy, boolean filled) {
        if (s instanceof Rectangle2D) {
            Rectangle2D r = (Rectangle2D) s;
            if (!(r.getWidth() >= 0 && r.getHeight() >= 0) || !finite(r.getX(), r.getY(), r.getWidth(), r.getHeight())) {
                return -1;
            }
            if (!filled && (r.getWidth() == 0 || r.getHeight() == 0)) {
                return pathElement(e, s, dx, dy); // SVG draws no outline of a rect without area; Java draws a line
            }
            e.append("<rect");
            number(e, "x", r.getX() + dx);
            number(e, "y", r.getY() + dy);
            number(e, "width", r.getWidth());
            number(e, "height", r.getHeight());
            return PathIterator.WIND_NON_ZERO;
        }
        if (s instanceof RoundRectangle2D) {
            RoundRectangle2D r = (RoundRectangle2D) s;
            if (!(r.getWidth() >= 0 && r.getHeight() >= 0)
                    || !finite(r.getX(), r.getY(), r.getWidth(), r.getHeight())
                    || !finite(r.getArcWidth(), r.getArcHeight(), 0, 0)) {
                return -1;
            }
            if (!filled && (r.getWidth() == 0 || r.getHeight() == 0)) {
                return pathElement(e, s, dx, dy);
            }
            e.append("<rect");
            number(e, "x", r.getX() + dx);
            number(e, "y", r.getY() + dy);
            number(e, "width", r.getWidth());
            number(e, "height", r.getHeight());
            if (r.getArcWidth() > 0 && r.getArcHeight() > 0) {
                number(e, "rx", Math.min(r.getArcWidth(), r.getWidth()) / 2);
                number(e, "ry", Math.min(r.getArcHeight(), r.getHeight()) / 2);
            }
            return PathIterator.WIND_NON_ZERO;
        }
        if (s instanceof Ellipse2D) {
            Ellipse2D o = (Ellipse2D) s;
            if (!(o.getWidth() >= 0 && o.getHeight() >= 0) || !finite(o.getX(), o.getY(), o.getWidth(), o.getHeight())) {
                return -1;
            }
            if (!filled && (o.getWidth() == 0 || o.getHeight() == 0)) {
                return pathElement(e, s, dx, dy);
            }
            e.append("<ellipse");
            number(e, "cx", o.getCenterX() + dx);
            number(e, "cy", o.getCenterY() + dy);
            number(e, "rx", o.getWidth() / 2);
            number(e, "ry", o.getHeight() / 2);
            return PathIterator.WIND_NON_ZERO;
        }
        if (s instanceof Line2D) {
            Line2D l = (Line2D) s;
            if (filled || !finite(l.getX1(), l.getY1(), l.getX2(), l.getY2())) {
                return -1; // a line has no inside to fill
            }
            e.append("<line");
            number(e, "x1", l.getX1() + dx);
            number(e, "y1", l.getY1() + dy);
            number(e, "x2", l.getX2() + dx);
            number(e, "y2", l.getY2() + dy);
            return PathIterator.WIND_NON_ZERO;
        }
        return pathElement(e, s, dx, dy);
    }

    /** Writes the start of a path element with the shape's data; see {@link #geometry}. */
    private static int pathElement(StringBuilder e, Shape s, double dx, double dy) {
        int start = e.length();
        e.append("<path d=\"");
        int rule = pathData(e, s, dx, dy);
        if (rule < 0) {
            e.setLength(start);
            return -1;
        }
        e.append('"');
        return rule;
    }

    /** Path data of a shape offset by (dx, dy); the winding rule, or -1 for an empty path or one not finite. */
    private static int pathData(StringBuilder e, Shape s, double dx, double dy) {
        PathIterator it = s.getPathIterator(dx == 0 && dy == 0 ? null : AffineTransform.getTranslateInstance(dx, dy));
        double[] c = new double[6];
        int segments = 0;
        for (; !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            int points;
            char op;
            switch (type) {
                case PathIterator.SEG_MOVETO:
                    op = 'M';
                    points = 1;
                    break;
                case PathIterator.SEG_LINETO:
                    op = 'L';
                    points = 1;
                    break;
                case PathIterator.SEG_QUADTO:
                    op = 'Q';
                    points = 2;
                    break;
                case PathIterator.SEG_CUBICTO:
                    op = 'C';
                    points = 3;
                    break;
                case PathIterator.SEG_CLOSE:
                    op = 'Z';
                    points = 0;
                    break;
                default:
                    throw new IllegalStateException("unknown path segment type " + type + " in " + s.getClass().getName());
            }
            e.append(op);
            for (int i = 0; i < 2 * points; i++) {
                if (!Double.isFinite(c[i])) {
                    return -1;
                }
                if (i > 0) {
                    e.append(i % 2 == 1 ? ',' : ' ');
                }
                decimal(e, c[i], 100);
            }
            segments++;
        }
        return segments == 0 ? -1 : it.getWindingRule();
    }

    private void strokeAttributes(StringBuilder e, BasicStroke s) {
        float w = s.getLineWidth();
        if (w == 0) {
            // Java draws the thinnest line a device can show; SVG draws nothing at width 0
            e.append(" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"");
        } else if (w != 1) {
            number(e, "stroke-width", w);
        }
        if (s.getEndCap() == BasicStroke.CAP_ROUND) {
            e.append(" stroke-linecap=\"round\"");
        } else if (s.getEndCap() == BasicStroke.CAP_SQUARE) {
            e.append(" stroke-linecap=\"square\"");
        }
        if (s.getLineJoin() == BasicStroke.JOIN_ROUND) {
            e.append(" stroke-linejoin=\"round\"");
        } else if (s.getLineJoin() == BasicStroke.JOIN_BEVEL) {
            e.append(" stroke-linejoin=\"bevel\"");
        } else if (s.getMiterLimit() != 4f) {
            number(e, "stroke-miterlimit", s.getMiterLimit());
        }
        float[] dash = s.getDashArray();
        if (dash != null) {
            e.append(" stroke-dasharray=\"");
            for (int i = 0; i < dash.length; i++) {
                if (i > 0) {
                    e.append(',');
                }
                decimal(e, dash[i], 100);
            }
            e.append('"');
            if (s.getDashPhase() != 0) {
                number(e, "stroke-dashoffset", s.getDashPhase());
            }
        }
    }

    /**
     * Draws a shape filled or stroked with a paint that is not a colour: rendered at one pixel per unit into an
     * image that covers the shape's visible part, and embedded.
     */
    private void rasterise(Shape s, boolean stroked) {
        if (clippedAway() || alpha() <= 0) {
            return;
        }
        Shape outline = stroked ? stroke.createStrokedShape(s) : s;
        Rectangle area = transform.createTransformedShape(outline).getBounds();
        area = area.intersection(new Rectangle(0, 0, canvas.width, canvas.height));
        if (clip != null) {
            area = area.intersection(clip.getBounds());
        }
        if (area.isEmpty()) {
            return;
        }
        BufferedImage img = new BufferedImage(area.width, area.height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHints(hints);
            g.translate(-area.x, -area.y);
            g.transform(transform);
            g.setPaint(paint);
            g.fill(outline);
        } finally {
            g.dispose();
        }
        writeImage(img, AffineTransform.getTranslateInstance(area.x, area.y));
    }

    // ---------------------------------------------------------------- text

    @Override
    public void drawString(String str, int x, int y) {
        drawString(str, (float) x, (float) y);
    }

    @Override
    public void drawString(String str, float x, float y) {
        Objects.requireNonNull(str, "str");
        if (str.isEmpty()) {
            return;
        }
        if (!(paint instanceof Color) || !plainText(str) || font.isTransformed() || font.hasLayoutAttributes()) {
            fill(new TextLayout(str, font, getFontRenderContext()).getOutline(AffineTransform.getTranslateInstance(x, y)));
            return;
        }
        double opacity = ((Color) paint).getAlpha() / 255.0 * alpha();
        if (opacity <= 0 || clippedAway()) {
            return;
        }
        boolean moved = translationOnly();
        StringBuilder e = canvas.geometry;
        e.setLength(0);
        e.append("<text");
        number(e, "x", x + (moved ? transform.getTranslateX() : 0));
        number(e, "y", y + (moved ? transform.getTranslateY() : 0));
        e.append(" font-family=\"");
        e.append(HtmlPage.escape(FontFamilies.css(font)));
        e.append('"');
        number(e, "font-size", font.getSize2D());
        if (font.isBold()) {
            e.append(" font-weight=\"bold\"");
        }
        if (font.isItalic()) {
            e.append(" font-style=\"italic\"");
        }
        e.append(" fill=\"");
        colour(e, (Color) paint);
        e.append('"');
        opacity(e, "fill-opacity", opacity);
        if (!moved) {
            transformAttribute(e, transform);
        }
        if (str.charAt(0) == ' ' || str.charAt(str.length() - 1) == ' ' || str.contains("  ")) {
            e.append(" xml:space=\"preserve\"");
        }
        e.append('>');
        e.append(HtmlPage.escape(str));
        startElement().append(e).append("</text>\n");
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, int x, int y) {
        drawString(iterator, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator iterator, float x, float y) {
        Objects.requireNonNull(iterator, "iterator");
        if (iterator.getBeginIndex() == iterator.getEndIndex()) {
            throw new IllegalArgumentException("cannot draw an empty attributed text");
        }
        fill(new TextLayout(iterator, getFontRenderContext()).getOutline(AffineTransform.getTranslateInstance(x, y)));
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        fill(g.getOutline(x, y));
    }

    /**
     * Whether a browser shows this text as Java draws it: no control characters (Java draws them as missing
     * glyphs, XML cannot hold most of them), no unpaired surrogates and no non-characters.
     *
     * @param s a text
     * @return true when it can be written as an SVG text element
     */
    static boolean plainText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- images

    @Override
    public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) {
        if (img == null) {
            return true;
        }
        BufferedImage b = buffered(img, obs);
        if (b == null) {
            return false;
        }
        AffineTransform t = new AffineTransform(transform);
        if (xform != null) {
            t.concatenate(xform);
        }
        if (!clippedAway() && alpha() > 0) {
            writeImage(b, t);
        }
        return true;
    }

    @Override
    public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) {
        if (img != null) {
            drawImage(op == null ? img : op.filter(img, null), x, y, null);
        }
    }

    @Override
    public void drawRenderedImage(RenderedImage img, AffineTransform xform) {
        if (img == null) {
            return;
        }
        BufferedImage b;
        AffineTransform t = xform == null ? new AffineTransform() : new AffineTransform(xform);
        if (img instanceof BufferedImage) {
            b = (BufferedImage) img;
        } else {
            ColorModel cm = img.getColorModel();
            WritableRaster r = cm.createCompatibleWritableRaster(img.getWidth(), img.getHeight());
            img.copyData(r.createWritableTranslatedChild(img.getMinX(), img.getMinY()));
            b = new BufferedImage(cm, r, cm.isAlphaPremultiplied(), null);
            t.translate(img.getMinX(), img.getMinY());
        }
        drawImage(b, t, null);
    }

    @Override
    public void drawRenderableImage(RenderableImage img, AffineTransform xform) {
        if (img != null) {
            drawRenderedImage(img.createDefaultRendering(), xform);
        }
    }

    @Override
    public boolean drawImage(Image img, int x, int y, ImageObserver observer) {
        return drawImage(img, AffineTransform.getTranslateInstance(x, y), observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, ImageObserver observer) {
        if (img == null) {
            return true;
        }
        int w = img.getWidth(observer);
        int h = img.getHeight(observer);
        if (w <= 0 || h <= 0) {
            return false;
        }
        AffineTransform t = AffineTransform.getTranslateInstance(x, y);
        t.scale((double) width / w, (double) height / h);
        return drawImage(img, t, observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, Color bgcolor, ImageObserver observer) {
        if (img == null) {
            return true;
        }
        int w = img.getWidth(observer);
        int h = img.getHeight(observer);
        if (w <= 0 || h <= 0) {
            return false;
        }
        return drawImage(img, x, y, w, h, bgcolor, observer);
    }

    @Override
    public boolean drawImage(Image img, int x, int y, int width, int height, Color bgcolor, ImageObserver observer) {
        if (img == null) {
            return true;
        }
        if (bgcolor != null) {
            Paint p = paint;
            setPaint(bgcolor);
            fill(new Rectangle(x, y, width, height));
            paint = p;
        }
        return drawImage(img, x, y, width, height, observer);
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
                             ImageObserver observer) {
        return drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, null, observer);
    }

    @Override
    public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2,
                             Color bgcolor, ImageObserver observer) {
        if (img == null || dx1 == dx2 || dy1 == dy2 || sx1 == sx2 || sy1 == sy2) {
            return true;
        }
        BufferedImage b = buffered(img, observer);
        if (b == null) {
            return false;
        }
        Rectangle source = new Rectangle(Math.min(sx1, sx2), Math.min(sy1, sy2), Math.abs(sx2 - sx1),
                Math.abs(sy2 - sy1)).intersection(new Rectangle(0, 0, b.getWidth(), b.getHeight()));
        if (source.isEmpty()) {
            return true;
        }
        // source pixel (sx, sy) lands on dx1 + (sx - sx1) * scaleX, dy1 + (sy - sy1) * scaleY
        AffineTransform t = AffineTransform.getTranslateInstance(dx1, dy1);
        t.scale((double) (dx2 - dx1) / (sx2 - sx1), (double) (dy2 - dy1) / (sy2 - sy1));
        t.translate(source.x - sx1, source.y - sy1);
        if (bgcolor != null) {
            Paint p = paint;
            AffineTransform saved = transform;
            transform = new AffineTransform(transform);
            transform.concatenate(t);
            setPaint(bgcolor);
            fill(new Rectangle(0, 0, source.width, source.height));
            paint = p;
            transform = saved;
        }
        return drawImage(b.getSubimage(source.x, source.y, source.width, source.height), t, observer);
    }

    /** The image as a buffered image, or null while it is still loading. */
    private static BufferedImage buffered(Image img, ImageObserver obs) {
        if (img instanceof BufferedImage) {
            return (BufferedImage) img;
        }
        int w = img.getWidth(obs);
        int h = img.getHeight(obs);
        if (w <= 0 || h <= 0) {
            return null;
        }
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = b.createGraphics();
        try {
            if (!g.drawImage(img, 0, 0, obs)) {
                return null;
            }
        } finally {
            g.dispose();
        }
        return b;
    }

    /** An image element of the picture in its own pixel space, placed by the transform, as an embedded PNG. */
    private void writeImage(BufferedImage img, AffineTransform t) {
        BufferedImage b = img;
        if (b.getType() != BufferedImage.TYPE_INT_ARGB && b.getType() != BufferedImage.TYPE_INT_RGB) {
            b = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = b.createGraphics();
            try {
                g.drawImage(img, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(b.getWidth() * b.getHeight() / 2 + 256);
        try {
            if (!ImageIO.write(b, "png", png)) {
                throw new IllegalStateException("no PNG writer for an image of type " + b.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an image could not be encoded as PNG for the SVG", e);
        }
        StringBuilder e = canvas.geometry;
        e.setLength(0);
        e.append("<image");
        boolean moved = (t.getType() & ~AffineTransform.TYPE_TRANSLATION) == 0;
        if (moved) {
            number(e, "x", t.getTranslateX());
            number(e, "y", t.getTranslateY());
        }
        number(e, "width", b.getWidth());
        number(e, "height", b.getHeight());
        e.append(" preserveAspectRatio=\"none\"");
        opacity(e, "opacity", alpha());
        if (!moved) {
            transformAttribute(e, t);
        }
        e.append(" xlink:href=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png.toByteArray()))
                .append('"');
        startElement().append(e).append("/>\n");
    }

    // ---------------------------------------------------------------- output helpers

    /** The body, inside a group with the current clip (closing the previous group when the clip changed). */
    private StringBuilder startElement() {
        String id = clip == null ? null : clipId(clip);
        StringBuilder body = canvas.body;
        if (!Objects.equals(id, canvas.openClip)) {
            if (canvas.openClip != null) {
                body.append("</g>\n");
            }
            if (id != null) {
                body.append("<g clip-path=\"url(#").append(id).append(")\">\n");
            }
            canvas.openClip = id;
        }
        return body;
    }

    /** The id of the clipPath for a device-space clip, defined on first use. */
    private String clipId(Shape c) {
        if (c == canvas.lastClip) {
            return canvas.lastClipId;
        }
        StringBuilder g = new StringBuilder(64);
        int rule = geometry(g, c, 0, 0, true);
        if (rule < 0) { // empty or not finite: clip everything away
            g.setLength(0);
            g.append("<rect x=\"0\" y=\"0\" width=\"0\" height=\"0\"");
        } else if (rule == PathIterator.WIND_EVEN_ODD) {
            g.append(" clip-rule=\"evenodd\"");
        }
        String key = g.toString();
        String id = canvas.clipIds.get(key);
        if (id == null) {
            id = canvas.idPrefix + "-clip" + (canvas.clipIds.size() + 1);
            canvas.clipIds.put(key, id);
            canvas.defs.append("<clipPath id=\"").append(id).append("\">").append(key).append("/></clipPath>\n");
        }
        canvas.lastClip = c;
        canvas.lastClipId = id;
        return id;
    }

    /** Whether the clip leaves nothing visible. */
    private boolean clippedAway() {
        if (clip instanceof Rectangle2D) {
            return ((Rectangle2D) clip).isEmpty();
        }
        return clip instanceof Area && ((Area) clip).isEmpty();
    }

    private boolean translationOnly() {
        return (transform.getType() & ~AffineTransform.TYPE_TRANSLATION) == 0;
    }

    /** The composite's extra alpha (1 for composites that are not an {@link AlphaComposite}). */
    private float alpha() {
        return composite instanceof AlphaComposite ? ((AlphaComposite) composite).getAlpha() : 1f;
    }

    private static boolean finite(double a, double b, double c, double d) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d);
    }

    private static void number(StringBuilder e, String name, double v) {
        e.append(' ').append(name).append("=\"");
        decimal(e, v, 100);
        e.append('"');
    }

    private static void opacity(StringBuilder e, String name, double opacity) {
        if (opacity < 1) {
            e.append(' ').append(name).append("=\"");
            decimal(e, opacity, 1000);
            e.append('"');
        }
    }

    private static void transformAttribute(StringBuilder e, AffineTransform t) {
        e.append(" transform=\"matrix(");
        decimal(e, t.getScaleX(), 1_000_000);
        e.append(' ');
        decimal(e, t.getShearY(), 1_000_000);
        e.append(' ');
        decimal(e, t.getShearX(), 1_000_000);
        e.append(' ');
        decimal(e, t.getScaleY(), 1_000_000);
        e.append(' ');
        decimal(e, t.getTranslateX(), 100);
        e.append(' ');
        decimal(e, t.getTranslateY(), 100);
        e.append(")\"");
    }

    private static void colour(StringBuilder e, Color c) {
        e.append('#');
        hex(e, c.getRed());
        hex(e, c.getGreen());
        hex(e, c.getBlue());
    }

    private static void hex(StringBuilder e, int v) {
        e.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
    }

    /**
     * A finite number rounded (halves up) to a multiple of {@code 1 / scale} ({@code scale} a power of ten up to 10^6), in
     * plain decimal notation without trailing zeros ({@code 12}, {@code 0.5}, {@code -3.25}).
     *
     * @param e     where to write
     * @param v     the number, finite
     * @param scale 10, 100, ..., 1000000
     */
    static void decimal(StringBuilder e, double v, int scale) {
        double scaled = Math.floor(v * scale + 0.5); // halves round up
        if (!(Math.abs(scaled) < 9e15)) {
            e.append(Math.rint(v)); // beyond any drawing's size: whole units are plenty
            return;
        }
        long r = (long) scaled;
        if (r == 0) {
            e.append('0');
            return;
        }
        if (r < 0) {
            e.append('-');
            r = -r;
        }
        e.append(r / scale);
        long frac = r % scale;
        if (frac != 0) {
            e.append('.');
            for (int digit = scale / 10; frac != 0; digit /= 10) {
                e.append((char) ('0' + frac / digit));
                frac %= digit;
            }
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public Graphics create() {
        return new SvgGraphics(this);
    }

    /** Nothing to release: the canvas belongs to the drawing. */
    @Override
    public void dispose() {
        // the drawing ends when the painter returns
    }

    @Override
    public Color getColor() {
        return color;
    }

    @Override
    public void setColor(Color c) {
        if (c != null) {
            color = c;
            paint = c;
        }
    }

    @Override
    public Paint getPaint() {
        return paint;
    }

    @Override
    public void setPaint(Paint p) {
        if (p instanceof Color) {
            setColor((Color) p);
        } else if (p != null) {
            paint = p;
        }
    }

    /** Paint mode is the only mode. */
    @Override
    public void setPaintMode() {
        // always in paint mode
    }

    /** XOR mode cannot be expressed in SVG: drawing stays in paint mode. */
    @Override
    public void setXORMode(Color c1) {
        // see the class comment: drawn in paint mode
    }

    @Override
    public Font getFont() {
        return font;
    }

    @Override
    public void setFont(Font f) {
        if (f != null) {
            font = f;
        }
    }

    @Override
    public FontMetrics getFontMetrics(Font f) {
        return metrics().getFontMetrics(f);
    }

    @Override
    public FontRenderContext getFontRenderContext() {
        return metrics().getFontRenderContext();
    }

    /** The metrics graphics with this graphics' hints and transform. */
    private Graphics2D metrics() {
        Graphics2D m = canvas.metrics;
        m.setRenderingHints(hints);
        m.setTransform(transform);
        return m;
    }

    @Override
    public GraphicsConfiguration getDeviceConfiguration() {
        return canvas.metrics.getDeviceConfiguration();
    }

    @Override
    public Stroke getStroke() {
        return stroke;
    }

    @Override
    public void setStroke(Stroke s) {
        if (s == null) {
            throw new IllegalArgumentException("the stroke must not be null");
        }
        stroke = s;
    }

    @Override
    public Composite getComposite() {
        return composite;
    }

    @Override
    public void setComposite(Composite comp) {
        if (comp == null) {
            throw new IllegalArgumentException("the composite must not be null");
        }
        composite = comp;
    }

    @Override
    public Color getBackground() {
        return background;
    }

    @Override
    public void setBackground(Color c) {
        background = c;
    }

    @Override
    public void setRenderingHint(RenderingHints.Key hintKey, Object hintValue) {
        hints.put(hintKey, hintValue);
    }

    @Override
    public Object getRenderingHint(RenderingHints.Key hintKey) {
        return hints.get(hintKey);
    }

    @Override
    public void setRenderingHints(Map<?, ?> newHints) {
        hints.clear();
        hints.putAll(newHints);
    }

    @Override
    public void addRenderingHints(Map<?, ?> newHints) {
        hints.putAll(newHints);
    }

    @Override
    public RenderingHints getRenderingHints() {
        return (RenderingHints) hints.clone();
    }

    // ---------------------------------------------------------------- transform

    @Override
    public void translate(int x, int y) {
        transform.translate(x, y);
    }

    @Override
    public void translate(double tx, double ty) {
        transform.translate(tx, ty);
    }

    @Override
    public void rotate(double theta) {
        transform.rotate(theta);
    }

    @Override
    public void rotate(double theta, double x, double y) {
        transform.rotate(theta, x, y);
    }

    @Override
    public void scale(double sx, double sy) {
        transform.scale(sx, sy);
    }

    @Override
    public void shear(double shx, double shy) {
        transform.shear(shx, shy);
    }

    @Override
    public void transform(AffineTransform tx) {
        transform.concatenate(tx);
    }

    @Override
    public void setTransform(AffineTransform tx) {
        transform = new AffineTransform(tx);
    }

    @Override
    public AffineTransform getTransform() {
        return new AffineTransform(transform);
    }

    // ---------------------------------------------------------------- clip

    /** A user-space shape in device space, as a new shape. */
    private Shape toDevice(Shape s) {
        if (translationOnly() && s instanceof Rectangle2D) {
            Rectangle2D r = (Rectangle2D) s;
            return new Rectangle2D.Double(r.getX() + transform.getTranslateX(), r.getY() + transform.getTranslateY(),
                    r.getWidth(), r.getHeight());
        }
        return transform.createTransformedShape(s);
    }

    @Override
    public Shape getClip() {
        if (clip == null) {
            return null;
        }
        if (translationOnly() && clip instanceof Rectangle2D) {
            Rectangle2D r = (Rectangle2D) clip;
            return new Rectangle2D.Double(r.getX() - transform.getTranslateX(), r.getY() - transform.getTranslateY(),
                    r.getWidth(), r.getHeight());
        }
        try {
            return transform.createInverse().createTransformedShape(clip);
        } catch (NoninvertibleTransformException e) {
            return new Path2D.Double(); // nothing in user space maps onto the clip
        }
    }

    @Override
    public void setClip(Shape s) {
        clip = s == null ? null : toDevice(s);
    }

    @Override
    public void clip(Shape s) {
        if (s == null) {
            clip = null;
            return;
        }
        Shape d = toDevice(s);
        if (clip == null) {
            clip = d;
        } else if (clip instanceof Rectangle2D && d instanceof Rectangle2D) {
            Rectangle2D a = (Rectangle2D) clip;
            Rectangle2D b = (Rectangle2D) d;
            double x0 = Math.max(a.getMinX(), b.getMinX());
            double y0 = Math.max(a.getMinY(), b.getMinY());
            double x1 = Math.min(a.getMaxX(), b.getMaxX());
            double y1 = Math.min(a.getMaxY(), b.getMaxY());
            clip = new Rectangle2D.Double(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
        } else {
            Area a = new Area(clip);
            a.intersect(new Area(d));
            clip = a;
        }
    }

    @Override
    public Rectangle getClipBounds() {
        Shape c = getClip();
        return c == null ? null : c.getBounds();
    }

    @Override
    public void clipRect(int x, int y, int width, int height) {
        clip(new Rectangle(x, y, width, height));
    }

    @Override
    public void setClip(int x, int y, int width, int height) {
        setClip(new Rectangle(x, y, width, height));
    }

    @Override
    public boolean hit(Rectangle rect, Shape s, boolean onStroke) {
        Shape d = transform.createTransformedShape(onStroke ? stroke.createStrokedShape(s) : s);
        if (clip != null) {
            Area a = new Area(d);
            a.intersect(new Area(clip));
            d = a;
        }
        return d.intersects(rect);
    }

    // ---------------------------------------------------------------- the simple shapes of Graphics

    /**
     * Refused: the drawing so far is vector markup, not pixels to copy.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void copyArea(int x, int y, int width, int height, int dx, int dy) {
        throw new UnsupportedOperationException("copyArea cannot be drawn as SVG: what was drawn is markup, not pixels"
                + " (area " + width + " x " + height + " at " + x + "," + y + ")");
    }

    @Override
    public void drawLine(int x1, int y1, int x2, int y2) {
        draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void fillRect(int x, int y, int width, int height) {
        fill(new Rectangle(x, y, width, height));
    }

    @Override
    public void clearRect(int x, int y, int width, int height) {
        Paint p = paint;
        Composite c = composite;
        setPaint(background);
        composite = AlphaComposite.SrcOver;
        fill(new Rectangle(x, y, width, height));
        paint = p;
        composite = c;
    }

    @Override
    public void drawRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {
        draw(new RoundRectangle2D.Double(x, y, width, height, arcWidth, arcHeight));
    }

    @Override
    public void fillRoundRect(int x, int y, int width, int height, int arcWidth, int arcHeight) {
        fill(new RoundRectangle2D.Double(x, y, width, height, arcWidth, arcHeight));
    }

    @Override
    public void drawOval(int x, int y, int width, int height) {
        draw(new Ellipse2D.Double(x, y, width, height));
    }

    @Override
    public void fillOval(int x, int y, int width, int height) {
        fill(new Ellipse2D.Double(x, y, width, height));
    }

    @Override
    public void drawArc(int x, int y, int width, int height, int startAngle, int arcAngle) {
        draw(new Arc2D.Double(x, y, width, height, startAngle, arcAngle, Arc2D.OPEN));
    }

    @Override
    public void fillArc(int x, int y, int width, int height, int startAngle, int arcAngle) {
        fill(new Arc2D.Double(x, y, width, height, startAngle, arcAngle, Arc2D.PIE));
    }

    @Override
    public void drawPolyline(int[] xPoints, int[] yPoints, int nPoints) {
        if (nPoints < 2) {
            return;
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xPoints[0], yPoints[0]);
        for (int i = 1; i < nPoints; i++) {
            p.lineTo(xPoints[i], yPoints[i]);
        }
        draw(p);
    }

    @Override
    public void drawPolygon(int[] xPoints, int[] yPoints, int nPoints) {
        draw(new Polygon(xPoints, yPoints, nPoints));
    }

    @Override
    public void fillPolygon(int[] xPoints, int[] yPoints, int nPoints) {
        fill(new Polygon(xPoints, yPoints, nPoints));
    }
}
