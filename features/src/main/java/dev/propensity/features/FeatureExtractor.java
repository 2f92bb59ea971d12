package dev.propensity.features;

import dev.propensity.core.EventField;
import java.util.List;
import java.util.Set;

/**
 * Turns what is visible of a session into named values. Implement this to add your own features; the standard
 * extractors live in {@link StandardExtractors}.
 *
 * <p>An extractor declares its features once ({@link #features()}) and then, per session, writes one value per
 * feature into the row it is given, addressing them by their index in its own list. Unset values are missing
 * ({@code NaN}). Implementations must be stateless or thread-safe: tables may be built on several threads.
 *
 * <p>An extractor may also say which fields of the events it reads ({@link #eventFields()}); a source then needs
 * to keep only the fields some extractor of a set reads (the REES46 reader, for one, keeps each event's brand and
 * user only when asked). By default an extractor reads every field, so an extractor that does not declare its
 * fields sees everything, on every source.
 */
public interface FeatureExtractor {

    /** The features this extractor produces, in the order {@link #extract} addresses them. */
    List<FeatureSpec> features();

    /**
     * Computes the features of one session.
     *
     * @param session the visible part of the session (cut before its outcome)
     * @param out     where to write: {@code out.set(i, value)} or {@code out.setLevel(i, level)} for the
     *                i-th feature of {@link #features()}
     */
    void extract(ObservedSession session, FeatureRow out);

    /**
     * The fields of the visible events that {@link #extract} reads: the {@link ObservedSession} accessors of a field
     * not named here throw {@link IllegalStateException} when the row engine runs this extractor, on every source,
     * whichever other extractors run beside it (so an incomplete declaration fails at once, not on some inputs).
     * The session's id, user and attributes need no field; {@link ObservedSession#events()} and
     * {@link ObservedSession#event(int)} need all of them.
     *
     * <p>Declare the fields when the extractor reads few: reading a large REES46 file is faster when no extractor
     * reads brands or per-event users. Example: an extractor that counts cart adds reads
     * {@code EnumSet.of(EventField.TYPE)}.
     *
     * @return the fields read; the default, {@link EventField#all()}, for extractors that do not say
     */
    default Set<EventField> eventFields() {
        return EventField.all();
    }

    /** The row an extractor writes one session's values into. */
    interface FeatureRow {
        /**
         * Sets a numeric, count or binary value ({@code NaN} for missing).
         *
         * @param feature the index in the extractor's {@link #features()}
         * @param value   the value
         */
        void set(int feature, double value);

        /**
         * Sets a categorical value by level name; a level not yet known is added when the feature's levels are
         * discovered, and is an error when they are fixed.
         *
         * @param feature the index in the extractor's {@link #features()}
         * @param level   the level, or {@code null} for missing
         */
        void setLevel(int feature, String level);
    }
}
