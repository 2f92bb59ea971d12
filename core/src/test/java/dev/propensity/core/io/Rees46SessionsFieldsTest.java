package dev.propensity.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.propensity.core.Event;
import dev.propensity.core.EventField;
import dev.propensity.core.Session;
import dev.propensity.core.SessionView;
import dev.propensity.core.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REES46 session reader keeps each event's brand and user exactly when the fields asked for name them: the
 * views then give the values the event reader gives, in one part and in two, and otherwise refuse to give them.
 */
class Rees46SessionsFieldsTest {
    @TempDir
    Path dir;

    /** Sessions with several users and brands (some empty), interleaved in time, a few rows without a session id. */
    private Path file() throws IOException {
        List<String> rows = new ArrayList<>();
        String[] brands = {"apple", "", "samsung", "xiaomi", "", "lg"};
        for (int i = 0; i < 3000; i++) { // 500 minutes: the second half outlasts the idle timeout
            int minute = i / 6;
            String session = i % 13 == 0 ? "" : "s-" + i / 420 + "-" + i % 11; // new sessions every 70 minutes
            String type = i % 17 == 0 ? "cart" : i % 97 == 0 ? "purchase" : "view";
            rows.add(String.format("2019-11-01 %02d:%02d:%02d UTC,%s,%d,5,,%s,%d.5,%d,%s", 10 + minute / 60,
                    minute % 60, i % 60, type, 100 + i % 7, brands[i % brands.length], i % 23,
                    50 + (i / 11) % 3, session)); // each session's events cycle through three users
        }
        rows.sort(Comparator.comparing(r -> r.substring(0, 19)));
        Path f = dir.resolve("fields.csv");
        Files.writeString(f, Rees46ReaderTest.HEADER + String.join("\n", rows) + "\n");
        return f;
    }

    /** One session as read: id, first time, and each event's time, brand and user (null where not asked for). */
    private record Read(String id, List<Long> times, List<String> brands, List<String> users) {
    }

    private static Read of(String id, List<Event> events, boolean brands, boolean users) {
        List<Long> t = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> u = new ArrayList<>();
        for (Event e : events) {
            t.add(e.epochMillis());
            b.add(brands ? Objects.toString(e.brand(), "-") : null);
            u.add(users ? Objects.toString(e.userId(), "-") : null);
        }
        return new Read(id, t, b, u);
    }

    /** What the sink sees of a view, checking that the fields not asked for are refused. */
    private static Read of(SessionView v, Set<EventField> fields) {
        boolean brands = fields.contains(EventField.BRAND);
        boolean users = fields.contains(EventField.USER);
        List<Long> t = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> u = new ArrayList<>();
        boolean objects = v instanceof SessionView.OfSession; // sessions grouped by user come as objects: all fields
        for (int i = 0; i < v.size(); i++) {
            t.add(v.time(i));
            if (brands) {
                b.add(Objects.toString(v.brand(i), "-"));
            } else {
                b.add(null);
                if (!objects) {
                    int k = i;
                    assertThatThrownBy(() -> v.brand(k)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("EventField.BRAND");
                }
            }
            if (users) {
                u.add(Objects.toString(v.userId(i), "-"));
            } else {
                u.add(null);
                if (!objects) {
                    int k = i;
                    assertThatThrownBy(() -> v.userId(k)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("EventField.USER");
                }
            }
        }
        return new Read(v.id(), t, b, u);
    }

    private static List<Read> sorted(List<Read> reads) {
        List<Read> out = new ArrayList<>(reads);
        out.sort(Comparator.comparing(Read::id).thenComparing(r -> r.times().get(0)));
        return out;
    }

    @Test
    void viewsGiveTheBrandsAndUsersAskedForInOneAndTwoParts() throws IOException {
        Path f = file();
        List<Session> sessions;
        try (SessionReader r = Inputs.sessions(f, InputFormat.REES46, ReadOptions.defaults())) {
            sessions = r.stream().toList();
        }
        long branded = sessions.stream().flatMap(s -> s.events().stream()).filter(e -> e.brand() != null).count();
        long otherUsers = sessions.stream().flatMap(s -> s.events().stream().filter(
                e -> !Objects.equals(e.userId(), s.userId()))).count();
        assertThat(branded).isPositive();
        assertThat(otherUsers).isPositive(); // events whose user is not their session's first one
        ForkJoinPool pool = Workers.newPool(2, "fields-test");
        try {
            for (Set<EventField> fields : List.of(EventField.all(), EnumSet.of(EventField.BRAND),
                    EnumSet.of(EventField.USER), EnumSet.of(EventField.TYPE))) {
                boolean brands = fields.contains(EventField.BRAND);
                boolean users = fields.contains(EventField.USER);
                List<Read> expected = new ArrayList<>();
                for (Session s : sessions) {
                    expected.add(of(s.id(), s.events(), brands, users));
                }
                for (Workers w : List.of(Workers.callerOnly(), Workers.of(pool))) {
                    List<Read> a = new ArrayList<>();
                    List<Read> b = new ArrayList<>();
                    Rees46Sessions.read(f, ReadOptions.defaults(), w, 1, fields, v -> a.add(of(v, fields)),
                            v -> b.add(of(v, fields)));
                    if (w.parallelism() >= 2) {
                        assertThat(b).as("the second part's sessions").isNotEmpty();
                    }
                    List<Read> all = new ArrayList<>(a);
                    all.addAll(b);
                    assertThat(sorted(all)).as("fields %s, %d thread(s)", fields, w.parallelism())
                            .isEqualTo(sorted(expected));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void eventsAsObjectsNeedBrandsAndUsers() throws IOException {
        Path f = file();
        List<String> failures = new ArrayList<>();
        Rees46Sessions.read(f, ReadOptions.defaults(), Workers.callerOnly(), 1, EnumSet.of(EventField.BRAND), v -> {
            if (!(v instanceof SessionView.OfSession)) {
                try {
                    v.event(0);
                } catch (IllegalStateException e) {
                    failures.add(e.getMessage());
                }
            }
        }, v -> { });
        assertThat(failures).isNotEmpty().allMatch(m -> m.contains("EventField.USER"));
    }
}
