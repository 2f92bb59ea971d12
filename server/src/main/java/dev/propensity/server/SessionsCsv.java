package dev.propensity.server;

import java.util.List;

/**
 * The drill-through as CSV: {@code session_id,probability,purchased,start,events,<attributes...>}. Fields are
 * quoted as RFC 4180 asks, and a text cell that a spreadsheet would read as a formula (one starting with
 * {@code = + - @}, a tab or a carriage return) is prefixed with a single quote, so opening the file runs nothing.
 */
final class SessionsCsv {
    private SessionsCsv() {
    }

    static String of(ServeData data, SliceView v) {
        StringBuilder sb = new StringBuilder(256 + v.top().size() * 96);
        sb.append("session_id,probability,purchased,start,events");
        for (String a : data.attributes().keySet()) {
            sb.append(',');
            field(sb, a);
        }
        sb.append("\r\n");
        for (SliceView.TopSession s : v.top()) {
            field(sb, s.id());
            sb.append(',').append(Double.isNaN(s.probability()) ? "" : Double.toString(s.probability()))
                    .append(',').append(s.purchased() ? '1' : '0').append(',');
            field(sb, s.start());
            sb.append(',').append(s.events());
            List<String> attrs = s.attributes();
            for (String a : attrs) {
                sb.append(',');
                field(sb, a == null ? "" : a);
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** Appends a text cell: neutralised when it could be read as a formula, quoted when it needs to be. */
    static void field(StringBuilder sb, String value) {
        String v = neutralise(value);
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** A cell starting with = + - @, a tab or a carriage return gets a leading single quote. */
    static String neutralise(String v) {
        if (v.isEmpty()) {
            return v;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }
}
