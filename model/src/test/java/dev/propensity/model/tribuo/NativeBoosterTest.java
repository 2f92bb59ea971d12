package dev.propensity.model.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.propensity.features.EncoderConfig;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FittedEncoding;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.SyntheticTables;
import dev.propensity.model.Trainers;
import dev.propensity.model.TreeConfig;
import dev.propensity.model.XGBoostConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Tree models trained natively in XGBoost from encoded columns, against Tribuo's own trainer and saved models. */
class NativeBoosterTest {
    private static final FeatureTable MIXED = SyntheticTables.mixed(2500, 4);

    /** A Tribuo dataset of the table's rows as the encoding encodes them (every value present). */
    private static MutableDataset<Label> dataset(FittedEncoding encoding, FeatureTable table) {
        String[] names = encoding.outputNames().toArray(new String[0]);
        LabelFactory factory = new LabelFactory();
        return new MutableDataset<>(TreePurchaseModel.examples(names, encoding.encodeColumns(table), table.labels()),
                new SimpleDataSourceProvenance("test", factory), factory);
    }

    @Test
    void xgboostTrainedFromColumnsIsTheModelTribuosTrainerMakesFromExamples() {
        XGBoostConfig c = XGBoostConfig.defaults().withRounds(40);
        TreePurchaseModel ours = (TreePurchaseModel) Trainers.xgboost(c).train(MIXED);
        // Tribuo's own trainer, as this library used it before, on the same encoded rows
        FittedEncoding encoding = FittedEncoding.fit(MIXED, c.encoder());
        XGBoostNative.load();
        Model<Label> tribuo = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, c.rounds(), c.eta(), c.gamma(), c.maxDepth(), c.minChildWeight(),
                c.subsample(), c.columnSample(), c.lambda(), 0.0, c.threads(), XGBoostTrainer.LoggingVerbosity.SILENT,
                c.seed()).train(dataset(encoding, MIXED));
        double[] theirs = new TreePurchaseModel(TreePurchaseModel.XGBOOST, encoding, tribuo, ours.card())
                .predictThroughTribuo(MIXED);
        assertThat(ours.predict(MIXED)).containsExactly(theirs);
        assertThat(ours.predictThroughTribuo(MIXED)).containsExactly(theirs);
    }

    @Test
    void aForestIsXGBoostsAverageOfPurchaseSharesReadAsAProbability() {
        TreePurchaseModel m = (TreePurchaseModel) Trainers.randomForest(TreeConfig.defaults().withTrees(30)
                .withMaxDepth(6)).train(MIXED);
        assertThat(m.scoresDirectly()).isTrue();
        double[] p = m.predict(MIXED);
        assertThat(p).containsExactly(m.predictThroughTribuo(MIXED));
        double mean = 0;
        double rate = 0;
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isBetween(0.0, 1.0);
            mean += p[i] / p.length;
            rate += (MIXED.label(i) ? 1.0 : 0.0) / p.length;
        }
        // leaves hold in-bag purchase shares: averaged over the training rows they come back to the purchase rate
        assertThat(mean).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ClassificationMetrics.rocAuc(MIXED.labels(), p)).isGreaterThan(0.75);
        // Tribuo's prediction gives both labels, summing to 1, the larger one as the predicted label
        List<Prediction<Label>> tribuo = tribuoPredictions(m);
        for (int i = 0; i < 20; i++) {
            Prediction<Label> pr = tribuo.get(i);
            double yes = pr.getOutputScores().get("true").getScore();
            double no = pr.getOutputScores().get("false").getScore();
            assertThat(yes).isEqualTo(p[i]);
            assertThat(yes + no).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(pr.getOutput().getLabel()).isEqualTo(yes > no ? "true" : "false");
        }
    }

    private static List<Prediction<Label>> tribuoPredictions(TreePurchaseModel m) {
        FittedEncoding encoding = FittedEncoding.fit(MIXED, EncoderConfig.raw());
        return modelOf(m).predict(dataset(encoding, MIXED));
    }

    @SuppressWarnings("unchecked")
    private static Model<Label> modelOf(TreePurchaseModel m) {
        try {
            java.lang.reflect.Field f = TreePurchaseModel.class.getDeclaredField("model");
            f.setAccessible(true);
            return (Model<Label>) f.get(m);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theForestTrainerTakesATribuoDatasetToo() {
        XGBoostForestTrainer t = TreeTrainer.forestTrainer(TreeConfig.defaults().withTrees(12).withMaxDepth(5));
        FittedEncoding encoding = FittedEncoding.fit(MIXED, EncoderConfig.raw());
        XGBoostModel<Label> fromDataset = t.train(dataset(encoding, MIXED));
        TreePurchaseModel ours = (TreePurchaseModel) Trainers.randomForest(TreeConfig.defaults().withTrees(12)
                .withMaxDepth(5)).train(MIXED);
        assertThat(new TreePurchaseModel(TreePurchaseModel.RANDOM_FOREST, encoding, fromDataset, ours.card())
                .predict(MIXED)).containsExactly(ours.predict(MIXED));
        assertThat(t.getInvocationCount()).isEqualTo(1);
        assertThat(t.getProvenance().getClassName()).isEqualTo(XGBoostForestTrainer.class.getName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XGBoostForestTrainer(10, 4, 1, 0.5, 1.0, 1));
        assertThat(e.getMessage()).contains("subsample in (0, 1)");
    }

    @Test
    void theForestDependsOnItsSeedOnly() {
        TreeConfig c = TreeConfig.defaults().withTrees(10).withMaxDepth(6);
        double[] a = Trainers.randomForest(c).train(MIXED).predict(MIXED);
        assertThat(Trainers.randomForest(c).train(MIXED).predict(MIXED)).containsExactly(a);
        assertThat(java.util.Arrays.equals(Trainers.randomForest(c.withSeed(7)).train(MIXED).predict(MIXED), a))
                .as("another seed").isFalse();
    }

    @Test
    void theTreesAreTheSameOnOneThreadAndOnSeveral() {
        FeatureTable t = SyntheticTables.mixed(20_000, 4);
        FittedEncoding encoding = FittedEncoding.fit(t, EncoderConfig.raw());
        // the data is handed to XGBoost once: encoded again for each fit
        java.util.function.Supplier<NativeBooster.Data> data = () -> NativeBooster.encode(encoding, t, null,
                t.labels(), "test", dev.propensity.core.Workers.callerOnly());
        dev.propensity.model.ModelCard card = Trainers.xgboost(XGBoostConfig.defaults().withRounds(2)).train(MIXED)
                .card();
        XGBoostConfig c = XGBoostConfig.defaults().withRounds(60);
        double[] one = new TreePurchaseModel("xgboost", encoding, NativeBooster.boost(c, data.get(), 1), card).predict(t);
        double[] three = new TreePurchaseModel("xgboost", encoding, NativeBooster.boost(c, data.get(), 3), card).predict(t);
        assertThat(three).containsExactly(one);
        XGBoostForestTrainer forest = TreeTrainer.forestTrainer(TreeConfig.defaults().withTrees(20).withMaxDepth(6));
        double[] f1 = new TreePurchaseModel("random-forest", encoding, forest.train(data.get(), 1), card).predict(t);
        double[] f3 = new TreePurchaseModel("random-forest", encoding, forest.train(data.get(), 3), card).predict(t);
        assertThat(f3).containsExactly(f1);
    }

    @Test
    void largeTrainingDataGrowsItsTreesOnEveryWorkerSmallDataOnTheConfiguredThreads() {
        java.util.concurrent.ForkJoinPool pool = dev.propensity.core.Workers.newPool(3, "trees-test");
        try {
            dev.propensity.core.Workers three = dev.propensity.core.Workers.of(pool);
            dev.propensity.core.Workers one = dev.propensity.core.Workers.callerOnly();
            assertThat(TreeTrainer.threads(1_000_000, 10, 1, three)).isEqualTo(3);
            assertThat(TreeTrainer.threads(1_000_000, 10, 1, one)).isEqualTo(1);
            assertThat(TreeTrainer.threads(1_000_000, 10, 4, three)).isEqualTo(4);
            assertThat(TreeTrainer.threads(999_999, 10, 1, three)).isEqualTo(1);
            assertThat(TreeTrainer.threads(12_330, 70, 2, three)).isEqualTo(2);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aTableWhoseMatrixDoesNotFitTheMemoryIsRefusedInOneLine() {
        long need = 2_026_560L * NativeBooster.bytesPerRow(62);
        NativeBooster.checkMemory("xgboost", 2_026_560, 62, need); // fits exactly
        NativeBooster.checkMemory("xgboost", 2_026_560, 62, -1); // unknown: not refused
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeBooster.checkMemory("xgboost", 2_026_560, 62, need - 1));
        assertThat(e.getMessage()).startsWith("xgboost needs about " + String.format("%,d", need >> 20) + " MB")
                .contains("2,026,560 rows of 62 inputs", "--model logistic").doesNotContain("\n");
    }

    @Test
    void aNonFiniteInputIsRefusedNamingTheFeatureAndTheRow() {
        double[][] cols = new double[MIXED.columnCount()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = MIXED.columnArray(j).clone();
        }
        // finite as a double, too large for the float XGBoost reads
        cols[MIXED.schema().indexOf("value")][17] = 1e39;
        FeatureTable bad = FeatureTable.of(MIXED.schema(), cols, MIXED.facts());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainers.xgboost(XGBoostConfig.defaults().withRounds(5)).train(bad));
        assertThat(e.getMessage()).startsWith("xgboost: feature value").contains("at row 17", "session m17")
                .doesNotContain("\n");
    }

    @Test
    void aForestSavedAndLoadedScoresTheSameAndNeedsItsChecksum(@TempDir Path dir) throws IOException {
        PurchaseModel m = Trainers.randomForest(TreeConfig.defaults().withTrees(8)).train(MIXED);
        Path file = dir.resolve("f.model");
        m.save(file);
        TreePurchaseModel back = (TreePurchaseModel) PurchaseModels.load(file);
        assertThat(back.predict(MIXED)).containsExactly(m.predict(MIXED));
        assertThat(back.card().config()).containsEntry("grownBy", "xgboost").containsEntry("subsample", "0.632");
    }

    /** Model files written before this change (Tribuo's XGBoost trainer, Tribuo CART forest) load and score. */
    @Test
    void treeModelFilesOfTheEarlierLibraryStillLoadAndScoreAsTheyDid() throws IOException {
        FeatureTable t = SyntheticTables.mixed(600, 99); // FixtureWriterMain.table()
        for (String name : new String[] {"xgboost-v2", "random-forest-v2"}) {
            Path file = Files.createTempFile("propensity-fixture", ".zip");
            try (InputStream in = NativeBoosterTest.class.getResourceAsStream("/dev/propensity/model/" + name
                    + ".zip")) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                TreePurchaseModel m = (TreePurchaseModel) PurchaseModels.load(file);
                assertThat(m.scoresDirectly()).as(name).isTrue();
                double[] p = m.predict(t);
                double[] tribuo = m.predictThroughTribuo(t);
                List<String> lines;
                try (InputStream in = NativeBoosterTest.class.getResourceAsStream("/dev/propensity/model/" + name
                        + "-expected.csv")) {
                    lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
                }
                assertThat(lines).hasSize(51);
                for (int i = 0; i < 50; i++) {
                    double want = Double.parseDouble(lines.get(i + 1).split(",")[1]);
                    assertThat(p[i]).as(name + " row " + i).isEqualTo(want);
                    assertThat(tribuo[i]).as(name + " row " + i + " through Tribuo").isEqualTo(want);
                }
                if (name.startsWith("random-forest")) {
                    assertThat(modelOf(m)).isInstanceOf(WeightedEnsembleModel.class);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
