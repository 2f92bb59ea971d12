package dev.propensity.core.io;

import dev.propensity.core.Session;
import dev.propensity.core.SessionAttributes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the UCI Online Shoppers Purchasing Intention table: one {@link Session#summary table session} per row.
 *
 * <p>Per row: id = the 1-based data row number as a string ({@code "1"} is the first row after the header;
 * rejected rows keep their numbers); label = {@code Revenue}; attributes = every column except {@code Revenue} under its
 * header name, plus {@link SessionAttributes#VISITOR_TYPE} ({@code returning}, {@code new} or {@code other}),
 * {@link SessionAttributes#MONTH} (three letters: UCI's {@code June} becomes {@code Jun}),
 * {@link SessionAttributes#WEEKEND} ({@code true}/{@code false}), and {@code duration_seconds}, the sum of the
 * {@code *_Duration} columns present.
 *
 * <p>Checks: the header must have {@code Revenue}; the numeric columns (the ten page and ratio columns and the
 * four integer codes) must parse as finite numbers ({@link RejectReason#BAD_NUMBER}); {@code Revenue} must be
 * TRUE or FALSE ({@link RejectReason#MALFORMED}); rows must have as many fields as the header.
 */
public final class UciSessionReader extends CsvFile implements SessionReader {
    /** The label column. */
    public static final String LABEL = "Revenue";
    /** The attribute summing the duration columns, in seconds. */
    public static final String DURATION_SECONDS = "duration_seconds";
    /** The columns that must be numeric when present. */
    public static final Set<String> NUMERIC = Set.of("Administrative", "Administrative_Duration", "Informational",
            "Informational_Duration", "ProductRelated", "ProductRelated_Duration", "BounceRates", "ExitRates",
            "PageValues", "SpecialDay", "OperatingSystems", "Browser", "Region", "TrafficType");

    private final int label;
    private final boolean[] numeric;
    private final boolean[] duration;
    private final int visitorType;
    private final int month;
    private final int weekend;

    private UciSessionReader(Path path, ReadOptions options) throws IOException {
        super(path, options, true);
        try {
            readHeader("Administrative,...,VisitorType,Weekend,Revenue");
            label = column(LABEL);
            if (label < 0) {
                throw new InputException(file, sc.line(), null, RejectReason.BAD_FILE, "the header "
                        + String.join(",", header) + " has no label column " + LABEL);
            }
            numeric = new boolean[header.length];
            duration = new boolean[header.length];
            for (int i = 0; i < header.length; i++) {
                numeric[i] = NUMERIC.contains(header[i]);
                duration[i] = header[i].endsWith("_Duration");
            }
            visitorType = column("VisitorType");
            month = column("Month");
            weekend = column("Weekend");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a file and reads its header.
     *
     * @param path    the CSV file
     * @param options strict or lenient
     * @return the reader
     * @throws InputException when the file is empty, binary or has no Revenue column
     * @throws IOException    when it cannot be read
     */
    public static UciSessionReader open(Path path, ReadOptions options) throws IOException {
        return new UciSessionReader(path, options);
    }

    @Override
    public Session next() throws IOException {
        while (nextRow()) {
            try {
                byte[] b = sc.buffer();
                Map<String, String> a = new HashMap<>(header.length * 2);
                double dur = 0;
                for (int i = 0; i < header.length; i++) {
                    if (i == label) {
                        continue;
                    }
                    String v = sc.string(i).trim();
                    if (numeric[i]) {
                        double d = Bytes.parseDouble(b, sc.start(i), sc.end(i), header[i]);
                        if (Double.isNaN(d) || Double.isInfinite(d)) {
                            throw new RowError(RejectReason.BAD_NUMBER, header[i], "\"" + v
                                    + "\" is not a finite number");
                        }
                        if (Math.abs(d) > Prices.MAX) { // the sums of the KPIs and features stay finite
                            throw new RowError(RejectReason.BAD_NUMBER, header[i], "\"" + v
                                    + "\" is out of range (at most 1e12 in size)");
                        }
                        if (duration[i]) {
                            dur += d;
                        }
                    }
                    a.put(header[i], v);
                }
                String rev = sc.string(label).trim();
                boolean purchased;
                if (rev.equalsIgnoreCase("TRUE")) {
                    purchased = true;
                } else if (rev.equalsIgnoreCase("FALSE")) {
                    purchased = false;
                } else {
                    throw new RowError(RejectReason.MALFORMED, LABEL, "\"" + rev + "\" is not TRUE or FALSE");
                }
                if (visitorType >= 0) {
                    a.put(SessionAttributes.VISITOR_TYPE, visitor(a.get(header[visitorType])));
                }
                if (month >= 0) {
                    String mo = a.get(header[month]);
                    a.put(SessionAttributes.MONTH, mo.length() > 3 ? mo.substring(0, 3) : mo);
                }
                if (weekend >= 0) {
                    a.put(SessionAttributes.WEEKEND, a.get(header[weekend]).toLowerCase(Locale.ROOT));
                }
                a.put(DURATION_SECONDS, Double.toString(dur));
                return Session.summary(Long.toString(report.rowsRead()), a, purchased);
            } catch (RowError e) {
                reject(e);
            }
        }
        return null;
    }

    private static String visitor(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        if (l.startsWith("returning")) {
            return "returning";
        }
        if (l.startsWith("new")) {
            return "new";
        }
        return l.isEmpty() ? "other" : l.equals("other") ? "other" : l;
    }

    @Override
    public ReadReport report() {
        return report;
    }
}
