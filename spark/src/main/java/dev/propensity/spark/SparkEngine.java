package dev.propensity.spark;

import dev.propensity.core.Event;
import dev.propensity.core.Session;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoff;
import dev.propensity.features.FeatureSchema;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureCsv;
import dev.propensity.core.Workers;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.model.Evaluation;
import dev.propensity.model.LogisticConfig;
import dev.propensity.pipeline.Figures;
import dev.propensity.pipeline.PermutationBudget;
import dev.propensity.pipeline.Predictions;
import dev.propensity.pipeline.report.OutputFiles;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import dev.propensity.pipeline.report.Timings;
import dev.propensity.model.ModelTrainer;
import dev.propensity.model.PurchaseModel;
import dev.propensity.viz.Dashboard;
import dev.propensity.model.PurchaseModels;
import dev.propensity.pipeline.PredictionsCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline on Apache Spark: events read by the project's readers inside the executors, sessions grouped with
 * the {@link dev.propensity.core.Sessionizer}'s rules, feature rows from the project's one feature engine, models
 * scored with a broadcast model file, dashboard aggregates computed in Spark.
 *
 * <pre>{@code
 * try (SparkEngine spark = SparkEngine.start(SparkSettings.defaults().withMaster("local[2]"))) {
 *     Dataset<Row> rows = spark.featureRows(Path.of("events.csv"), null, Cutoffs.beforeFirstPurchase(),
 *             ReadOptions.defaults());
 *     FeatureTable table = spark.featureTable(rows);   // on the driver, when it fits
 * }
 * }</pre>
 *
 * <p>Features use the zone UTC for start-time features, as the command does on one machine. Errors in the input
 * surface as the single machine's {@link InputException} (file, line, problem), not as Spark's job failure.
 */
public final class SparkEngine implements AutoCloseable {
    private final SparkSession spark;
    private final boolean owned;
    private final SparkSettings settings;

    private SparkEngine(SparkSession spark, boolean owned, SparkSettings settings) {
        this.spark = spark;
        this.owned = owned;
        this.settings = settings;
    }

    /**
     * Starts (or joins) a Spark session: the settings' master, else the one spark-submit set, else
     * {@code local[2]}; the web UI off; the settings' shuffle partitions. {@link #close()} stops it.
     *
     * @param settings how to run
     * @return the engine
     */
    public static SparkEngine start(SparkSettings settings) {
        Objects.requireNonNull(settings, "settings");
        SparkConf conf = new SparkConf();
        String master = settings.master() != null ? settings.master() : conf.get("spark.master", "local[2]");
        SparkSession s = SparkSession.builder().appName("propensity").master(master)
                .config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"))
                .config("spark.sql.shuffle.partitions", Integer.toString(settings.partitions()))
                .getOrCreate();
        return new SparkEngine(s, true, settings);
    }

    /**
     * An engine on a session the caller owns ({@link #close()} leaves it running).
     *
     * @param spark    the session
     * @param settings how to run (its master is ignored)
     * @return the engine
     */
    public static SparkEngine on(SparkSession spark, SparkSettings settings) {
        return new SparkEngine(Objects.requireNonNull(spark, "spark"), false, Objects.requireNonNull(settings, "settings"));
    }

    /** The Spark session. */
    public SparkSession session() {
        return spark;
    }

    /** The master URL the session runs on (such as {@code local[2]}). */
    public String master() {
        return spark.sparkContext().master();
    }

    /** The settings. */
    public SparkSettings settings() {
        return settings;
    }

    /**
     * The events of a file or a directory of files, read by the project's readers in the executors.
     *
     * @param input   a file, or a directory of files of one format
     * @param format  the format, or {@code null} to detect it (Parquet is told by its extension or magic bytes)
     * @param options strict or lenient, sessionizer, mapping
     * @return event rows: seq, session_id, user_id, time (epoch ms), type, product, category, brand, price,
     *         attributes
     * @throws IOException when the input cannot be read
     */
    public Dataset<Row> events(Path input, InputFormat format, ReadOptions options) throws IOException {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(options, "options");
        if (format == null && ParquetEvents.isParquet(input)) {
            return ParquetEvents.read(spark, input, options);
        }
        return SparkEvents.read(spark, input, format, options, settings.rangeBytes());
    }

