package dev.propensity.model.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which columns are kept as their ones, and reading them back. */
class DesignTest {
    @Test
    void indicatorsWithAtMostHalfOnesAreKeptAsTheirOnes() {
        assertArrayEquals(new int[] {1, 3}, Design.indicator(new float[] {0, 1, 0, 1, 0}));
        assertArrayEquals(new int[0], Design.indicator(new float[] {0, 0, 0}));
        assertNull(Design.indicator(new float[] {1, 1, 0}), "more than half ones stay dense");
        assertNull(Design.indicator(new float[] {0, 2, 0}), "a value other than 0 and 1");
        assertNull(Design.indicator(new float[] {0, -0f, 1, 0}), "a negative zero keeps its bits in a dense column");
        assertNull(Design.indicator(new float[] {0, Float.NaN, 0}));
    }

    @Test
    void readsBothFormsBack() {
        float[] a = {0.5f, 2f, -1f, 0f, 3f};
        float[] b = {0, 1, 0, 0, 1};
        Design d = Design.of(5, new float[][] {a, null}, new int[][] {null, Design.indicator(b)});
        assertEquals(2, d.width());
        assertEquals(5, d.rows());
        assertFalse(d.sparse(0));
        assertTrue(d.sparse(1));
        assertArrayEquals(a, d.toDense(0));
        assertArrayEquals(b, d.toDense(1));
        int[] rows = {0, 1, 4};
        assertArrayEquals(new float[] {0.5f, 2f, 3f}, d.values(0, rows, 3));
        assertArrayEquals(new float[] {0, 1, 1}, d.values(1, rows, 3));
        assertArrayEquals(new float[] {0, 0}, d.values(1, new int[] {2, 3}, 2));
        Design picked = d.columns(new int[] {1, 1, 0});
        assertArrayEquals(b, picked.toDense(0));
        assertTrue(picked.sameColumn(0, 1));
        assertFalse(picked.sameColumn(0, 2));
        assertEquals(4L * 5 + 4L * 2, d.bytes());
        assertEquals(d, Design.of(5, new float[][] {a.clone(), null}, new int[][] {null, new int[] {1, 4}}));
    }

    @Test
    void refusesMalformedColumns() {
        assertThrows(IllegalArgumentException.class,
                () -> Design.of(2, new float[][] {{1, 2}}, new int[][] {{0}}));
        assertThrows(IllegalArgumentException.class,
                () -> Design.of(2, new float[][] {null}, new int[][] {null}));
        assertThrows(IllegalArgumentException.class,
                () -> Design.of(3, new float[][] {{1, 2}}, new int[][] {null}));
        assertThrows(IllegalArgumentException.class, () -> Design.dense(new float[][] {{1, 2}, {1}}));
        Design d = Design.dense(new float[][] {{1, 2}});
        assertThrows(IllegalStateException.class, () -> d.ones(0));
    }
}
