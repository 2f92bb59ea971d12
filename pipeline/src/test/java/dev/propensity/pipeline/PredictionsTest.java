package dev.propensity.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PredictionsTest {

    @Test
    void theCsvHasOneRowPerSessionWithQuotedIdsWhereNeeded() throws IOException {
        Predictions p = new Predictions(new String[] {"s1", "a,b", "say \"hi\""}, new boolean[] {true, false, false},
                new double[] {0.75, 0.125, 1e-5}, new int[] {0, 1, 2});
        StringWriter w = new StringWriter();
        PredictionsCsv.write(p, w);
        assertThat(w.toString()).isEqualTo("session_id,label,probability,fold\n"
                + "s1,1,0.75,0\n\"a,b\",0,0.125,1\n\"say \"\"hi\"\"\",0,1.0E-5,2\n");
    }

    @Test
    void theCsvFormattedOnWorkersIsTheSameTextInRowOrder() throws IOException {
        // more rows than one formatting task takes, on two threads and on the caller only
        int n = 100_003;
        String[] ids = new String[n];
        boolean[] labels = new boolean[n];
        double[] probs = new double[n];
        int[] folds = new int[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            ids[i] = i % 1000 == 0 ? "s," + i : "s" + i;
            labels[i] = r.nextInt(50) == 0;
            probs[i] = r.nextDouble();
            folds[i] = i % 5;
        }
        Predictions p = new Predictions(ids, labels, probs, folds);
        StringWriter serial = new StringWriter();
        PredictionsCsv.write(p, serial);
        StringWriter parallel = new StringWriter();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            PredictionsCsv.write(p, parallel, dev.propensity.core.Workers.of(pool));
        } finally {
            pool.shutdown();
        }
        assertThat(parallel.toString()).isEqualTo(serial.toString());
        String[] lines = serial.toString().split("\n");
        assertThat(lines).hasSize(n + 1);
        assertThat(lines[1000 + 1]).isEqualTo("\"s,1000\"," + (labels[1000] ? 1 : 0) + "," + probs[1000] + ",0");
        assertThat(lines[n]).isEqualTo("s100002," + (labels[n - 1] ? 1 : 0) + "," + probs[n - 1] + ",2");
    }

    @Test
    void arraysAreCopiedInAndOut() {
        String[] ids = {"s1"};
        double[] p = {0.5};
        Predictions pr = new Predictions(ids, new boolean[] {true}, p, new int[] {0});
        ids[0] = "changed";
        p[0] = 0.9;
        pr.probabilities()[0] = 0.1;
        assertThat(pr.ids()).containsExactly("s1");
        assertThat(pr.probabilities()).containsExactly(0.5);
        assertThat(pr).isEqualTo(new Predictions(new String[] {"s1"}, new boolean[] {true}, new double[] {0.5},
                new int[] {0}));
    }

    @Test
    void lengthsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Predictions(
                new String[] {"a", "b"}, new boolean[] {true}, new double[2], new int[2]));
        assertThat(e).hasMessage("ids, labels, probabilities and folds differ in length: 2, 1, 2, 2");
    }
}
