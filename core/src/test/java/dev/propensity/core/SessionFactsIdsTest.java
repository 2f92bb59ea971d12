package dev.propensity.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session ids are kept packed as UTF-8 bytes and come back unchanged, selected or not. */
class SessionFactsIdsTest {
    private static final List<String> IDS = List.of("4d3b30da-a5e4-49df-b1a8-ba5943000000", "", "s-1",
            "café-☕", "pair-\uD83D\uDE00", "lone-\uD800-surrogate", "\uDC00", "last");

    private static SessionFacts facts() {
        SessionFacts.Builder b = SessionFacts.builder();
        for (int i = 0; i < 1000; i++) {
            String id = IDS.get(i % IDS.size()) + (i >= IDS.size() ? "#" + i : "");
            b.addRow(id, i % 3 == 0, SessionFacts.UNKNOWN_START, i, 1, 0, Map.of());
        }
        return b.build();
    }

    private static String expected(int i) {
        return IDS.get(i % IDS.size()) + (i >= IDS.size() ? "#" + i : "");
    }

    @Test
    void idsComeBackUnchanged() {
        SessionFacts f = facts();
        assertEquals(1000, f.size());
        for (int i = 0; i < f.size(); i++) {
            assertEquals(expected(i), f.id(i), "row " + i);
            assertEquals(i % 3 == 0, f.purchased(i));
        }
    }

    @Test
    void selectKeepsIdsInTheGivenOrder() {
        SessionFacts f = facts();
        int[] rows = {7, 6, 5, 5, 1, 0, 999, 4, 3};
        SessionFacts s = f.select(rows);
        List<String> got = new ArrayList<>();
        List<String> want = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            got.add(s.id(i));
            want.add(expected(rows[i]));
            assertEquals(f.durationSeconds(rows[i]), s.durationSeconds(i));
        }
        assertEquals(want, got);
        SessionFacts again = s.select(new int[] {2, 5});
        assertEquals(List.of(expected(5), expected(0)), List.of(again.id(0), again.id(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> f.select(new int[] {0, 1000}));
    }

    @Test
    void aBuilderKeepsGrowingAfterABuild() {
        SessionFacts.Builder b = SessionFacts.builder();
        b.addRow("a", false, SessionFacts.UNKNOWN_START, 1, 1, 0, Map.of());
        SessionFacts first = b.build();
        b.addRow("bb", true, SessionFacts.UNKNOWN_START, 2, 1, 0, Map.of());
        SessionFacts second = b.build();
        assertEquals(1, first.size());
        assertEquals("a", first.id(0));
        assertEquals(List.of("a", "bb"), List.of(second.id(0), second.id(1)));
        SessionFacts.Builder all = SessionFacts.builder().addAll(b);
        assertEquals("bb", all.build().id(1));
    }
}
