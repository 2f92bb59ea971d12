package dev.propensity.pipeline;

import dev.propensity.core.Session;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.Checkpoint;
import dev.propensity.metrics.Earliness;
import dev.propensity.metrics.EarlinessPoint;
import dev.propensity.metrics.Splits;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.TrainerFactory;
import dev.propensity.pipeline.report.EarlinessSection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** The report's earliness study (see {@link EarlinessSection}). */
final class EarlinessStudy {
    /**
     * The most sessions the study uses: a larger input gives its first ones in reading order, and the rest of the
     * file is not read again (reading a 2M-session file a second time, and the study on 100,000 sessions, cost the
     * dashboard a fifth of its time).
     */
    static final int MAX_SESSIONS = 50_000;
    /** The test share of the study's sessions. */
    static final double TEST_FRACTION = 0.25;

    private EarlinessStudy() {
    }

    /**
     * Runs the study.
     *
     * @param sessions      the event sessions of the input, in reading order; read up to {@link #MAX_SESSIONS} with
     *                      events
     * @param totalSessions how many there are (to say whether the study took a part of them)
     * @param trainer       the trainer of both models
     * @param seed          the seed of the sample, the split and the trainers
     * @return the section
     * @throws IllegalArgumentException when a model cannot be trained on the training sessions
     */
    static EarlinessSection run(Iterator<Session> sessions, int totalSessions, TrainerFactory trainer, long seed) {
        long t0 = System.nanoTime();
        List<Session> list = new ArrayList<>();
        while (list.size() < MAX_SESSIONS && sessions.hasNext()) {
            Session s = sessions.next();
            if (s.hasEvents()) {
                list.add(s);
            }
        }
        boolean[] labels = new boolean[list.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = list.get(i).purchased();
        }
        int[] split = Splits.stratifiedHoldout(labels, TEST_FRACTION, seed);
        List<Session> train = new ArrayList<>();
        List<Session> test = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            (split[i] == Splits.TRAIN_ONLY ? train : test).add(list.get(i));
        }
        PurchaseModel whole = trainer.create(seed).train(FeatureTables.build(train));
        PurchaseModel prefixes = trainer.create(seed).train(
                PrefixRows.build(train.iterator(), null, PrefixRows.DEFAULT_PER_SESSION, seed));
        List<EarlinessSection.Series> series = List.of(
                series(Training.WHOLE_SESSIONS.code(), whole, test),
                series(Training.PREFIXES.code(), prefixes, test));
        String protocol = String.format(Locale.ROOT, "stratified holdout %.0f%% by session, seed %d%s",
                TEST_FRACTION * 100, seed, list.size() < totalSessions ? String.format(Locale.ROOT, "; the first %,d "
                        + "of %,d sessions in reading order", list.size(), totalSessions) : "");
        return new EarlinessSection(protocol, list.size(), train.size(), test.size(), (System.nanoTime() - t0) / 1e9,
                series);
    }

    private static EarlinessSection.Series series(String name, PurchaseModel model, List<Session> test) {
        return new EarlinessSection.Series(name, points(model, test, Checkpoint.reportEvents()),
                points(model, test, Checkpoint.reportMinutes()));
    }

    /** The figures of a model at each checkpoint, over the test sessions that count there. */
    static List<EarlinessPoint> points(PurchaseModel model, List<Session> test, List<Checkpoint> checkpoints) {
        Earliness e = new Earliness(checkpoints);
        for (int c = 0; c < checkpoints.size(); c++) {
            Checkpoint cp = checkpoints.get(c);
            List<Session> counted = new ArrayList<>();
            for (Session s : test) {
                if (cp.visible(s) >= 0) {
                    counted.add(s);
                }
            }
            if (counted.isEmpty()) {
                continue;
            }
            FeatureTable t = FeatureTables.builder().cutoff(cutoff(cp)).build(counted);
            double[] p = model.predict(t);
            for (int i = 0; i < p.length; i++) {
                e.add(c, t.label(i), p[i]);
            }
        }
        return e.points();
    }

    /** The cutoff that shows what a checkpoint shows. */
    static Cutoff cutoff(Checkpoint cp) {
        return switch (cp.kind()) {
            case EVENTS -> Cutoffs.firstEvents(cp.value());
            case MINUTES -> Cutoffs.firstMinutes(cp.value());
            case ALL -> Cutoffs.beforeFirstPurchase();
        };
    }
}
