package dev.propensity.viz;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.PathIterator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CSS {@code font-family} list under which a browser shows a Java font as Java draws it.
 *
 * <p>A logical family ({@code SansSerif}, {@code Serif}, {@code Monospaced}, {@code Dialog}, {@code DialogInput}) is
 * drawn with an installed font that the JVM picks, and a browser's generic family ({@code sans-serif}) is often
 * another one (Chromium on Linux takes Liberation Sans where the JVM takes DejaVu Sans). So the list starts with the
 * installed family whose glyphs are the logical font's glyphs, found by comparing the outlines of a sample text:
 * first among the fonts the JVM usually picks, then among all installed families. Generic fallbacks follow, for a
 * browser on a machine without that font. The answer depends on the family and style only, and is kept for the life
 * of the JVM (the installed fonts do not change under a running JVM).
 */
final class FontFamilies {
    /** A sample text whose outlines tell fonts apart: letters of both cases, digits and punctuation. */
    private static final String SAMPLE = "Propensity 0123456789 %,.-()/ AEIMQRWgjkqyz";
    /** The fonts a JVM usually draws its logical families with, tried before all installed ones. */
    private static final List<String> USUAL = List.of("DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial",
            "Helvetica", "Helvetica Neue", "Lucida Grande", "Lucida Sans", "Segoe UI", "DejaVu Serif",
            "Liberation Serif", "Noto Serif", "Times New Roman", "Times", "Lucida Bright", "DejaVu Sans Mono",
            "Liberation Mono", "Noto Sans Mono", "Courier New", "Courier", "Menlo", "Consolas",
            "Lucida Sans Typewriter");
    private static final List<String> LOGICAL = List.of(Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG,
            Font.DIALOG_INPUT);
    private static final FontRenderContext PLAIN = new FontRenderContext(null, false, false);
    private static final Map<String, String> CSS = new ConcurrentHashMap<>();

    private FontFamilies() {
    }

    /**
     * The value of a {@code font-family} property for a font (quoted names, then generic families).
     *
     * @param font a font
     * @return the family list
     */
    static String css(Font font) {
        return CSS.computeIfAbsent(font.getFamily(Locale.ROOT) + '/' + (font.getStyle() & (Font.BOLD | Font.ITALIC)),
                k -> list(font));
    }

    private static String list(Font font) {
        String family = font.getFamily(Locale.ROOT);
        if (!LOGICAL.contains(family)) {
            return quoted(family) + ",Helvetica,Arial,sans-serif";
        }
        String generic = generic(family);
        return physical(font).map(p -> quoted(p) + "," + generic).orElse(generic);
    }

    /** The generic CSS families for a logical Java family. */
    static String generic(String logicalFamily) {
        switch (logicalFamily) {
            case Font.SERIF:
                return "serif";
            case Font.MONOSPACED:
            case Font.DIALOG_INPUT:
                return "monospace";
            default:
                return "Helvetica,Arial,sans-serif";
        }
    }

    /**
     * The installed family a logical font draws its Latin text with.
     *
     * @param logical a font of a logical family
     * @return the family, or empty when no installed family has the same outlines
     */
    static Optional<String> physical(Font logical) {
        Font sample = logical.deriveFont(logical.getStyle() & (Font.BOLD | Font.ITALIC), 40f);
        Shape outline = sample.createGlyphVector(PLAIN, SAMPLE).getOutline();
        for (String name : USUAL) {
            if (sameGlyphs(outline, name, sample.getStyle())) {
                return Optional.of(name);
            }
        }
        String[] installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        Arrays.sort(installed);
        for (String name : installed) {
            if (!LOGICAL.contains(name) && !USUAL.contains(name) && sameGlyphs(outline, name, sample.getStyle())) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Whether the installed family draws the sample with these outlines (false when it is not installed). */
    private static boolean sameGlyphs(Shape outline, String family, int style) {
        Font candidate = new Font(family, style, 40);
        if (!candidate.getFamily(Locale.ROOT).equals(family)) {
            return false; // not installed: the JVM substituted Dialog
        }
        return sameOutline(outline, candidate.createGlyphVector(PLAIN, SAMPLE).getOutline());
    }

    private static boolean sameOutline(Shape a, Shape b) {
        PathIterator i = a.getPathIterator(null);
        PathIterator j = b.getPathIterator(null);
        double[] x = new double[6];
        double[] y = new double[6];
        for (; !i.isDone() && !j.isDone(); i.next(), j.next()) {
            int type = i.currentSegment(x);
            if (type != j.currentSegment(y)) {
                return false;
            }
            for (int k = 0; k < 6; k++) {
                if (Math.abs(x[k] - y[k]) > 1e-3) {
                    return false;
                }
            }
        }
        return i.isDone() && j.isDone();
    }

    /** A family name as a CSS string in double quotes. */
    static String quoted(String family) {
        StringBuilder b = new StringBuilder(family.length() + 2).append('"');
        for (int i = 0; i < family.length(); i++) {
            char c = family.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