    /**
     * The events of a location: a URI of any Hadoop file system ({@code hdfs://}, {@code s3a://}, {@code file://},
     * ...; the session's Hadoop configuration reaches it), read through Hadoop's FileSystem API in the executors
     * (REES46 files in byte ranges, other text formats one task per file), or a local path as
     * {@link #events(Path, InputFormat, ReadOptions)} reads it.
     *
     * @param location a file or directory URI, or a local path
     * @param format   the format, or {@code null} to detect it
     * @param options  strict or lenient, sessionizer, mapping
     * @return event rows
     * @throws IOException when the input cannot be listed or read
     */
    public Dataset<Row> events(String location, InputFormat format, ReadOptions options) throws IOException {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(options, "options");
        if (!Locations.isUri(location)) {
            return events(Path.of(location), format, options);
        }
        return SparkEvents.read(spark, location, format, options, settings.rangeBytes());
    }

    /**
     * Read, sessionize and compute features of a location: a Hadoop file system URI or a local path (see
     * {@link #events(String, InputFormat, ReadOptions)}).
     *
     * @param location a file or directory URI, or a local path
     * @param format   the format, or {@code null} to detect it
     * @param cutoff   which events the features may see
     * @param options  strict or lenient, sessionizer, mapping
     * @return feature rows
     * @throws IOException when the input cannot be read
     */
    public Dataset<Row> featureRows(String location, InputFormat format, Cutoff cutoff, ReadOptions options)
            throws IOException {
        return featureRowsOfEvents(events(location, format, options), cutoff, options);
    }

    /**
     * Event rows of events held by the driver (the simulator's, for example), in the given order.
     *
     * @param sessions sessions whose events to take, in order
     * @return event rows
     */
    public Dataset<Row> events(List<Session> sessions) {
        List<Row> rows = new ArrayList<>();
        long seq = 0;
        for (Session s : sessions) {
            for (Event e : s.events()) {
                rows.add(EventRows.row(seq++, e, s.attributes().isEmpty() ? Map.of() : s.attributes()));
            }
        }
        return spark.createDataFrame(rows, EventRows.SCHEMA).repartition(settings.partitions());
    }

    /**
     * The sessions of event rows, grouped with the options' sessionizer (see {@link SparkSessions} for its rules
     * on Spark).
     *
     * @param events  event rows
     * @param options whose sessionizer groups them
     * @return session rows: id, user_id, attributes, events
     */
    public Dataset<Row> sessions(Dataset<Row> events, ReadOptions options) {
        return SparkSessions.sessionize(events, PortableOptions.of(options));
    }

    /**
     * Feature rows of session rows, computed by the project's feature engine in the executors.
     *
     * @param sessions session rows
     * @param cutoff   which events the features may see
     * @return rows {@code session_id, label, <features>, _start, _duration, _events, _types}
     */
    public Dataset<Row> featureRows(Dataset<Row> sessions, Cutoff cutoff) {
        return SparkFeatures.features(sessions, FeatureAdapter.of(cutoff, ZoneOffset.UTC));
    }

    /**
     * Read, sessionize and compute features: the whole way from a file to feature rows.
     *
     * @param input   a file or a directory of files
     * @param format  the format, or {@code null} to detect it
     * @param cutoff  which events the features may see
     * @param options strict or lenient, sessionizer, mapping
     * @return feature rows
     * @throws IOException when the input cannot be read
     */
    public Dataset<Row> featureRows(Path input, InputFormat format, Cutoff cutoff, ReadOptions options)
            throws IOException {
        return featureRowsOfEvents(events(input, format, options), cutoff, options);
    }

    /**
     * Feature rows of event rows: the events are hash-partitioned by their sessionizer key and sorted by key and
     * time (the plan of {@code groupByKey}), and each partition's sessions stream through the engine in one call.
     *
     * @param events  event rows
     * @param cutoff  which events the features may see
     * @param options whose sessionizer groups them
     * @return rows {@code session_id, label, <features>, _start, _duration, _events, _types}
     */
    public Dataset<Row> featureRowsOfEvents(Dataset<Row> events, Cutoff cutoff, ReadOptions options) {
        PortableOptions o = PortableOptions.of(options);
        return SparkFeatures.fromSortedEvents(SparkSessions.sorted(events, o, settings.partitions()), o,
                FeatureAdapter.of(cutoff, ZoneOffset.UTC));
    }

