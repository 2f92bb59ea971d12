package dev.propensity.server;

import dev.propensity.core.EventType;
import dev.propensity.core.SessionFacts;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.pipeline.Figures;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The figures of 2M sessions with their scores in row order against ascending order (tagged benchmark). */
@Tag("benchmark")
class SortedSliceBenchmark {
    @Test
    void sortedScoresMakeTheFiguresCheaper() {
        int n = 2_000_000;
        Random r = new Random(3);
        SessionFacts.Builder b = SessionFacts.builder();
        double[] p = new double[n];
        long t = 1_572_566_400_000L;
        for (int i = 0; i < n; i++) {
            p[i] = Math.min(0.999, Math.max(0.0001, 0.01 * Math.exp(2 * r.nextGaussian())));
            boolean y = r.nextDouble() < p[i];
            int mask = 1 << EventType.PRODUCT_VIEW.ordinal() | (y ? 1 << EventType.PURCHASE.ordinal() : 0);
            b.addRow("s" + i, y, t + i * 40_000L, r.nextInt(3000), 1 + r.nextInt(20), mask, Map.of());
        }
        SessionFacts facts = b.build();
        ServeData data = ServeData.of(facts, p, new dev.propensity.pipeline.Headline("t", "d"),
                EvaluationProtocol.crossValidation(5, 1), List.of(), null, List.of());
        int[] rowOrder = new int[n];
        for (int i = 0; i < n; i++) {
            rowOrder[i] = i;
        }
        int[] sorted = data.rows(SliceFilter.all());
        for (int round = 0; round < 3; round++) {
            for (int[] rows : new int[][] {rowOrder, sorted}) {
                long t0 = System.nanoTime();
                SessionFacts sub = facts.select(rows);
                double[] s = data.probabilities(rows);
                long t1 = System.nanoTime();
                Figures.ofPredictions(sub, s, data.protocol(), 0.3, List.of(), List.of());
                long t2 = System.nanoTime();
                System.out.printf("round %d %s: select %.0f ms, figures %.0f ms%n", round,
                        rows == sorted ? "ascending probability" : "row order", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            }
        }
    }
}
