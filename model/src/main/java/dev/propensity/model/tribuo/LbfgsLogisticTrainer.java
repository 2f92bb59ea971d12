package dev.propensity.model.tribuo;

import dev.propensity.model.linear.LogisticSolver;
import dev.propensity.model.design.Design;
import dev.propensity.model.linear.DesignReduction;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.propensity.core.Workers;
import dev.propensity.model.ClassWeighting;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Trainer;
import org.tribuo.VariableIDInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * A Tribuo {@link Trainer} that fits binary logistic regression (labels {@code true} / {@code false}) by Newton
 * steps with a subsampled Hessian (the default) or by L-BFGS, with an L2 penalty and optional class weights, and returns Tribuo's {@link LinearSGDModel}, the same model type
 * as Tribuo's {@code LogisticRegressionTrainer}, with this trainer's settings in its provenance.
 *
 * <p>Propensity calls {@link #fit(float[][], boolean[], List, String)} on primitive columns directly; {@link
 * #train(Dataset, Map)} lets Tribuo users run the same solver on a Tribuo dataset.
 */
public final class LbfgsLogisticTrainer implements Trainer<Label> {

    @Config(description = "L2 penalty per unit of mean log loss")
    private double l2 = 1e-4;

    @Config(description = "Maximum L-BFGS iterations")
    private int maxIterations = 200;

    @Config(description = "Gradient tolerance")
    private double tolerance = 1e-6;

    @Config(description = "Class weighting: NONE or BALANCED")
    private ClassWeighting classWeighting = ClassWeighting.NONE;

    @Config(description = "Seed of the warm-start subsample")
    private long seed = 42L;

    @Config(description = "Threads summing gradients: 1 for the calling thread only, more for the workers")
    private int threads = 2;

    @Config(description = "Optimiser: newton or lbfgs")
    private String optimiser = "newton";

    /** Where passes over the data run; not part of the configuration (the results do not depend on it). */
    private Workers workers = Workers.defaults();

    private int invocationCount = 0;

    /** For OLCUT configuration; use the other constructor. */
    private LbfgsLogisticTrainer() {
    }

    /**
     * A trainer.
     *
     * @param l2             L2 penalty per unit of mean log loss, {@code >= 0}
     * @param maxIterations  most L-BFGS iterations, {@code >= 1}
     * @param tolerance      gradient tolerance, {@code > 0}
     * @param classWeighting class weighting
     * @param seed           seed of the warm-start subsample
     * @param threads        {@code 1}: the calling thread only; more: {@link Workers#defaults()} or the workers
     *                       given to {@link #withWorkers(Workers)}
     */
    public LbfgsLogisticTrainer(double l2, int maxIterations, double tolerance, ClassWeighting classWeighting,
                                long seed, int threads) {
        this(l2, maxIterations, tolerance, classWeighting, seed, threads, "lbfgs");
    }

    /**
     * A trainer with a chosen optimiser.
     *
     * @param l2             L2 penalty per unit of mean log loss, {@code >= 0}
     * @param maxIterations  most iterations, {@code >= 1}
     * @param tolerance      gradient tolerance, {@code > 0}
     * @param classWeighting class weighting
     * @param seed           seed of the subsample
     * @param threads        {@code 1}: the calling thread only; more: the workers
     * @param optimiser      {@code newton} or {@code lbfgs}
     */
    public LbfgsLogisticTrainer(double l2, int maxIterations, double tolerance, ClassWeighting classWeighting,
                                long seed, int threads, String optimiser) {
        if (!optimiser.equals("newton") && !optimiser.equals("lbfgs")) {
            throw new IllegalArgumentException("optimiser must be newton or lbfgs, was '" + optimiser + "'");
        }
        this.l2 = l2;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.classWeighting = classWeighting;
        this.seed = seed;
        this.threads = threads;
        this.optimiser = optimiser;
    }

    /**
     * This trainer with its passes over the data on other workers (the same models).
     *
     * @param w the workers
     * @return a new trainer
     */
    public LbfgsLogisticTrainer withWorkers(Workers w) {
        LbfgsLogisticTrainer t = new LbfgsLogisticTrainer(l2, maxIterations, tolerance, classWeighting, seed, threads,
                optimiser);
        t.workers = java.util.Objects.requireNonNull(w, "workers");
        return t;
    }

    /** Solves on the design's distinct non-zero columns ({@link DesignReduction}), then expands the weights. */
    private LogisticSolver.Solution run(Design design, float[] gate, boolean[] labels, double[] cw) {
        Workers w = threads == 1 ? Workers.callerOnly() : workers;
        DesignReduction reduction = DesignReduction.of(design, w);
        Design reduced = reduction.columns(design);
        LogisticSolver solver = new LogisticSolver(reduced, gate, labels, null, cw[0], cw[1], l2,
                reduction.penalties(), w);
        LogisticSolver.Solution s = optimiser.equals("lbfgs") ? solver.solveLbfgs(maxIterations, tolerance, seed)
                : solver.solve(maxIterations, tolerance, seed);
        return new LogisticSolver.Solution(reduction.expand(s.weights(), gate != null), s.intercept(), s.iterations(),
                s.evaluations(), s.objective(), s.converged());
    }

    /**
     * Fits on primitive columns.
     *
     * @param columns     one array per input, each with one value per row; finite values only
     * @param labels      the labels, both classes present
     * @param names       the input names, one per column
     * @param description what the data is, for the provenance
     * @return the model
     */
    LinearSGDModel fit(float[][] columns, boolean[] labels, List<String> names, String description) {
        return solve(columns, null, labels, names, description).build();
    }

    /** Solved weights, and the way to the Tribuo model that carries them. */
    final class Solved {
        private final LogisticSolver.Solution solution;
        private final List<String> names;
        private final String description;
        private final int rows;
        private final OffsetDateTime time;

        private Solved(LogisticSolver.Solution solution, List<String> names, String description, int rows) {
            this.solution = solution;
            this.names = List.copyOf(names);
            this.description = description;
            this.rows = rows;
            this.time = OffsetDateTime.now();
        }

        /** The weights, in input order, and the intercept. */
        TribuoLinear.Weights weights() {
            return new TribuoLinear.Weights(solution.weights().clone(), solution.intercept());
        }

        /** The Tribuo model, with this trainer's provenance and the time the solve finished. */
        LinearSGDModel build() {
            DataProvenance source = new SimpleDataSourceProvenance(description, new LabelFactory());
            DatasetProvenance data = new ColumnsDatasetProvenance(source, rows, names.size());
            ModelProvenance provenance = new ModelProvenance(LinearSGDModel.class.getName(), time, data,
                    getProvenance(), Map.of());
            return TribuoLinear.build(names, solution.weights(), solution.intercept(), provenance);
        }
    }

    /**
     * Solves on primitive columns without building the Tribuo model yet.
     *
     * @param columns     one array per input, each with one value per row; finite values only
     * @param gate        per row 1 (gate on) or 0, or {@code null}: with a gate the model has twice the columns'
     *                    inputs: in {@code names}, every column, then every column's gated copy
     * @param labels      the labels, both classes present
     * @param names       the input names, one per model input
     * @param description what the data is, for the provenance
     * @return the solution
     */
    Solved solve(float[][] columns, float[] gate, boolean[] labels, List<String> names, String description) {
        return solve(Design.dense(columns), gate, labels, names, description);
    }

    /**
     * Solves on a design without building the Tribuo model yet.
     *
     * @param columns     the inputs, one column each; finite values only
     * @param gate        per row 1 (gate on) or 0, or {@code null}: with a gate the model has twice the columns'
     *                    inputs: in {@code names}, every column, then every column's gated copy
     * @param labels      the labels, both classes present
     * @param names       the input names, one per model input
     * @param description what the data is, for the provenance
     * @return the solution
     */
    Solved solve(Design columns, float[] gate, boolean[] labels, List<String> names, String description) {
        int positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        double[] cw = classWeighting.weights(labels.length, positives);
        LogisticSolver.Solution s = run(columns, gate, labels, cw);
        invocationCount++;
        return new Solved(s, names, description, labels.length);
    }

    @Override
    public LinearSGDModel train(Dataset<Label> dataset) {
        return train(dataset, Map.of());
    }

    @Override
    public LinearSGDModel train(Dataset<Label> dataset, Map<String, Provenance> runProvenance) {
        ImmutableFeatureMap fmap = dataset.getFeatureIDMap();
        int n = dataset.size();
        List<String> names = new ArrayList<>(fmap.size());
        for (int id = 0; id < fmap.size(); id++) {
            names.add(fmap.get(id).getName());
        }
        float[][] cols = new float[names.size()][n];
        boolean[] labels = new boolean[n];
        int i = 0;
        for (Example<Label> e : dataset) {
            labels[i] = e.getOutput().getLabel().equals(TribuoLinear.PURCHASE.getLabel());
            for (Feature f : e) {
                VariableIDInfo info = fmap.get(f.getName());
                if (info != null) {
                    cols[info.getID()][i] = (float) f.getValue();
                }
            }
            i++;
        }
        int positives = 0;
        for (boolean b : labels) {
            positives += b ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("dataset must hold both labels true and false, has "
                    + dataset.getOutputInfo().getDomain());
        }
        double[] cw = classWeighting.weights(n, positives);
        LogisticSolver.Solution s = run(Design.dense(cols), null, labels, cw);
        ModelProvenance provenance = new ModelProvenance(LinearSGDModel.class.getName(), OffsetDateTime.now(),
                dataset.getProvenance(), getProvenance(), runProvenance);
        invocationCount++;
        return TribuoLinear.build(names, s.weights(), s.intercept(), provenance);
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "LbfgsLogisticTrainer(l2=" + l2 + ",maxIterations=" + maxIterations + ",tolerance=" + tolerance
                + ",classWeighting=" + classWeighting + ",seed=" + seed + ",threads=" + threads + ",optimiser=" + optimiser
                + ")";
    }

    /** The provenance of a dataset given as primitive columns rather than a Tribuo dataset. */
    public static final class ColumnsDatasetProvenance extends DatasetProvenance {
        private static final long serialVersionUID = 1L;

        ColumnsDatasetProvenance(DataProvenance source, int rows, int features) {
            super(source, new ListProvenance<>(), "dev.propensity.features.FeatureTable", true, false, rows,
                    features, 2);
        }

        /**
         * Restores a provenance read from a saved model (used by OLCUT).
         *
         * @param map the provenance fields
         */
        public ColumnsDatasetProvenance(Map<String, Provenance> map) {
            super(map);
        }
    }
}