    /** The features feature rows hold, as the engine declares them. */
    public FeatureSchema declaredFeatures(Cutoff cutoff) {
        return FeatureAdapter.of(cutoff, ZoneOffset.UTC).declared();
    }

    /**
     * Collects feature rows into a table on the driver, sorted by session id.
     *
     * @param rows   feature rows from {@link #featureRows}
     * @param cutoff the cutoff they were computed with
     * @return the table
     * @throws IllegalStateException when there are more rows than the settings' collect limit
     * @throws InputException        at a bad input row (strict reads)
     */
    public FeatureTable featureTable(Dataset<Row> rows, Cutoff cutoff) {
        FeatureAdapter adapter = FeatureAdapter.of(cutoff, ZoneOffset.UTC);
        return SparkFeatures.table(collect(rows), adapter.declared(), adapter);
    }

    /**
     * Computes the feature rows of an input and writes them, as
     * {@link #writeFeatures(String, InputFormat, Cutoff, ReadOptions, String)} does with local paths.
     *
     * @param input   a file or a directory of files
     * @param format  the format, or {@code null} to detect it
     * @param cutoff  which events the features may see
     * @param options strict or lenient, sessionizer, mapping
     * @param out     a {@code .csv} file or a directory
     * @return what was written
     * @throws IOException when reading or writing fails
     */
    public SparkOutput writeFeatures(Path input, InputFormat format, Cutoff cutoff, ReadOptions options, Path out)
            throws IOException {
        return writeFeatures(input.toString(), format, cutoff, options, out.toString());
    }

    /**
     * Computes the feature rows of an input and writes them. To a {@code .csv} file: the rows are collected (at
     * most the collect limit) and written by {@link FeatureCsv#write}, the single machine's writer, sorted by
     * session id. To a directory: {@code features.parquet} and {@code features-csv/} (part files with a header,
     * missing values empty), written by the executors. Input and output are local paths or URIs of any Hadoop file
     * system ({@code hdfs://}, {@code s3a://}, {@code file:///}).
     *
     * @param input   a file or a directory of files: a local path or a URI
     * @param format  the format, or {@code null} to detect it
     * @param cutoff  which events the features may see
     * @param options strict or lenient, sessionizer, mapping
     * @param out     a {@code .csv} file or a directory: a local path or a URI
     * @return what was written
     * @throws IOException when reading or writing fails
     */
    public SparkOutput writeFeatures(String input, InputFormat format, Cutoff cutoff, ReadOptions options, String out)
            throws IOException {
        long t0 = System.nanoTime();
        Dataset<Row> rows = featureRows(input, format, cutoff, options);
        FeatureSchema declared = declaredFeatures(cutoff);
        if (SparkTargets.isCsvFile(hadoop(), out)) {
            FeatureTable table = featureTable(rows, cutoff);
            try (OutputStream o = SparkTargets.create(hadoop(), out)) {
                FeatureCsv.write(table, o);
            }
            return new SparkOutput(table.rows(), table.positives(), List.of(out), seconds(t0));
        }
        String parquet = SparkTargets.child(out, "features.parquet");
        String csv = SparkTargets.child(out, "features-csv");
        List<Column> cols = new ArrayList<>();
        cols.add(functions.col("session_id"));
        cols.add(functions.col("label"));
        for (String name : declared.names()) {
            cols.add(functions.col(name));
        }
        Dataset<Row> kept = rows.select(cols.toArray(new Column[0]));
        run(() -> {
            kept.write().mode(SaveMode.Overwrite).parquet(parquet);
            return null;
        });
        Dataset<Row> written = spark.read().parquet(parquet);
        List<Column> nullable = new ArrayList<>();
        for (StructField f : written.schema().fields()) {
            Column c = functions.col(f.name());
            nullable.add(f.dataType() == DataTypes.DoubleType
                    ? functions.when(functions.isnan(c), functions.lit(null)).otherwise(c).as(f.name()) : c);
        }
        written.select(nullable.toArray(new Column[0])).write().mode(SaveMode.Overwrite).option("header", "true")
                .csv(csv);
        Row counts = written.agg(functions.count(functions.lit(1)), functions.sum("label")).first();
        return new SparkOutput(counts.getLong(0), counts.isNullAt(1) ? 0 : counts.getLong(1), List.of(parquet, csv),
                seconds(t0));
    }

