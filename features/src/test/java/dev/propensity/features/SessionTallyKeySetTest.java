package dev.propensity.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.propensity.core.SessionView;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The distinct-key set of the tally: the same counts as a {@link HashSet}, across its list and table forms. */
class SessionTallyKeySetTest {

    @Test
    void countsDistinctKeysAsAHashSetDoesAtEverySize() {
        Random rnd = new Random(12);
        SessionTally.KeySet set = new SessionTally.KeySet();
        for (int session = 0; session < 2_000; session++) {
            set.clear();
            Set<Long> oracle = new HashSet<>();
            int events = rnd.nextInt(session % 7 == 0 ? 200 : 20);
            int range = 1 + rnd.nextInt(40);
            for (int i = 0; i < events; i++) {
                long key = rnd.nextInt(10) == 0 ? SessionView.NO_KEY
                        : rnd.nextBoolean() ? rnd.nextInt(range) : -1L - rnd.nextInt(range);
                set.add(key);
                if (key != SessionView.NO_KEY) {
                    oracle.add(key);
                }
                assertEquals(oracle.size(), set.size(), "session " + session + ", event " + i);
            }
        }
    }

    @Test
    void aClearedSetStartsEmptyAfterEitherForm() {
        SessionTally.KeySet set = new SessionTally.KeySet();
        for (long k = 0; k < 30; k++) {
            set.add(k);
        }
        assertEquals(30, set.size());
        set.clear();
        assertEquals(0, set.size());
        set.add(3);
        set.add(3);
        set.add(SessionView.NO_KEY);
        assertEquals(1, set.size());
        set.clear();
        set.add(29);
        assertEquals(1, set.size());
    }

    @Test
    void aLargeTableIsDroppedAndASmallOneKeptWithTheSameCounts() {
        SessionTally.KeySet set = new SessionTally.KeySet();
        Random rnd = new Random(5);
        // sessions of 0 to 1,000 distinct keys in turn: tables beyond the kept size are dropped, small ones reused
        int[] sizes = {1_000, 3, 12, 0, 9, 400, 40, 8, 17, 1_000, 9};
        for (int n : sizes) {
            set.clear();
            Set<Long> oracle = new HashSet<>();
            for (int i = 0; i < n; i++) {
                long key = rnd.nextBoolean() ? rnd.nextInt(5 * n + 1) : -1L - rnd.nextInt(5 * n + 1);
                set.add(key);
                set.add(key);
                oracle.add(key);
            }
            assertEquals(oracle.size(), set.size(), n + " keys");
        }
    }
}
