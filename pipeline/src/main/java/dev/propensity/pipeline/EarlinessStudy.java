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
    /** The most sessions the study uses; more are sampled down by a hash of the session id. */
    static final int MAX_SESSIONS = 100_000;
    /** The test share of the study's sessions. */
    static final double TEST_FRACTION = 0.25;

    private EarlinessStudy() {
    }

    /** Whether a session is in a sample of about {@code rate} of all, chosen by its id and the seed. */
    static boolean sampled(String id, double rate, long seed) {
        if (rate >= 1) {
            return true;
        }
        long h = id.hashCode() * 0x9E3779B97F4A7C15L + seed;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (h >>> 11) * 0x1.0p-53 < rate;
    }

    /**
     * Runs the study.
     *
     * @param sessions      every event session of the input, streamed once
     * @param totalSessions how many there are (for the sample rate)
     * @param trainer       the trainer of both models
     * @param seed          the seed of the sample, the split and the trainers
     * @return the section
     * @throws IllegalArgumentException when a model cannot be trained on the training sessions
     */
    static EarlinessSection run(Iterator<Session> sessions, int totalSessions, TrainerFactory trainer, long seed) {
        long t0 = System.nanoTime();
        double rate = Math.min(1.0, (double) MAX_SESSIONS / Math.max(1, totalSessions));
        List<Session> list = new ArrayList<>();
        while (sessions.hasNext()) {
            Session s = sessions.next();
            if (s.hasEvents() && sampled(s.id(), rate, seed)) {
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
                TEST_FRACTION * 100, seed, rate < 1 ? String.format(Locale.ROOT, "; a %.1f%% sample of the sessions "
                        + "by id", rate * 100) : "");
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
