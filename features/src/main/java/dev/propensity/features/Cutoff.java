package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import java.util.List;

/**
 * Which events of a session its features may be computed from, so that the outcome never leaks into them.
 * Implementations: {@link Cutoffs#beforeFirstPurchase()} (the default), {@link Cutoffs#firstEvents(int)},
 * {@link Cutoffs#firstMinutes(double)}. Every cutoff also stops before the first purchase: a feature must
 * never see the outcome.
 */
public interface Cutoff {

    /**
     * The visible events of a session, a prefix of its events in time order.
     *
     * @param session an event session (a table session has no events and yields an empty list)
     * @return the events features may use; possibly empty
     */
    List<Event> visible(Session session);

    /** A short name for reports and the command line, such as {@code before-purchase} or {@code events:5}. */
    String name();
}
