package dev.propensity.features;

import dev.propensity.core.Event;
import dev.propensity.core.EventField;
import dev.propensity.core.EventType;
import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a feature extractor may see of a session: the events before the cutoff and the session-level attributes,
 * never the label. Extractors receive only this type, so no extractor can read the outcome by mistake.
 *
 * <p>It is a prefix of the session's {@link SessionView}: {@link #size()}, {@link #time(int)}, {@link #type(int)},
 * {@link #price(int)}, {@link #productKey(int)} and {@link #categoryKey(int)} read the source's arrays without
 * building objects, whatever the source (the byte-level REES46 reader, the sessionizer's sessions, a table row, a
 * live session). {@link #events()} gives the same events as objects, built on first use for sources that have
 * none: convenient, and slower on large files. An observed session handed to an extractor is valid only during
 * that call.
 *
 * <p>When the row engine runs an extractor, the observed session gives only the event fields the extractor
 * declares ({@link FeatureExtractor#eventFields()}): reading another throws {@link IllegalStateException} naming
 * the extractor and the field. An observed session made with the public factories gives every field.
 */
public final class ObservedSession implements SessionView {
    private SessionView view;
    private int limit;
    private List<Event> events;
    /** The event fields that may be read, as bits of {@link EventField#ordinal()}. */
    private int fields = ALL;
    /** The extractor the fields are declared by, for the message; null when every field may be read. */
    private FeatureExtractor reader;

    /** Every field's bit. */
    static final int ALL = (1 << EventField.values().length) - 1;
    private static final int TIME = 1 << EventField.TIME.ordinal();
    private static final int TYPE = 1 << EventField.TYPE.ordinal();
    private static final int PRICE = 1 << EventField.PRICE.ordinal();
    private static final int PRODUCT = 1 << EventField.PRODUCT.ordinal();
    private static final int CATEGORY = 1 << EventField.CATEGORY.ordinal();
    private static final int BRAND = 1 << EventField.BRAND.ordinal();
    private static final int USER = 1 << EventField.USER.ordinal();

    private ObservedSession(SessionView view, int limit) {
        this.view = view;
        this.limit = limit;
    }

    /** An observed session of nothing yet, for the row engine to {@linkplain #reset point} at one prefix after another. */
    ObservedSession() {
    }

    /**
     * An observed session of events in memory.
     *
     * @param id         the session id
     * @param userId     the user id, or {@code null}
     * @param events     the visible events in time order (empty for table sessions, or when nothing precedes the
     *                   cutoff)
     * @param attributes the session attributes (for table sessions, the row's columns other than the label)
     */
    public ObservedSession(String id, String userId, List<Event> events, Map<String, String> attributes) {
        this(view(id, userId, events, attributes), events.size());
    }

    private static SessionView view(String id, String userId, List<Event> events, Map<String, String> attributes) {
        Objects.requireNonNull(id, "id");
        Session s = events.isEmpty() ? Session.summary(id, attributes, false)
                : new Session(id, userId, events, attributes, events.get(0).time(),
                        events.get(events.size() - 1).time(), events.stream().anyMatch(e -> e.type().isPurchase()));
        return SessionView.of(s);
    }

    /**
     * What extractors see of a session under a cutoff: its id, user, attributes and the events the cutoff leaves
     * visible (never the label).
     *
     * @param session the session
     * @param cutoff  the cutoff policy
     * @return the observed session
     */
    public static ObservedSession of(Session session, Cutoff cutoff) {
        Objects.requireNonNull(session, "session");
        return of(SessionView.of(session), cutoff);
    }

    /**
     * What extractors see of a session view under a cutoff.
     *
     * @param session the session (all of its events)
     * @param cutoff  the cutoff policy
     * @return the observed prefix
     */
    public static ObservedSession of(SessionView session, Cutoff cutoff) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(cutoff, "cutoff");
        return prefix(session, cutoff.limit(session));
    }

    /**
     * The first {@code n} events of a session view, as extractors see them. The caller makes sure the prefix holds
     * no purchase (a {@link Cutoff} does).
     *
     * @param session the session
     * @param n       how many events are visible, {@code 0 <= n <= session.size()}
     * @return the observed prefix
     */
    public static ObservedSession prefix(SessionView session, int n) {
        return new ObservedSession().reset(session, n);
    }

    /**
     * Points this observed session at the first {@code n} events of a session view (the row engine reuses one
     * observed session per row extractor: an observed session is valid only during the extractor's call).
     *
     * @param session the session
     * @param n       how many events are visible, {@code 0 <= n <= session.size()}
     * @return this
     */
    ObservedSession reset(SessionView session, int n) {
        Objects.requireNonNull(session, "session");
        if (n < 0 || n > session.size()) {
            throw new IllegalArgumentException("a prefix of session " + session.id() + " must have 0 to "
                    + session.size() + " events, was " + n);
        }
        this.view = session;
        this.limit = n;
        this.events = null;
        return this;
    }

    /**
     * The bits of a set of event fields.
     *
     * @param fields the fields
     * @return their bits
     */
    static int bits(Set<EventField> fields) {
        int b = 0;
        for (EventField f : fields) {
            b |= 1 << f.ordinal();
        }
        return b;
    }

    /**
     * Lets the extractor about to be called read only the fields it declares.
     *
     * @param extractor the extractor (named in the message when it reads another field)
     * @param bits      its fields' {@linkplain #bits bits}
     */
    void readBy(FeatureExtractor extractor, int bits) {
        this.reader = bits == ALL ? null : extractor;
        this.fields = bits;
    }

    /** Fails unless the fields {@code bits} may be read. */
    private void need(int bits, String what) {
        if ((fields & bits) != bits) {
            undeclared(bits, what);
        }
    }

    private void undeclared(int bits, String what) {
        java.util.EnumSet<EventField> missing = fieldsOf(bits & ~fields);
        String who = String.valueOf(reader);
        throw new IllegalStateException((who.startsWith("extractor") ? who : "extractor " + who) + " read " + what
                + " of session " + id() + ", but its eventFields() " + fieldsOf(fields) + " do not name " + missing
                + " (add " + missing.stream().map(f -> "EventField." + f)
                .collect(java.util.stream.Collectors.joining(", ")) + " to them)");
    }

    /** The fields whose {@linkplain #bits bits} are set. */
    private static java.util.EnumSet<EventField> fieldsOf(int bits) {
        java.util.EnumSet<EventField> out = java.util.EnumSet.noneOf(EventField.class);
        for (EventField f : EventField.values()) {
            if ((bits & (1 << f.ordinal())) != 0) {
                out.add(f);
            }
        }
        return out;
    }

    /** The session id. */
    @Override
    public String id() {
        return view.id();
    }

    /** The user id, or {@code null}. */
    @Override
    public String userId() {
        return view.userId();
    }

    /** The visible events in time order, as objects (built on first use when the source has none). */
    public List<Event> events() {
        need(ALL, "the events as objects");
        if (events == null) {
            events = List.copyOf(view.events(limit));
        }
        return events;
    }

    /** The session attributes. */
    @Override
    public Map<String, String> attributes() {
        return view.attributes();
    }

    @Override
    public String attribute(String name) {
        return view.attribute(name);
    }

    /** The number of visible events. */
    @Override
    public int size() {
        return limit;
    }

    private void check(int i) {
        if (i >= limit || i < 0) {
            throw new IndexOutOfBoundsException("event " + i + " of " + limit + " visible events");
        }
    }

    @Override
    public long time(int i) {
        check(i);
        need(TIME, "the time of an event");
        return view.time(i);
    }

    @Override
    public EventType type(int i) {
        check(i);
        need(TYPE, "the type of an event");
        return view.type(i);
    }

    @Override
    public double price(int i) {
        check(i);
        need(PRICE, "the price of an event");
        return view.price(i);
    }

    @Override
    public long productKey(int i) {
        check(i);
        need(PRODUCT, "the product of an event");
        return view.productKey(i);
    }

    @Override
    public long categoryKey(int i) {
        check(i);
        need(CATEGORY, "the category of an event");
        return view.categoryKey(i);
    }

    @Override
    public String productId(int i) {
        check(i);
        need(PRODUCT, "the product of an event");
        return view.productId(i);
    }

    @Override
    public String category(int i) {
        check(i);
        need(CATEGORY, "the category of an event");
        return view.category(i);
    }

    @Override
    public String brand(int i) {
        check(i);
        need(BRAND, "the brand of an event");
        return view.brand(i);
    }

    @Override
    public String userId(int i) {
        check(i);
        need(USER, "the user of an event");
        return view.userId(i);
    }

    @Override
    public Event event(int i) {
        check(i);
        need(ALL, "an event as an object");
        return view.event(i);
    }

    @Override
    public List<Event> events(int n) {
        need(ALL, "the events as objects");
        if (n > limit) {
            throw new IndexOutOfBoundsException(n + " events of " + limit + " visible events");
        }
        return view.events(n);
    }

    @Override
    public String toString() {
        return "ObservedSession[id=" + id() + ", visible events=" + limit + ", attributes=" + attributes() + "]";
    }
}
