package dev.propensity.viz;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A chart drawn as SVG by {@link SvgGraphics}: its size in pixels and the markup inside the {@code <svg>} element
 * (clip definitions first, then the drawing). Every id in the markup starts with the prefix it was drawn with, so a
 * page can hold several drawings when their prefixes differ.
 *
 * @param width   the width in pixels, at least 1
 * @param height  the height in pixels, at least 1
 * @param content the markup inside the svg element
 */
record SvgDrawing(int width, int height, String content) {
    SvgDrawing {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an SVG drawing must be at least 1 x 1 pixel, was " + width + " x "
                    + height);
        }
        Objects.requireNonNull(content, "content");
    }

    /**
     * A standalone SVG document (an XML prolog and a sized svg element) of the drawing.
     *
     * @return the document's text
     */
    String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
                + " width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">\n"
                + content + "</svg>\n";
    }

    /**
     * The standalone document as UTF-8 bytes, what {@code NAME.svg} files hold.
     *
     * @return the bytes of {@link #document()}
     */
    byte[] documentBytes() {
        return document().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The drawing as an svg element for an HTML page: no prolog, no namespace declarations (HTML puts svg in the
     * SVG namespace by itself), and as wide as its container with the aspect ratio kept.
     *
     * @return the element's markup
     */
    String element() {
        return "<svg version=\"1.1\" viewBox=\"0 0 " + width + " " + height
                + "\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\">\n" + content + "</svg>";
    }
}
