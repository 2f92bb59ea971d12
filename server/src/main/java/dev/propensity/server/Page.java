package dev.propensity.server;

import dev.propensity.metrics.Insight;
import dev.propensity.viz.Dashboard;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard page and its swappable part, as HTML. Every text from the data goes through
 * {@link Dashboard#escapeHtml(String)}; the page has no inline script or style (its one script and style sheet are
 * files served from the jar), so the Content-Security-Policy can forbid both.
 */
final class Page {
    /** The page's Content-Security-Policy. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final String[][] WEEKDAY_OPTIONS = {{"", "every day"}, {"mon,tue,wed,thu,fri", "weekdays"},
        {"sat,sun", "weekend"}, {"mon", "Monday"}, {"tue", "Tuesday"}, {"wed", "Wednesday"}, {"thu", "Thursday"},
        {"fri", "Friday"}, {"sat", "Saturday"}, {"sun", "Sunday"}};

    private Page() {
    }

    static String esc(String s) {
        return Dashboard.escapeHtml(s);
    }

    /**
     * The whole page: the header, the slicer form (its values those of the view) and the view.
     *
     * @param data the data
     * @param view the computed slice
     * @return the HTML document
     */
    static String full(ServeData data, SliceView view) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(data.headline().title())).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/serve.css\">")
                .append("<script src=\"/static/serve.js\" defer></script></head><body>\n");
        h.append("<header><h1>").append(esc(data.headline().title())).append("</h1><p>")
                .append(esc(data.headline().description())).append("</p></header>\n");
        form(h, data, view.filter());
        h.append("<p id=\"error\" class=\"error\" role=\"alert\"></p>\n");
        h.append("<main id=\"view\">");
        fragment(h, data, view);
        h.append("</main>\n<footer>propensity serve: every figure is recomputed for the slice from the run's "
                + "out-of-fold predictions; the feature importances are the run's.</footer></body></html>\n");
        return h.toString();
    }

    /**
     * The part of the page a slicer change replaces.
     *
     * @param data the data
     * @param view the computed slice
     * @return the HTML fragment
     */
    static String fragment(ServeData data, SliceView view) {
        StringBuilder h = new StringBuilder(64 * 1024);
        fragment(h, data, view);
        return h.toString();
    }

    private static void form(StringBuilder h, ServeData data, SliceFilter f) {
        h.append("<form id=\"filters\" method=\"get\" action=\"/\"><fieldset><legend>Slice</legend>");
        if (data.hasTimes()) {
            String min = data.firstDay().toString();
            String max = data.lastDay().toString();
            dateInput(h, "from", "From", f.from(), min, max);
            dateInput(h, "to", "To", f.to(), min, max);
            h.append("<label>Weekday <select name=\"weekday\" id=\"f-weekday\">");
            String current = weekdayValue(f);
            boolean matched = false;
            for (String[] o : WEEKDAY_OPTIONS) {
                boolean sel = o[0].equals(current);
                matched |= sel;
                option(h, o[0], o[1], sel);
            }
            if (!matched) {
                option(h, current, current, true);
            }
            h.append("</select></label>");
            String hours = f.hourFrom() == 0 && f.hourTo() == 23 ? "" : f.hourFrom() + "-" + f.hourTo();
            h.append("<label>Hours <input type=\"text\" name=\"hours\" id=\"f-hours\" size=\"6\" placeholder=\"0-23\" ")
                    .append("pattern=\"\\d{1,2}-\\d{1,2}\" value=\"").append(esc(hours)).append("\"></label>");
        }
        for (Map.Entry<String, List<String>> a : data.attributes().entrySet()) {
            String name = a.getKey();
            String param = SliceFilter.parameter(name);
            List<String> kept = f.attributes().getOrDefault(name, List.of());
            h.append("<label>").append(esc(dev.propensity.metrics.Breakdowns.title(name)))
                    .append(" <select name=\"").append(esc(param)).append("\" data-attribute=\"").append(esc(name))
                    .append('"').append(kept.size() > 1 ? " multiple" : "").append('>');
            option(h, "", "all", kept.isEmpty());
            for (String level : a.getValue()) {
                option(h, level, level, kept.contains(level));
            }
            h.append("</select></label>");
        }
        h.append("</fieldset><fieldset><legend>Campaign</legend>");
        numberInput(h, "threshold", "Threshold", f.threshold(), "0", "1", "0.01");
        numberInput(h, "cost", "Cost of an intervention", f.cost(), "0", null, "any");
        numberInput(h, "value", "Value of a purchase", f.value(), "0", null, "any");
        numberInput(h, "top", "Sessions listed", f.top(), "1", Integer.toString(SliceFilter.MAX_TOP), "1");
        h.append("</fieldset><div class=\"actions\"><button type=\"submit\">Apply</button> <a href=\"/\">Reset</a>")
                .append("</div></form>\n");
    }

    private static String weekdayValue(SliceFilter f) {
        if (f.weekdayMask() == SliceFilter.ALL_WEEKDAYS) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            if (f.keepsWeekday(i)) {
                b.append(b.length() == 0 ? "" : ",").append(SliceFilter.dayName(i));
            }
        }
        return b.toString();
    }

    private static void dateInput(StringBuilder h, String name, String label, LocalDate value, String min,
                                  String max) {
        h.append("<label>").append(label).append(" <input type=\"date\" name=\"").append(name).append("\" id=\"f-")
                .append(name).append("\" min=\"").append(min).append("\" max=\"").append(max).append("\" value=\"")
                .append(value == null ? "" : value.toString()).append("\"></label>");
    }

    private static void numberInput(StringBuilder h, String name, String label, double value, String min,
                                    String max, String step) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
        h.append("<label>").append(label).append(" <input type=\"number\" name=\"").append(name).append("\" id=\"f-")
                .append(name).append("\" min=\"").append(min).append('"');
        if (max != null) {
            h.append(" max=\"").append(max).append('"');
        }
        h.append(" step=\"").append(step).append("\" value=\"").append(v).append("\"></label>");
    }

    private static void option(StringBuilder h, String value, String text, boolean selected) {
        h.append("<option value=\"").append(esc(value)).append('"').append(selected ? " selected" : "").append('>')
                .append(esc(text)).append("</option>");
    }

    private static void fragment(StringBuilder h, ServeData data, SliceView v) {
        String query = v.filter().toQuery();
        h.append("<p class=\"slice\" id=\"slice\" data-query=\"").append(esc(query)).append("\">Slice: <b>")
                .append(esc(v.filter().describe())).append("</b>, ")
                .append(String.format(Locale.ROOT, "%,d of %,d sessions", v.sessions(), data.size()))
                .append("</p>\n");
        if (v.dashboard() == null) {
            notes(h, v.notes());
            return;
        }
        notes(h, v.dashboard().notes());
        if (v.threshold() != null) {
            threshold(h, v.threshold());
        }
        Map<String, ChartTables.Table> tables = ChartTables.of(v.dashboard(), v.figures());
        h.append("<section class=\"charts\">\n");
        for (Map.Entry<String, String> c : v.svgs().entrySet()) {
            String name = c.getKey();
            h.append("<figure id=\"chart-").append(esc(name)).append("\" class=\"chart")
                    .append(name.equals(Dashboard.KPIS) ? " wide" : "").append("\">").append(c.getValue())
                    .append("<figcaption>").append(esc(name.replace('_', ' '))).append("</figcaption>");
            ChartTables.Table t = tables.get(name);
            if (t != null) {
                h.append("<details><summary>Show as table</summary>");
                table(h, t);
                h.append("</details>");
            }
            h.append("</figure>\n");
        }
        h.append("</section>\n");
        List<Insight> insights = v.figures().insights();
        if (!insights.isEmpty()) {
            h.append("<h2>Insights</h2><ul class=\"insights\">");
            for (Insight i : insights) {
                h.append("<li").append(i.kind().name().contains("WARN") || i.kind().name().contains("LEAK")
                        ? " class=\"warning\"" : "").append('>').append(esc(i.sentence())).append("</li>");
            }
            h.append("</ul>\n");
        }
        drill(h, data, v, query);
    }

    private static void notes(StringBuilder h, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        h.append("<ul class=\"notes\">");
        for (String n : notes) {
            h.append("<li>").append(esc(n)).append("</li>");
        }
        h.append("</ul>\n");
    }

    private static void threshold(StringBuilder h, SliceView.ThresholdView t) {
        h.append("<section class=\"threshold\" id=\"threshold\"><h2>Campaign at threshold ")
                .append(ChartTables.num(t.threshold())).append("</h2><div class=\"tiles\">");
        tile(h, "targeted", "Targeted (predicted buyers)", ChartTables.count(t.predictedBuyers()),
                "of " + ChartTables.count(t.scored()) + " scored sessions");
        tile(h, "actual", "Actual buyers", ChartTables.count(t.actualBuyers()),
                String.format(Locale.ROOT, "model expects %,.1f", t.expectedBuyers()));
        tile(h, "precision", "Precision", ChartTables.pct(t.precision()),
                ChartTables.count(t.truePositives()) + " of the targeted bought");
        tile(h, "recall", "Recall", ChartTables.pct(t.recall()),
                ChartTables.count(t.falseNegatives()) + " buyers not targeted");
        tile(h, "expected-profit", "Expected profit", money(t.expectedProfit()),
                "sum of (probability x value - cost) over the targeted");
        tile(h, "realised-profit", "Realised profit", money(t.realisedProfit()),
                "bought x value - targeted x cost, on actual outcomes");
        h.append("</div><p class=\"formula\">Cost of an intervention ").append(money(t.cost()))
                .append(", value of a purchase ").append(money(t.value())).append(". Confusion at the threshold: ")
                .append(ChartTables.count(t.truePositives())).append(" true positives, ")
                .append(ChartTables.count(t.falsePositives())).append(" false positives, ")
                .append(ChartTables.count(t.falseNegatives())).append(" false negatives, ")
                .append(ChartTables.count(t.trueNegatives())).append(" true negatives.</p></section>\n");
    }

    private static void tile(StringBuilder h, String id, String label, String value, String caption) {
        h.append("<div class=\"tile\" id=\"kpi-").append(id).append("\"><div class=\"label\">").append(esc(label))
                .append("</div><div class=\"value\">").append(esc(value)).append("</div><div class=\"caption\">")
                .append(esc(caption)).append("</div></div>");
    }

    static String money(double x) {
        return String.format(Locale.ROOT, "%,.2f", x);
    }

    private static void table(StringBuilder h, ChartTables.Table t) {
        h.append("<table><thead><tr>");
        for (String c : t.header()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (String c : row) {
                h.append("<td>").append(esc(c)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
    }

    private static void drill(StringBuilder h, ServeData data, SliceView v, String query) {
        h.append("<section class=\"drill\" id=\"drill\"><h2>Top sessions by probability</h2><p><a id=\"csv\" href=\"")
                .append("/sessions.csv").append(query.isEmpty() ? "" : "?" + esc(query))
                .append("\" download>Download CSV</a> (the slice's ").append(v.filter().top())
                .append(" most likely buyers)</p><table><thead><tr><th>session</th><th>probability</th>")
                .append("<th>bought</th><th>start</th><th>events</th>");
        for (String a : data.attributes().keySet()) {
            h.append("<th>").append(esc(a)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (SliceView.TopSession s : v.top()) {
            h.append("<tr><td>").append(esc(s.id())).append("</td><td class=\"num\">")
                    .append(ChartTables.num(s.probability())).append("</td><td>").append(s.purchased() ? "yes" : "no")
                    .append("</td><td>").append(esc(s.start())).append("</td><td class=\"num\">").append(s.events())
                    .append("</td>");
            for (String a : s.attributes()) {
                h.append("<td>").append(esc(a)).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></section>\n");
    }
}