    /**
     * Scores the sessions of an input with a saved model, as
     * {@link #score(Path, String, InputFormat, Cutoff, ReadOptions, String)} does with local paths.
     *
     * @param model   a model file saved by {@code dashboard} or {@code PurchaseModel.save}
     * @param input   a file or a directory of files
     * @param format  the format, or {@code null} to detect it
     * @param cutoff  which events the features may see
     * @param options strict or lenient, sessionizer, mapping
     * @param out     a {@code .csv} file or a directory
     * @return what was written
     * @throws IOException when reading or writing fails
     * @throws IllegalArgumentException when the model's features are not the engine's
     */
    public SparkOutput score(Path model, Path input, InputFormat format, Cutoff cutoff, ReadOptions options, Path out)
            throws IOException {
        return score(model, input.toString(), format, cutoff, options, out.toString());
    }

    /**
     * Scores the sessions of an input with a saved model, the model file broadcast to the executors. To a
     * {@code .csv} file: the rows are collected (at most the collect limit) and written as {@code score} writes
     * them ({@code session_id,label,probability}), sorted by session id. To a directory:
     * {@code predictions.parquet} and {@code predictions-csv/}, written by the executors. Input and output are
     * local paths or URIs of any Hadoop file system.
     *
     * @param model   a model file saved by {@code dashboard} or {@code PurchaseModel.save} (read by the driver)
     * @param input   a file or a directory of files: a local path or a URI
     * @param format  the format, or {@code null} to detect it
     * @param cutoff  which events the features may see
     * @param options strict or lenient, sessionizer, mapping
     * @param out     a {@code .csv} file or a directory: a local path or a URI
     * @return what was written
     * @throws IOException when reading or writing fails
     * @throws IllegalArgumentException when the model's features are not the engine's
     */
    public SparkOutput score(Path model, String input, InputFormat format, Cutoff cutoff, ReadOptions options,
                             String out) throws IOException {
        long t0 = System.nanoTime();
        byte[] bytes = Files.readAllBytes(model);
        // loaded once on the driver: a bad model file or one of other features fails here, once
        PurchaseModel m = PurchaseModels.load(model);
        FeatureAdapter adapter = FeatureAdapter.of(cutoff, zone());
        m.schema().requireCompatible(adapter.declared());
        Broadcast<byte[]> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes);
        try {
            PortableOptions o = PortableOptions.of(options);
            Dataset<Row> predictions = SparkScoring.score(
                    SparkSessions.sorted(events(input, format, options), o, settings.partitions()), o, shared, adapter);
            if (SparkTargets.isCsvFile(hadoop(), out)) {
                List<Row> rows = collect(predictions);
                long buyers = 0;
                try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                        SparkTargets.create(hadoop(), out), StandardCharsets.UTF_8), 1 << 16)) {
                    w.write("session_id,label,probability\n");
                    StringBuilder sb = new StringBuilder(64);
                    for (Row r : rows) {
                        sb.setLength(0);
                        PredictionsCsv.appendField(sb, r.getString(0));
                        sb.append(',').append(r.getInt(1)).append(',').append(r.getDouble(2)).append('\n');
                        w.append(sb);
                        buyers += r.getInt(1);
                    }
                }
                return new SparkOutput(rows.size(), buyers, List.of(out), seconds(t0));
            }
            String parquet = SparkTargets.child(out, "predictions.parquet");
            String csv = SparkTargets.child(out, "predictions-csv");
            run(() -> {
                predictions.write().mode(SaveMode.Overwrite).parquet(parquet);
                return null;
            });
            Dataset<Row> written = spark.read().parquet(parquet);
            written.write().mode(SaveMode.Overwrite).option("header", "true").csv(csv);
            Row counts = written.agg(functions.count(functions.lit(1)), functions.sum("label")).first();
            return new SparkOutput(counts.getLong(0), counts.isNullAt(1) ? 0 : counts.getLong(1),
                    List.of(parquet, csv), seconds(t0));
        } finally {
            shared.destroy();
        }
    }

    /**
     * The dashboard on Spark. The KPIs, breakdowns and funnel are aggregated in Spark ({@link SparkAggregates})
     * and drawn on the driver by the viz module ({@code dashboard.png}, {@code dashboard.html},
     * {@code charts/NAME.png|svg}) and {@code report.json} (see {@link SparkReport}). When the feature rows fit the
     * collect limit, they are collected (sorted by session id) and evaluated on the driver exactly as on one
     * machine: 5-fold cross-validation (seed 42), the final model on every row ({@code model.propensity}, loadable
     * by {@code score}, the live scorer and {@link #score}), the out-of-fold predictions in
     * {@code predictions.csv}. Above the limit a {@code logistic} model is fitted by Spark MLlib in the executors
     * with the default objective ({@link LogisticConfig#defaults()}; see the overload) and evaluated by a distributed
     * cross-validation with folds by a hash of the session id ({@link SparkEvaluation}); other trainers train
     * nothing there (the result's note says so). The feature rows are computed once and kept
     * (memory, then disk) for the passes.
     *
     * @param input   a file or a directory of files
     * @param format  the format, or {@code null} to detect it
     * @param cutoff  which events the features may see
     * @param options strict or lenient, sessionizer, mapping
     * @param trainer the trainer (for example {@code Trainers.byName("logistic", seed)})
     * @param out     the output directory
     * @return what was done
     * @throws IOException when reading or writing fails
     */
    public SparkDashboardResult dashboard(Path input, InputFormat format, Cutoff cutoff, ReadOptions options,
                                          ModelTrainer trainer, Path out) throws IOException {
        return dashboard(input, format, cutoff, options, trainer, EvaluationProtocol.crossValidation(5, 42),
                LogisticConfig.defaults(), out);
    }

    /**
     * The dashboard on Spark, as {@link #dashboard(Path, InputFormat, Cutoff, ReadOptions, ModelTrainer, Path)},
     * with the objective of distributed training: above the collect limit a {@code logistic} trainer's model is
     * fitted by Spark MLlib on the encoded rows in the executors ({@link #trainLogistic}) and saved as the project's
     * model file; other trainers need the rows on the driver (the note says so).
     *
     * @param input       a file or a directory of files
     * @param format      the format, or {@code null} to detect it
     * @param cutoff      which events the features may see
     * @param options     strict or lenient, sessionizer, mapping
     * @param trainer     the trainer on the driver
     * @param protocol    how the model is evaluated on the driver (as on one machine)
     * @param distributed the logistic objective above the collect limit
     * @param out         the output directory
     * @return what was done
     * @throws IOException when reading or writing fails
     */
    public SparkDashboardResult dashboard(Path input, InputFormat format, Cutoff cutoff, ReadOptions options,
                                          ModelTrainer trainer, EvaluationProtocol protocol,
                                          LogisticConfig distributed, Path out) throws IOException {
        return dashboard(input.toString(), format, cutoff, options, trainer, protocol, distributed, out);
    }

    /**
     * The dashboard on Spark of a location: a local path or a URI of any Hadoop file system (see
     * {@link #events(String, InputFormat, ReadOptions)}); as
     * {@link #dashboard(Path, InputFormat, Cutoff, ReadOptions, ModelTrainer, EvaluationProtocol, LogisticConfig, Path)}
     * otherwise. The output directory is local: the charts are drawn on the driver.
     *
     * @param input       a file or a directory of files: a local path or a URI
     * @param format      the format, or {@code null} to detect it
     * @param cutoff      which events the features may see
     * @param options     strict or lenient, sessionizer, mapping
     * @param trainer     the trainer on the driver
     * @param protocol    how the model is evaluated
     * @param distributed the logistic objective above the collect limit
     * @param out         the output directory
     * @return what was done
     * @throws IOException when reading or writing fails
     */
    public SparkDashboardResult dashboard(String input, InputFormat format, Cutoff cutoff, ReadOptions options,
                                          ModelTrainer trainer, EvaluationProtocol protocol,
                                          LogisticConfig distributed, Path out) throws IOException {
        long t0 = System.nanoTime();
        Objects.requireNonNull(distributed, "distributed");
        Objects.requireNonNull(protocol, "protocol");
        String source = input;
        String formatName = formatName(input, format, options);
        Report report;
        double featureSeconds;
        Objects.requireNonNull(trainer, "trainer");
        Files.createDirectories(out);
        Dataset<Row> rows = featureRows(input, format, cutoff, options).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            SparkAggregates aggregates = SparkAggregates.of(rows);
            featureSeconds = seconds(t0);
            List<Path> files = new ArrayList<>();
            String note = "";
            boolean trained = false;
            boolean distributedFit = false;
            long n = aggregates.kpis().sessions();
            String noCv = null;
            SparkEvaluation.Result distributedEvaluation = null;
            double evaluateSeconds = 0;
            double trainSeconds = 0;
            if (n > settings.collectLimit() && !trainer.name().equals("logistic")) {
                note = n + " sessions exceed the collect limit of " + settings.collectLimit() + ": --model "
                        + trainer.name() + " trains on the driver, so no model was trained (distributed training"
                        + " is logistic regression); charts are from Spark's aggregates";
                noCv = note;
            } else if (n > settings.collectLimit()) {
                SparkLogistic.Fit fit = null;
                try {
                    fit = SparkLogistic.train(rows, FeatureAdapter.of(cutoff, zone()), distributed,
                            settings.collectLimit(), this);
                } catch (IllegalArgumentException e) {
                    note = "no model: " + e.getMessage();
                }
                if (fit != null) {
                    fit.release();
                    double train = seconds(t0) - featureSeconds;
                    Path modelFile = out.resolve("model.propensity");
                    fit.model().save(modelFile);
                    files.add(modelFile);
                    distributedFit = true;
                    note = n + " sessions exceed the collect limit of " + settings.collectLimit() + ": logistic"
                            + " regression fitted by Spark MLlib in the executors (" + fit.iterations()
                            + " iterations; encoding fitted on a seeded sample of " + fit.sampleRows() + " sessions)";
                    long tEval = System.nanoTime();
                    if (!SparkEvaluation.supports(protocol)) {
                        noCv = note + "; " + protocol.describe() + " does not run distributed (cross-validation"
                                + " and holdout do)";
                    } else {
                        try {
                            distributedEvaluation = SparkEvaluation.evaluate(rows, FeatureAdapter.of(cutoff, zone()),
                                    distributed, protocol, settings.collectLimit(), this);
                            note += "; " + protocol.describe() + " distributed, folds by a hash of the session id";
                        } catch (IllegalArgumentException e) {
                            noCv = note + "; no out-of-fold figures: " + e.getMessage();
                        }
                    }
                    evaluateSeconds = seconds(tEval);
                    trainSeconds = train;
                } else {
                    noCv = note;
                }
            }
            if (distributedEvaluation != null) {
                report = SparkReport.distributed(source, formatName, options, cutoff.name(), declaredFeatures(cutoff),
                        aggregates, protocol, trainer.name(), distributedEvaluation, List.of(note),
                        new Timings(0, featureSeconds, evaluateSeconds, trainSeconds, 0, 0, 0, seconds(t0)));
            } else if (noCv != null) {
                double total = seconds(t0);
                report = SparkReport.aggregatesOnly(source, formatName, options, cutoff.name(),
                        declaredFeatures(cutoff), aggregates, protocol, trainer.name(), noCv, distributedFit,
                        List.of(note), new Timings(0, featureSeconds, evaluateSeconds, trainSeconds, 0, 0, 0, total));
            } else {
                FeatureTable table = featureTable(rows, cutoff);
                long tEval = System.nanoTime();
                Evaluation evaluation = null;
                String skipped = null;
                try {
                    evaluation = Evaluation.run(trainer, table, protocol, true, Workers.defaults());
                } catch (IllegalArgumentException e) {
                    // too few purchases, or one class only: the dashboard still shows the data, as on one machine
                    skipped = e.getMessage();
                    note = "no model: " + skipped;
                }
                double evaluate = seconds(tEval);
                long tMetrics = System.nanoTime();
                PermutationBudget budget = PermutationBudget.defaults();
                Figures figures = Figures.of(table, evaluation, budget, protocol.seed(), Workers.defaults());
                List<String> notes = new ArrayList<>(figures.notes());
                if (evaluation != null) {
                    PurchaseModel model = evaluation.model().withCard(evaluation.model().card()
                            .withEvaluation(protocol.describe(), figures.modelCardFigures()));
                    Path modelFile = out.resolve(OutputFiles.MODEL);
                    model.save(modelFile);
                    files.add(modelFile);
                    Path predictions = out.resolve(OutputFiles.PREDICTIONS);
                    try (Writer w = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
                        PredictionsCsv.write(Predictions.of(table, evaluation), w);
                    }
                    files.add(predictions);
                    trained = true;
                } else {
                    notes.add(note);
                }
                double train = evaluation == null ? 0.0 : evaluation.model().card().trainSeconds();
                report = SparkReport.onDriver(source, formatName, options, table, figures, evaluation, protocol,
                        trainer.name(), skipped, notes, budget,
                        new Timings(0, featureSeconds, evaluate, train, seconds(tMetrics), 0, 0, seconds(t0)));
            }
            Dashboard.Builder b = Dashboard.builder().title("Propensity on Spark")
                    .dataDescription(input.replaceAll("/+$", "").replaceAll(".*/", "") + ", " + n + " sessions, features and aggregates in Spark ("
                            + spark.sparkContext().master() + ")")
                    .kpis(aggregates.kpis()).breakdowns(aggregates.breakdowns()).funnel(aggregates.funnel());
            if (!note.isEmpty()) {
                b.note(note);
            }
            files.addAll(0, b.build().writeAll(out));
            Path reportFile = out.resolve(OutputFiles.REPORT);
            Files.write(reportFile, ReportJson.toBytes(report.withTimings(new Timings(report.timings().read(),
                    report.timings().features(), report.timings().evaluate(), report.timings().train(),
                    report.timings().metrics(), 0, 0, seconds(t0)))));
            files.add(reportFile);
            return new SparkDashboardResult(aggregates, trained, note, files, seconds(t0), distributedFit);
        } finally {
            rows.unpersist();
        }
    }

    /**
     * Trains the project's logistic model in the executors with Spark MLlib (see {@link SparkLogistic}): the
     * encoding is fitted on a seeded sample of at most the collect limit's sessions, the rows are encoded by it in
     * the executors, MLlib's binomial logistic regression minimises the project's objective (L2 {@code l2/2 |w|^2},
     * intercept free, class weights, no further standardisation) and the weights become the project's model file.
     *
     * @param rows   feature rows from {@link #featureRows}
     * @param cutoff the cutoff they were computed with
     * @param config the objective and the encoder, gate, seed
     * @return the model (save it with {@link PurchaseModel#save})
     * @throws IllegalArgumentException when there are too few purchases or one class only
     */
    public PurchaseModel trainLogistic(Dataset<Row> rows, Cutoff cutoff, LogisticConfig config) {
        SparkLogistic.Fit fit = SparkLogistic.train(rows, FeatureAdapter.of(cutoff, zone()), config,
                settings.collectLimit(), this);
        fit.release();
        return fit.model();
    }

    /** Collects rows (at most the collect limit), sorted by their first column (the session id). */
    List<Row> collect(Dataset<Row> rows) {
        return collect(rows, settings.collectLimit());
    }

    /** Collects rows (at most {@code limit}), sorted by their first column (the session id). */
    List<Row> collect(Dataset<Row> rows, long limit) {
        List<Row> collected = new ArrayList<>(run(() -> rows.limit((int) Math.min(Integer.MAX_VALUE - 8, limit + 1))
                .collectAsList()));
        if (collected.size() > limit) {
            throw new IllegalStateException("more than " + limit + " rows to collect to the driver (the collect limit);"
                    + " write to a directory instead of one CSV file, or raise the limit");
        }
        collected.sort(java.util.Comparator.comparing(r -> r.getString(0)));
        return collected;
    }

    /** The name of an input's format as report.json gives it (the first file's, when detected). */
    private String formatName(String input, InputFormat format, ReadOptions options) throws IOException {
        if (format != null) {
            return format.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!Locations.isUri(input)) {
            Path local = Path.of(input);
            return ParquetEvents.isParquet(local) ? "parquet"
                    : InputFormat.detect(SparkEvents.files(local).get(0)).name().toLowerCase(java.util.Locale.ROOT);
        }
        org.apache.hadoop.fs.FileStatus first = HadoopFiles.files(hadoop(), input).get(0);
        return SparkEvents.checkedFormat(hadoop(), first.getPath().toString(), first.getLen(), null, options).name()
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The session's Hadoop configuration (file systems of URIs). */
    private org.apache.hadoop.conf.Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The zone of the start-time features. */
    static ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /**
     * Runs a Spark action, turning a job failed by bad input back into the single machine's
     * {@link InputException}.
     */
    <T> T run(Callable<T> action) {
        return Failures.run(action);
    }

    @Override
    public void close() {
        if (owned) {
            spark.stop();
        }
    }
}
