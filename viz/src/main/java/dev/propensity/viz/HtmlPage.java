package dev.propensity.viz;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.internal.chartpart.Chart;

import dev.propensity.metrics.Insight;

/**
 * Renders a {@link Dashboard} as one self-contained HTML page: one style sheet and inline SVG, no scripts, no external
 * resources. A Content-Security-Policy in the page's head allows exactly that ({@link #contentSecurityPolicy}): no
 * script, no connection, no frame, no form, no base URL, and only the page's own style sheet, named by its SHA-256.
 * Every text that can come from the data goes through {@link #escape(String)}; the SVG comes from
 * {@link SvgGraphics}, which escapes the texts it writes.
 */
final class HtmlPage {
    private HtmlPage() {
    }

    /**
     * Escapes text for HTML element content and double- or single-quoted attribute values; the result is valid in
     * XML (SVG) content and attributes too, and {@link SvgGraphics} uses it for its texts. Characters an HTML
     * document must not hold (control characters other than tab, line feed and carriage return, unpaired
     * surrogates and the non-characters U+FFFE and U+FFFF) become U+FFFD, the replacement character, so that the
     * reader sees that something was there.
     *
     * @param s any text, or null (rendered as empty)
     * @return the escaped text
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)
                    || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                b.append('\uFFFD');
                continue;
            }
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#39;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    private static String css(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static final String STYLE = String.join("\n",
            "*{box-sizing:border-box}",
            "body{margin:0;padding:28px;font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;color:#222;background:#fff}",
            "header h1{margin:0 0 6px;font-size:28px}",
            "header p{margin:2px 0;color:#555;font-size:15px}",
            ".tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:14px;margin:20px 0}",
            ".tile{background:#f7f8fa;border:1px solid #e3e3e3;border-left:6px solid var(--accent);border-radius:8px;"
                    + "padding:14px 16px}",
            ".tile .label{color:#606060;font-size:15px}",
            ".tile .value{font-size:32px;font-weight:bold;margin:4px 0}",
            ".tile .caption{color:#606060;font-size:13px}",
            ".notes{color:#8a3a00;font-size:15px;margin:0 0 14px;padding-left:20px}",
            ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:18px}",
            "figure{margin:0;border:1px solid #e3e3e3;border-radius:6px;padding:4px;background:#fff}",
            "figure svg{display:block;width:100%;height:auto}",
            "figcaption{font-size:12px;color:#777;padding:2px 6px}",
            "h2{font-size:20px;margin:28px 0 8px}",
            "ul.insights li{margin:4px 0;font-size:15px}",
            "ul.insights li.warning{color:#8a3a00;font-weight:bold}",
            "ul.insights small{color:#777;font-weight:normal}",
            "table{border-collapse:collapse;font-size:14px}",
            "td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "footer{margin-top:28px;color:#888;font-size:12px}");

    /**
     * The page's Content-Security-Policy: nothing may load or run (default-src 'none', which covers scripts,
     * connections, fonts, frames and objects), no form may be sent and no base URL set; the one style sheet is
     * allowed by its hash, and {@code data:} images only when the page has images (charts with image annotations
     * or non-colour paints, see {@link SvgGraphics}).
     *
     * @param styleSheet the text of the page's one style element
     * @param images     whether the page holds images
     * @return the policy
     */
    static String contentSecurityPolicy(String styleSheet, boolean images) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(styleSheet.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
        return "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(hash) + "'; "
                + (images ? "img-src data:; " : "") + "base-uri 'none'; form-action 'none'";
    }

