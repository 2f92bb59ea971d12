package dev.propensity.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.PathIterator;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FontFamiliesTest {
    private static final FontRenderContext FRC = new FontRenderContext(null, false, false);

    /** The outline of a text as a list of segment types and coordinates, for comparing fonts. */
    private static String outline(Font f, String text) {
        PathIterator it = f.createGlyphVector(FRC, text).getOutline().getPathIterator(null);
        StringBuilder b = new StringBuilder();
        double[] c = new double[6];
        for (; !it.isDone(); it.next()) {
            b.append(it.currentSegment(c));
            for (double v : c) {
                b.append(',').append(Math.round(v * 100));
            }
            java.util.Arrays.fill(c, 0);
        }
        return b.toString();
    }

    @Test
    void aLogicalFontIsNamedByTheInstalledFamilyThatDrawsItsGlyphs() {
        for (String family : new String[] {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG}) {
            for (int style : new int[] {Font.PLAIN, Font.BOLD}) {
                Font logical = new Font(family, style, 40);
                Optional<String> physical = FontFamilies.physical(logical);
                String css = FontFamilies.css(logical.deriveFont(13f));
                assertThat(css).as("%s %s", family, style).endsWith(FontFamilies.generic(family));
                if (physical.isPresent()) {
                    String text = "Sessions 12,330 (95% CI) gyQ";
                    assertThat(outline(new Font(physical.get(), style, 40), text)).as(physical.get())
                            .isEqualTo(outline(logical, text));
                    assertThat(css).startsWith(FontFamilies.quoted(physical.get()) + ",");
                }
            }
        }
    }

    @Test
    void theAnswerDependsOnFamilyAndStyleNotSize() {
        assertThat(FontFamilies.css(new Font(Font.SANS_SERIF, Font.PLAIN, 9)))
                .isEqualTo(FontFamilies.css(new Font(Font.SANS_SERIF, Font.PLAIN, 34)));
    }

    @Test
    void genericFamiliesFollowTheLogicalKind() {
        assertThat(FontFamilies.generic(Font.SANS_SERIF)).isEqualTo("Helvetica,Arial,sans-serif");
        assertThat(FontFamilies.generic(Font.DIALOG)).isEqualTo("Helvetica,Arial,sans-serif");
        assertThat(FontFamilies.generic(Font.SERIF)).isEqualTo("serif");
        assertThat(FontFamilies.generic(Font.MONOSPACED)).isEqualTo("monospace");
        assertThat(FontFamilies.generic(Font.DIALOG_INPUT)).isEqualTo("monospace");
    }

    @Test
    void familyNamesAreQuotedAsCssStrings() {
        assertThat(FontFamilies.quoted("DejaVu Sans")).isEqualTo("\"DejaVu Sans\"");
        assertThat(FontFamilies.quoted("The \"Q\" \\ Sans")).isEqualTo("\"The \\\"Q\\\" \\\\ Sans\"");
    }
}
