package dev.propensity.pipeline;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SessionFacts;
import dev.propensity.features.FeatureExtractor;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Training rows for a model meant for sessions in progress: each session becomes {@code perSession} rows, each
 * computed from the session's first {@code k} events with {@code k} drawn uniformly (with replacement, seeded by the
 * session id and the seed) from 1 to the number of events before its first purchase, and labelled with the session's
 * outcome. Every session has the same number of rows, so each weighs one in total (the rows of one session weigh
 * {@code 1 / perSession} each, and no row weights are needed). A buying session whose first event is its purchase
 * has one visible prefix, the empty one: its rows hold the features of no events. Rows keep the session id, so
 * folds can keep a session's rows together ({@link #foldsBySession}).
 *
 * <pre>{@code
 * FeatureTable rows = PrefixRows.build(sessions.iterator(), null, PrefixRows.DEFAULT_PER_SESSION, 42);
 * }</pre>
 */
public final class PrefixRows {
    /** The rows per session the pipeline uses. */
    public static final int DEFAULT_PER_SESSION = 4;

    private PrefixRows() {
    }

    /**
     * The prefix rows of the sessions, in session order ({@code perSession} consecutive rows per session).
     *
     * @param sessions   the event sessions, streamed once
     * @param extractors the extractors, or {@code null} for the standard ones (as {@link FeatureTables} chooses)
     * @param perSession the rows per session, {@code >= 1}
     * @param seed       the seed of the drawn cutoffs
     * @return the table; its facts hold the session ids and outcomes (no times)
     */
    public static FeatureTable build(Iterator<Session> sessions, List<FeatureExtractor> extractors, int perSession,
                                     long seed) {
        Objects.requireNonNull(sessions, "sessions");
        if (perSession < 1) {
            throw new IllegalArgumentException("perSession must be >= 1, was " + perSession);
        }
        SessionFacts.Builder facts = SessionFacts.builder();
        Iterator<Session> prefixes = new Iterator<>() {
            private final List<Session> pending = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                return next < pending.size() || sessions.hasNext();
            }

            @Override
            public Session next() {
                if (next == pending.size()) {
                    if (!sessions.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    pending.clear();
                    next = 0;
                    Session s = Objects.requireNonNull(sessions.next(), "the session iterator returned null");
                    for (int k : cutoffs(s, perSession, seed)) {
                        pending.add(k == 0 ? s : Session.of(s.id(), s.userId(), s.events().subList(0, k),
                                s.attributes()));
                        facts.add(Session.summary(s.id(), java.util.Map.of(), s.purchased()));
                    }
                }
                return pending.get(next++);
            }
        };
        FeatureTables.Builder b = FeatureTables.builder();
        if (extractors != null) {
            b.extractors(extractors);
        }
        FeatureTable t = b.build(() -> prefixes);
        double[][] cols = new double[t.columnCount()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = t.columnArray(j);
        }
        return FeatureTable.of(t.schema(), cols, facts.build());
    }

    /**
     * The drawn prefix lengths of one session: {@code perSession} values in 1..L, L the events before its first
     * purchase (0 when L is 0).
     *
     * @param session    the session
     * @param perSession how many
     * @param seed       the seed
     * @return the lengths
     */
    static int[] cutoffs(Session session, int perSession, long seed) {
        List<Event> events = session.events();
        int p = session.firstPurchaseIndex();
        int limit = p < 0 ? events.size() : p;
        int[] out = new int[perSession];
        if (limit == 0) {
            return out;
        }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + session.id().hashCode());
        for (int i = 0; i < perSession; i++) {
            out[i] = 1 + r.nextInt(limit);
        }
        return out;
    }

    /**
     * The fold of each prefix row: the fold of its session's row in the session table.
     *
     * @param prefixRows   rows from {@link #build}
     * @param sessionTable one row per session, with the same ids
     * @param assignment   the fold of each session row
     * @return the fold of each prefix row
     * @throws IllegalArgumentException when a prefix row's session is not in the session table
     */
    public static int[] foldsBySession(FeatureTable prefixRows, FeatureTable sessionTable, int[] assignment) {
        if (assignment.length != sessionTable.rows()) {
            throw new IllegalArgumentException("assignment has " + assignment.length + " entries, the table "
                    + sessionTable.rows() + " rows");
        }
        java.util.HashMap<String, Integer> fold = new java.util.HashMap<>(sessionTable.rows() * 2);
        for (int i = 0; i < sessionTable.rows(); i++) {
            fold.put(sessionTable.id(i), assignment[i]);
        }
        int[] out = new int[prefixRows.rows()];
        for (int i = 0; i < out.length; i++) {
            Integer f = fold.get(prefixRows.id(i));
            if (f == null) {
                throw new IllegalArgumentException("prefix row " + i + ": session " + prefixRows.id(i)
                        + " is not in the session table");
            }
            out[i] = f;
        }
        return out;
    }
}
