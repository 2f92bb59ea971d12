package dev.propensity.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import dev.propensity.metrics.ClassificationMetrics;
import dev.propensity.metrics.ClassificationReport;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.EvaluationResult;
import dev.propensity.metrics.Splits;
import dev.propensity.model.LinearExplainable;
import dev.propensity.model.LogisticConfig;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.model.Trainers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distributed training with MLlib, converted into the project's model file. */
class SparkLogisticTest extends SparkTestSession {
    @TempDir
    static Path dir;
    static Path events;
    static FeatureTable single;

    @BeforeAll
    static void data() throws IOException {
        events = dir.resolve("events.csv");
        SyntheticSessions.writeRees46(events, 3000, 33, SimulatorConfig.rees46());
        single = FeatureTables.builder().build(events, null, ReadOptions.defaults()).table();
    }

    @Test
    void aboveATinyCollectLimitTheDashboardFitsWithMllibAndScoreLoadsTheFile() throws IOException {
        SparkEngine limited = SparkEngine.on(spark, settings().withCollectLimit(800));
        Path out = dir.resolve("dash");
        SparkDashboardResult r = limited.dashboard(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults(),
                Trainers.byName("logistic", 42), dev.propensity.metrics.EvaluationProtocol.crossValidation(3, 42),
                LogisticConfig.defaults().withMaxIterations(40), out);
        assertThat(r.trainedInExecutors()).isTrue();
        assertThat(r.trainedOnDriver()).isFalse();
        assertThat(r.note()).contains("Spark MLlib").contains("exceed the collect limit of 800");
        Path file = out.resolve("model.propensity");
        assertThat(r.files()).contains(file);
        // report.json: Spark's aggregates, and the metrics of the distributed cross-validation
        dev.propensity.pipeline.report.Report report = dev.propensity.pipeline.report.ReportJson.read(
                out.resolve("report.json"));
        assertThat(report.metrics().hasModel()).as(report.metrics().skipped()).isTrue();
        assertThat(report.metrics().protocolCode()).isEqualTo("cv:3");
        assertThat(report.metrics().foldRocAuc()).hasSize(3);
        assertThat(report.metrics().rocAuc()).isGreaterThan(0.6);
        assertThat(report.metrics().evaluatedSessions()).isEqualTo(single.rows());
        assertThat(report.kpis().model()).isNotNull();
        assertThat(report.notes()).anyMatch(n -> n.contains("folds by a hash of the session id"));
        assertThat(report.outputs().predictions()).isEmpty();
        assertThat(report.kpis().sessions()).isEqualTo(single.rows());
        assertThat(report.outputs().model()).isEqualTo("model.propensity");
        PurchaseModel loaded = PurchaseModels.load(file);
        assertThat(loaded.card().trainer()).isEqualTo("logistic");
        assertThat(loaded.card().config()).containsEntry("optimiser", "spark-mllib-lbfgs");
        assertThat(loaded.card().trainingRows()).isEqualTo(single.rows());
        System.out.println("distributed fit: " + loaded.card().config());
        // the scorer reads the file: Spark's broadcast scoring equals the loaded model's predictions
        double[] p = loaded.predict(single);
        Map<String, Double> byId = new HashMap<>();
        for (int i = 0; i < single.rows(); i++) {
            byId.put(single.id(i), p[i]);
        }
        Path scores = dir.resolve("scores.csv");
        SparkEngine.on(spark, settings()).score(file, events, null, Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults(), scores);
        List<String> lines = Files.readAllLines(scores, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(single.rows() + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(Double.parseDouble(f[2])).as(f[0]).isEqualTo(byId.get(f[0]));
        }
        // on held-out simulated sessions, the AUC is close to the driver-trained model's
        Path test = dir.resolve("test.csv");
        SyntheticSessions.writeRees46(test, 3000, 34, SimulatorConfig.rees46());
        FeatureTable held = FeatureTables.builder().build(test, null, ReadOptions.defaults()).table();
        double aucSpark = ClassificationMetrics.rocAuc(held.labels(), loaded.predict(held));
        double aucDriver = ClassificationMetrics.rocAuc(held.labels(),
                Trainers.logisticRegression().train(single).predict(held));
        System.out.printf("held-out AUC: MLlib (encoding on a sample of %s) %.4f, driver %.4f%n",
                loaded.card().config().get("encodingSample"), aucSpark, aucDriver);
        assertThat(aucSpark).isCloseTo(aucDriver, within(0.01));
    }

    @Test
    void mllibPredictionsEqualTheModelFilesAndItsObjectiveIsTheDriverFits() throws IOException {
        Dataset<Row> rows = engine.featureRows(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults());
        LogisticConfig config = LogisticConfig.defaults();
        // a sample limit above the row count: the encoding is fitted on all rows, as on the driver
        SparkLogistic.Fit fit = SparkLogistic.train(rows, FeatureAdapter.of(Cutoffs.beforeFirstPurchase(),
                SparkEngine.zone()), config, 1_000_000, engine);
        assertThat(fit.sampleRows()).isEqualTo(single.rows());
        Path file = dir.resolve("mllib.propensity");
        fit.model().save(file);
        PurchaseModel loaded = PurchaseModels.load(file);
        Map<String, Double> sparkP = new HashMap<>();
        for (Row r : fit.mllib().transform(fit.encoded()).select("session_id", "probability").collectAsList()) {
            sparkP.put(r.getString(0), ((Vector) r.get(1)).apply(1));
        }
        fit.release();
        double[] p = loaded.predict(single);
        assertThat(sparkP).hasSize(single.rows());
        double worst = 0;
        for (int i = 0; i < single.rows(); i++) {
            worst = Math.max(worst, Math.abs(p[i] - sparkP.get(single.id(i))));
        }
        System.out.printf("largest |model file - MLlib| probability: %.3e%n", worst);
        assertThat(worst).isLessThan(1e-9);
        PurchaseModel driver = Trainers.logisticRegression(config).train(single);
        double spark = objective(loaded, single, config.l2());
        double local = objective(driver, single, config.l2());
        System.out.printf("objective: MLlib %.10f (%d iterations), driver %.10f, gap %.3e%n", spark, fit.iterations(),
                local, spark - local);
        // the same objective: MLlib's minimum is the driver's, or lower (the driver stops at a gradient tolerance)
        assertThat(spark - local).isLessThan(1e-6 * local);
        assertThat(local - spark).isLessThan(1e-5 * local);
    }

    @Test
    void foldsByTheSessionIdHashDoNotDependOnPartitioningOrInputOrder() throws IOException {
        Dataset<Row> rows = engine.featureRows(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults());
        for (EvaluationProtocol protocol : List.of(EvaluationProtocol.crossValidation(5, 42),
                EvaluationProtocol.holdout(0.25, 7))) {
            Map<String, Integer> one = folds(SparkEvaluation.withFolds(rows.repartition(1), protocol));
            Map<String, Integer> seven = folds(SparkEvaluation.withFolds(
                    rows.repartition(7).orderBy(functions.col("session_id").desc()), protocol));
            assertThat(one).hasSize(single.rows()).isEqualTo(seven);
            Map<Integer, Long> sizes = new TreeMap<>();
            one.values().forEach(f -> sizes.merge(f, 1L, Long::sum));
            if (protocol.kind() == EvaluationProtocol.Kind.CROSS_VALIDATION) {
                assertThat(sizes).containsOnlyKeys(0, 1, 2, 3, 4);
                sizes.values().forEach(c -> assertThat(c).isBetween(500L, 700L));   // 600 expected of each
            } else {
                assertThat(sizes).containsOnlyKeys(-1, 0);
                assertThat(sizes.get(0)).isBetween(650L, 850L);   // 750 expected
            }
        }
        // another seed, other folds
        assertThat(folds(SparkEvaluation.withFolds(rows, EvaluationProtocol.crossValidation(5, 43))))
                .isNotEqualTo(folds(SparkEvaluation.withFolds(rows, EvaluationProtocol.crossValidation(5, 42))));
    }

    @Test
    void distributedCrossValidationHasOneMachinesFiguresOfTheSameFoldPredictions() throws IOException {
        Dataset<Row> rows = engine.featureRows(events, null, Cutoffs.beforeFirstPurchase(), ReadOptions.defaults())
                .persist();
        EvaluationProtocol protocol = EvaluationProtocol.crossValidation(3, 42);
        LogisticConfig config = LogisticConfig.defaults().withMaxIterations(100);
        SparkEvaluation.Result cv;
        Map<String, Integer> fold;
        try {
            // a sample limit above the row count: each fold's encoding is fitted on all its training rows
            cv = SparkEvaluation.evaluate(rows, FeatureAdapter.of(Cutoffs.beforeFirstPurchase(), SparkEngine.zone()),
                    config, protocol, 1_000_000, engine);
            fold = folds(SparkEvaluation.withFolds(rows, protocol));
        } finally {
            rows.unpersist();
        }
        assertThat(cv.models()).hasSize(3);
        // one machine: the single machine's table in session-id order, each held-out row predicted by its fold's
        // model on the driver
        Integer[] order = new Integer[single.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing(single::id));
        FeatureTable sorted = single.select(java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray());
        int n = sorted.rows();
        int[] assignment = new int[n];
        for (int i = 0; i < n; i++) {
            assignment[i] = fold.get(sorted.id(i));
        }
        double[] p = new double[n];
        double[] driverP = new double[n];
        for (int f = 0; f < 3; f++) {
            int[] test = Splits.testRows(assignment, f);
            double[] q = cv.models().get(f).predict(sorted.select(test));
            double[] d = Trainers.logisticRegression(config).train(sorted, Splits.trainRows(assignment, f))
                    .predict(sorted.select(test));
            for (int i = 0; i < test.length; i++) {
                p[test[i]] = q[i];
                driverP[test[i]] = d[i];
            }
        }
        assertThat(cv.labels()).isEqualTo(sorted.labels());
        assertThat(cv.assignment()).isEqualTo(assignment);
        for (int i = 0; i < n; i++) {
            assertThat(cv.probabilities()[i]).as(sorted.id(i)).isCloseTo(p[i], within(1e-15));
        }
        EvaluationResult local = EvaluationResult.of(protocol, sorted.labels(), p, assignment, 0.5);
        assertThat(cv.result().report().rocAuc()).isCloseTo(local.report().rocAuc(), within(1e-12));
        assertThat(cv.result().report().averagePrecision()).isCloseTo(local.report().averagePrecision(),
                within(1e-12));
        assertThat(cv.result().report().logLoss()).isCloseTo(local.report().logLoss(), within(1e-12));
        assertThat(cv.result().report().brier()).isCloseTo(local.report().brier(), within(1e-12));
        for (int f = 0; f < 3; f++) {
            assertThat(cv.result().foldRocAuc()[f]).isCloseTo(local.foldRocAuc()[f], within(1e-12));
        }
        ClassificationReport atHalf = ClassificationMetrics.evaluate(sorted.labels(), p, 0.5);
        assertThat(cv.atHalf().accuracy()).isCloseTo(atHalf.accuracy(), within(1e-12));
        assertThat(cv.atHalf().f1()).isCloseTo(atHalf.f1(), within(1e-12));
        // the distributed models' pooled AUC is the driver's on the same folds, within optimiser noise
        double driverAuc = EvaluationResult.of(protocol, sorted.labels(), driverP, assignment, 0.5).report().rocAuc();
        System.out.printf("cv:3 by session-id hash: pooled ROC AUC MLlib %.6f, driver %.6f; per fold %s%n",
                cv.result().report().rocAuc(), driverAuc, java.util.Arrays.toString(cv.result().foldRocAuc()));
        assertThat(cv.result().report().rocAuc()).isCloseTo(driverAuc, within(0.005));
    }

    private static Map<String, Integer> folds(Dataset<Row> withFolds) {
        Map<String, Integer> m = new HashMap<>();
        for (Row r : withFolds.select("session_id", SparkEvaluation.FOLD).collectAsList()) {
            m.put(r.getString(0), r.getInt(1));
        }
        return m;
    }

    /** The project's objective: mean log loss + (l2/2) |w|^2 (no class weights in the defaults). */
    private static double objective(PurchaseModel m, FeatureTable t, double l2) {
        double[] p = m.predict(t);
        double loss = 0;
        for (int i = 0; i < p.length; i++) {
            loss -= t.label(i) ? Math.log(p[i]) : Math.log1p(-p[i]);
        }
        double w2 = 0;
        for (double w : ((LinearExplainable) m).coefficients().values()) {
            w2 += w * w;
        }
        return loss / p.length + 0.5 * l2 * w2;
    }
}
