package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import java.util.List;

/**
 * Which events of a session its features may be computed from, so that the outcome never leaks into them.
 * Implementations: {@link Cutoffs#beforeFirstPurchase()} (the default), {@link Cutoffs#firstEvents(int)},
 * {@link Cutoffs#firstMinutes(double)}. Every cutoff also stops before the first purchase: a feature must
 * never see the outcome.
 *
 * <p>A cutoff is a prefix: {@link #limit(SessionView)} says how many of a session's first events are visible, and
 * the feature engine shows the extractors that prefix of the session's view, whatever the source.
 */
public interface Cutoff {

    /**
     * The visible events of a session, a prefix of its events in time order.
     *
     * @param session an event session (a table session has no events and yields an empty list)
     * @return the events features may use; possibly empty
     */
    List<Event> visible(Session session);

    /**
     * How many of a session's first events are visible: the length of the prefix {@link #visible(Session)} returns.
     * The standard cutoffs compute it on the view; the default builds the session's events to ask
     * {@link #visible(Session)}, so a cutoff of one's own need only implement that.
     *
     * @param session the session (all of its events)
     * @return the number of visible events, {@code 0 <= n <= session.size()}
     */
    default int limit(SessionView session) {
        if (!session.hasEvents()) {
            return 0;
        }
        Session s = session instanceof SessionView.OfSession o ? o.session()
                : Session.of(session.id(), session.userId(), session.events(session.size()), session.attributes());
        return visible(s).size();
    }

    /** A short name for reports and the command line, such as {@code before-purchase} or {@code events:5}. */
    String name();
}