    static String render(Dashboard d, Map<String, String> inlineSvgs) {
        KpiTilesChart tiles = (KpiTilesChart) d.charts().get(Dashboard.KPIS);
        // the tiles' accents as classes of the style sheet: the policy allows no style attributes
        Map<String, String> accents = new LinkedHashMap<>();
        StringBuilder sheet = new StringBuilder(STYLE.length() + 256).append(STYLE);
        for (KpiTile t : tiles.getTiles()) {
            String colour = css(t.getFillColor());
            if (!accents.containsKey(colour)) {
                String name = "accent" + accents.size();
                accents.put(colour, name);
                sheet.append("\n.").append(name).append("{--accent:").append(colour).append('}');
            }
        }
        Map<String, String> svgs = new LinkedHashMap<>();
        for (Map.Entry<String, Chart<?, ?>> e : d.charts().entrySet()) {
            if (!e.getKey().equals(Dashboard.KPIS)) {
                String svg = inlineSvgs.get(e.getKey());
                svgs.put(e.getKey(), svg != null ? svg : SvgGraphics.draw(e.getValue(), e.getKey()).element());
            }
        }
        boolean images = svgs.values().stream().anyMatch(svg -> svg.contains("<image"));
        String styleSheet = "\n" + sheet + "\n";
        StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(contentSecurityPolicy(styleSheet, images)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(d.title())).append("</title>\n<style>").append(styleSheet)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(escape(d.title())).append("</h1>\n");
        for (String l : d.subtitleLines()) {
            h.append("<p>").append(escape(l)).append("</p>\n");
        }
        h.append("</header>\n");

        h.append("<section class=\"tiles\" aria-label=\"").append(escape(tiles.getTitle())).append("\">\n");
        for (KpiTile t : tiles.getTiles()) {
            h.append("<div class=\"tile ").append(accents.get(css(t.getFillColor()))).append("\">")
                    .append("<div class=\"label\">").append(escape(t.getLabel())).append("</div>")
                    .append("<div class=\"value\">").append(escape(t.getValue())).append("</div>");
            if (!t.getCaption().isEmpty()) {
                h.append("<div class=\"caption\">").append(escape(t.getCaption())).append("</div>");
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");

        if (!d.notes().isEmpty()) {
            h.append("<ul class=\"notes\">\n");
            for (String n : d.notes()) {
                h.append("<li>").append(escape(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }

        h.append("<section class=\"charts\">\n");
        for (Map.Entry<String, String> e : svgs.entrySet()) {
            String caption = escape(e.getKey()) + "-caption";
            String svg = e.getValue();
            h.append("<figure id=\"").append(escape(e.getKey())).append("\">\n")
                    .append("<svg aria-labelledby=\"").append(caption).append('"').append(svg, "<svg".length(),
                            svg.length())
                    .append("\n<figcaption id=\"").append(caption).append("\">")
                    .append(escape(d.charts().get(e.getKey()).getTitle())).append(" (charts/")
                    .append(escape(e.getKey())).append(".svg)</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");

        if (!d.insights().isEmpty()) {
            h.append("<h2>Insights</h2>\n<ul class=\"insights\">\n");
            for (Insight i : d.insights()) {
                h.append(i.warning() ? "<li class=\"warning\">Warning: " : "<li>").append(escape(i.sentence()));
                if (!i.numbers().isEmpty()) {
                    h.append(" <small>(");
                    boolean first = true;
                    for (Map.Entry<String, Double> n : i.numbers().entrySet()) {
                        h.append(first ? "" : ", ").append(escape(n.getKey())).append(" = ")
                                .append(escape(number(n.getValue())));
                        first = false;
                    }
                    h.append(")</small>");
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }

        if (!d.protocolText().isEmpty()) {
            h.append("<h2>How the model was evaluated</h2>\n");
            for (String l : d.protocolText()) {
                h.append("<p>").append(escape(l)).append("</p>\n");
            }
            d.evaluation().ifPresent(ev -> {
                var r = ev.report();
                h.append("<table>\n<tr><th>figure</th><th>value</th></tr>\n");
                row(h, "sessions evaluated", Charts.integer(r.n()));
                row(h, "buyers (base rate)", Charts.integer(r.positives()) + " (" + Charts.percent(r.baseRate()) + ")");
                row(h, "ROC AUC", Charts.fixed(r.rocAuc(), 4));
                row(h, "PR AUC (average precision)", Charts.fixed(r.averagePrecision(), 4));
                row(h, "log loss", Charts.fixed(r.logLoss(), 4));
                row(h, "Brier score", Charts.fixed(r.brier(), 4));
                row(h, "threshold", Charts.fixed(r.threshold(), 4));
                row(h, "accuracy", Charts.percent(r.accuracy()));
                row(h, "majority-class baseline", Charts.percent(r.majorityBaseline()));
                row(h, "precision", Charts.percent(r.precision()));
                row(h, "recall", Charts.percent(r.recall()));
                row(h, "F1", Charts.fixed(r.f1(), 4));
                row(h, "MCC", Charts.fixed(r.mcc(), 4));
                h.append("</table>\n");
            });
        }
        h.append("<footer>Made by Propensity. This page is self-contained: it loads nothing from the network."
                + "</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(escape(name)).append("</td><td class=\"num\">").append(escape(value))
                .append("</td></tr>\n");
    }

    private static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.US, "%,d", v.longValue());
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
