package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.ModelCard;
import dev.propensity.model.ModelFileException;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.StackConfig;
import dev.propensity.model.SyntheticTables;
import dev.propensity.model.Trainers;
import dev.propensity.model.XGBoostConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTrainerTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(2000, 21);
    private static final StackConfig SMALL = StackConfig.defaults().withInnerFolds(3)
            .withXGBoost(XGBoostConfig.defaults().withRounds(40));

    @TempDir
    Path dir;

    @Test
    void stackLearnsTheSignalDeterministicallyWithWeightsSummingToOne() {
        ModelTrainer t = Trainers.stack(SMALL);
        assertThat(t.name()).isEqualTo("stack");
        StackPurchaseModel m = (StackPurchaseModel) t.train(MIXED);
        double[] p = m.predict(MIXED);
        for (double v : p) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).isGreaterThan(0.75);
        assertThat(Arrays.stream(m.weights()).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(m.members()).extracting(x -> x.card().trainer()).containsExactly("logistic", "xgboost");
        assertThat(m.probability(MIXED.row(7))).isCloseTo(p[7], org.assertj.core.api.Assertions.within(1e-12));
        assertThat(t.train(MIXED).predict(MIXED)).isEqualTo(p);
        assertThat(m.card().config()).containsEntry("innerFolds", "3").containsEntry("xgboost.rounds", "40");
    }

    @Test
    void theStackIsTheWeightedAverageOfItsMembers() {
        StackPurchaseModel m = (StackPurchaseModel) Trainers.stack(SMALL).train(MIXED);
        double[] w = m.weights();
        double[] a = m.members().get(0).predict(MIXED);
        double[] b = m.members().get(1).predict(MIXED);
        double[] p = m.predict(MIXED);
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isCloseTo(w[0] * a[i] + w[1] * b[i], org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void bestWeightsFollowTheInformativeColumn() {
        boolean[] y = MIXED.labels();
        double[] truth = new double[y.length];
        double[] noise = new double[y.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < y.length; i++) {
            truth[i] = r.nextDouble() + (y[i] ? 0.5 : 0);
            noise[i] = r.nextDouble();
        }
        double[] w = StackTrainer.bestWeights(new double[][] {noise, truth}, y, 20);
        assertThat(w[0]).isLessThanOrEqualTo(0.1);
        assertThat(w[0] + w[1]).isEqualTo(1.0);
        assertThat(StackTrainer.bestWeights(new double[][] {truth, noise}, y, 20)[0]).isGreaterThanOrEqualTo(0.9);
        double[] w3 = StackTrainer.bestWeights(new double[][] {noise, noise, truth}, y, 4);
        assertThat(w3).containsExactly(0.0, 0.0, 1.0);
    }

    /** The weights come from inner out-of-fold predictions: a member that only memorises its rows gets none. */
    @Test
    void aMemorisingMemberGetsNoWeight() {
        ModelTrainer logistic = Trainers.logisticRegression(LogisticConfig.defaults());
        StackTrainer t = new StackTrainer(List.of(new Memoriser(), logistic), 4, 20, 3L, 10, Map.of());
        StackPurchaseModel m = (StackPurchaseModel) t.train(MIXED);
        assertThat(m.weights()[0]).isLessThanOrEqualTo(0.1);
    }

    @Test
    void stackRoundTripGivesIdenticalPredictionsAndCard() throws IOException {
        PurchaseModel m = Trainers.stack(SMALL).train(MIXED);
        Path f = dir.resolve("stack.zip");
        m.save(f);
        PurchaseModel back = PurchaseModels.load(f);
        assertThat(back).isInstanceOf(StackPurchaseModel.class);
        assertThat(back.predict(MIXED)).isEqualTo(m.predict(MIXED));
        assertThat(back.probability(MIXED.row(3))).isEqualTo(m.probability(MIXED.row(3)));
        assertThat(back.schema()).isEqualTo(m.schema());
        assertThat(back.card()).isEqualTo(m.card());
        assertThat(((StackPurchaseModel) back).weights()).isEqualTo(((StackPurchaseModel) m).weights());
    }

    @Test
    void damagedStackMemberIsRefusedNamingTheMember() throws IOException {
        Path f = dir.resolve("stack.zip");
        Trainers.stack(SMALL).train(MIXED).save(f);
        Path bad = dir.resolve("bad.zip");
        try (ZipFile in = new ZipFile(f.toFile()); OutputStream out = Files.newOutputStream(bad);
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(z)) {
                    bytes = s.readAllBytes();
                }
                if (z.getName().equals("member-1.model")) {
                    bytes = Arrays.copyOf(bytes, bytes.length / 3);
                }
                zip.putNextEntry(new ZipEntry(z.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> PurchaseModels.load(bad));
        assertThat(e.getMessage()).contains("bad.zip").contains("member-1.model").contains("checksum");
    }

    @Test
    void aLargeTableChoosesItsWeightsOnAStratifiedSampleOfItsRows() {
        assertThat(StackTrainer.innerSample(new boolean[StackTrainer.INNER_MAX_ROWS], 1)).isNull();
        boolean[] labels = new boolean[1_000_000];
        for (int i = 0; i < labels.length; i += 50) {
            labels[i] = true; // 2% positives
        }
        int[] s = StackTrainer.innerSample(labels, 42);
        assertThat(s).hasSize(StackTrainer.INNER_MAX_ROWS).isSorted().doesNotHaveDuplicates();
        long positives = java.util.Arrays.stream(s).filter(i -> labels[i]).count();
        assertThat(positives).isEqualTo(StackTrainer.INNER_MAX_ROWS / 50);
        assertThat(s[s.length - 1]).as("drawn from the whole range").isGreaterThan(990_000);
        assertThat(StackTrainer.innerSample(labels, 42)).containsExactly(s);
        assertThat(java.util.Arrays.equals(StackTrainer.innerSample(labels, 43), s)).isFalse();
    }

    @Test
    void configRejectsBadValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.defaults().withInnerFolds(1));
        assertThat(e.getMessage()).isEqualTo("innerFolds must be >= 2, was 1");
        assertThat(StackConfig.defaults().withSeed(9).xgboost().seed()).isEqualTo(9);
        assertThat(StackConfig.defaults().withSeed(9).logistic().seed()).isEqualTo(9);
    }

    /** Scores 1 for a seen buyer, 0 for a seen non-buyer, and noise for rows it never saw. */
    private static final class Memoriser implements ModelTrainer {
        @Override
        public String name() {
            return "memoriser";
        }

        @Override
        public PurchaseModel train(FeatureTable table) {
            Set<String> buyers = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < table.rows(); i++) {
                String key = Arrays.toString(table.row(i));
                seen.add(key);
                if (table.label(i)) {
                    buyers.add(key);
                }
            }
            FeatureSchema schema = table.schema();
            ModelCard card = ModelCard.trained(name(), Map.of(), table.rows(), table.positives(), 0, 0);
            return new PurchaseModel() {
                @Override
                public FeatureSchema schema() {
                    return schema;
                }

                @Override
                public double[] predict(FeatureTable t) {
                    double[] p = new double[t.rows()];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = probability(t.row(i));
                    }
                    return p;
                }

                @Override
                public double probability(double[] rawRow) {
                    String key = Arrays.toString(rawRow);
                    if (seen.contains(key)) {
                        return buyers.contains(key) ? 1.0 : 0.0;
                    }
                    return (key.hashCode() & 0xffff) / 65536.0;
                }

                @Override
                public ModelCard card() {
                    return card;
                }

                @Override
                public PurchaseModel withCard(ModelCard c) {
                    return this;
                }

                @Override
                public void save(Path file) {
                    throw new UnsupportedOperationException("not saved");
                }
            };
        }
    }
}
