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
