package dev.propensity.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader did: rows read, rows rejected by reason, and the first few rejection messages.
 *
 * <p>A row is a data line (or, for JSON lines, a line; for OTTO, a session line); the header is not a row.
 * {@link #rowsRead()} counts every data row seen, accepted or not, so {@code rowsAccepted() = rowsRead() -
 * rowsRejected()}. Late events rejected by a lenient sessionizer are counted under {@link RejectReason#LATE_EVENT}
 * but are still used (see {@code Sessionizer}), so they do not lower {@link #rowsAccepted()}.
 *
 * <p>Mutable while its reader runs, then read-only in practice; not thread-safe.
 */
public final class ReadReport {
    /** How many rejection messages are kept as examples. */
    public static final int MAX_EXAMPLES = 10;
    private long overLimit;

    private final String file;
    private long rowsRead;
    private long rowsRejected;
    private long events;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final List<String> examples = new ArrayList<>();

    /**
     * An empty report.
     *
     * @param file the file it reports on, as the caller named it
     */
    public ReadReport(String file) {
        this.file = file;
    }

    /**
     * The report of a strict read that ended without error, for readers outside this package that count rows
     * themselves (the features module's REES46 fast path): every row was accepted, none rejected.
     *
     * @param file     the file, as the caller named it
     * @param rowsRead data rows read, excluding the header
     * @param events   events produced
     * @return the report
     * @throws IllegalArgumentException when a count is negative
     */
    public static ReadReport ofStrictRead(String file, long rowsRead, long events) {
        if (rowsRead < 0 || events < 0) {
            throw new IllegalArgumentException("row and event counts must be >= 0, were " + rowsRead + " and " + events);
        }
        ReadReport r = new ReadReport(file);
        r.rowsRead = rowsRead;
        r.events = events;
        return r;
    }

    /** The file this report is about. */
    public String file() {
        return file;
    }

    /** Data rows seen (accepted or rejected), excluding the header. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Data rows skipped because they were bad (lenient mode only; strict mode throws instead). */
    public long rowsRejected() {
        return rowsRejected;
    }

    /** Data rows that were used. */
    public long rowsAccepted() {
        return rowsRead - rowsRejected;
    }

    /** Events produced (an OTTO row holds many events; table rows produce none). */
    public long events() {
        return events;
    }

    /** The count of a reason, 0 when it never occurred. */
    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    /** Counts by reason, only reasons that occurred, in enum order. */
    public Map<RejectReason, Long> rejectedByReason() {
        return Collections.unmodifiableMap(new EnumMap<>(rejected));
    }

    /** The messages of the first {@value #MAX_EXAMPLES} rejections, in the form of {@link InputException}. */
    public List<String> examples() {
        return List.copyOf(examples);
    }

    void row() {
        rowsRead++;
    }

    void events(long n) {
        events += n;
    }

    /** Records a rejected row; package use by readers. */
    void reject(InputException e) {
        rowsRejected++;
        note(e);
    }

    /**
     * Events dropped because their session already held the maximum session length
     * ({@link dev.propensity.core.Sessionizer#withMaxSessionEvents(int)}): counted, not an error.
     *
     * @return the count
     */
    public long eventsOverSessionLimit() {
        return overLimit;
    }

    /** Sets the count of events dropped over the session limit; package use by readers. */
    void overSessionLimit(long n) {
        overLimit = n;
    }

    /** Records a problem that does not drop a row (late events). */
    void note(InputException e) {
        rejected.merge(e.reason(), 1L, Long::sum);
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ReadReport[file=" + file + ", rowsRead=" + rowsRead + ", rowsRejected=" + rowsRejected
                + ", events=" + events + ", byReason=" + rejected
                + (overLimit > 0 ? ", eventsOverSessionLimit=" + overLimit : "") + "]";
    }
}
