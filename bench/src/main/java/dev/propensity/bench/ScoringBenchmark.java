package dev.propensity.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.propensity.features.FeatureTable;
import dev.propensity.model.PurchaseModel;

/**
 * JMH benchmarks of scoring: our logistic model on one session ({@code probability(double[])}) and on a batch
 * ({@code predict(FeatureTable)}, reported per session), against Tribuo's {@code Model.predict} on a model of the
 * same shape trained by Tribuo's {@code LogisticRegressionTrainer} as shipped (one {@code Example}, and a list).
 * {@link #run(boolean)} runs them all and returns the figures in nanoseconds per session.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScoringBenchmark {
    /** Rows of a scored batch. */
    static final int BATCH = 100_000;
    /** Rows of Tribuo's scored list (it allocates a prediction per row). */
    static final int TRIBUO_BATCH = 10_000;
    private static final int FEATURES = 20;
    private static final int ONE_MASK = 1023;

    private PurchaseModel ours;
    private FeatureTable batch;
    private double[][] rows;
    private Model<Label> tribuo;
    private List<Example<Label>> examples;
    private int next;

    /** Trains both models and prepares the inputs. */
    @Setup
    public void setUp() {
        Probe.quietTribuo();
        SyntheticLogistic data = SyntheticLogistic.generate(BATCH, FEATURES, 11L);
        batch = OursApi.table(data);
        ours = OursApi.trainLogistic(batch);
        rows = new double[ONE_MASK + 1][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.row(i);
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", factory), factory);
        String[] names = new String[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            names[j] = SyntheticLogistic.name(j);
        }
        examples = new ArrayList<>();
        for (int i = 0; i < TRIBUO_BATCH; i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label(data.labels[i] ? "1" : "0"), names, batch.row(i));
            ds.add(e);
            examples.add(e);
        }
        tribuo = new LogisticRegressionTrainer().train(ds);
    }

    /** Ours, a batch: the whole table in one call. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double[] oursBatch() {
        return ours.predict(batch);
    }

    /** Ours, one session. */
    @Benchmark
    public double oursOne() {
        return ours.probability(rows[next++ & ONE_MASK]);
    }

    /** Tribuo as shipped, a list of examples in one call. */
    @Benchmark
    @OperationsPerInvocation(TRIBUO_BATCH)
    public Object tribuoBatch() {
        return tribuo.predict(examples);
    }

    /** Tribuo as shipped, one example. */
    @Benchmark
    public Object tribuoOne() {
        return tribuo.predict(examples.get(next++ & ONE_MASK));
    }

    /** The figures of one run, in nanoseconds per session. */
    record Figures(double batchNs, double oneNs, double tribuoBatchNs, double tribuoOneNs) {
    }

    /**
     * Runs the benchmarks in a forked JVM.
     *
     * @param quick shorter warm-up and measurement
     * @return the figures
     */
    static Figures run(boolean quick) {
        try {
            Path log = Files.createTempFile("propensity-jmh", ".log");
            Options opts = new OptionsBuilder()
                    .include(ScoringBenchmark.class.getName() + "\\.")
                    .forks(1)
                    .warmupIterations(quick ? 2 : 4)
                    .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                    .measurementIterations(quick ? 3 : 5)
                    .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                    .jvmArgs("-Xmx1g")
                    .output(log.toString())
                    .build();
            Collection<RunResult> results = new Runner(opts).run();
            double batchNs = Double.NaN;
            double oneNs = Double.NaN;
            double tribuoBatchNs = Double.NaN;
            double tribuoOneNs = Double.NaN;
            for (RunResult r : results) {
                String name = r.getParams().getBenchmark();
                double score = r.getPrimaryResult().getScore();
                if (name.endsWith(".oursBatch")) {
                    batchNs = score;
                } else if (name.endsWith(".oursOne")) {
                    oneNs = score;
                } else if (name.endsWith(".tribuoBatch")) {
                    tribuoBatchNs = score;
                } else if (name.endsWith(".tribuoOne")) {
                    tribuoOneNs = score;
                }
            }
            System.err.println("[bench] JMH log: " + log);
            return new Figures(batchNs, oneNs, tribuoBatchNs, tribuoOneNs);
        } catch (RunnerException | java.io.IOException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
    }
}
