package dev.propensity.spark;

import dev.propensity.features.FeatureTable;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Scores sessions with a saved model inside the executors: the model file's bytes are broadcast once, each task
 * loads them with {@link PurchaseModels#load} (the loader {@code score} and the live scorer use), builds its
 * partition's feature table with the one engine and calls {@link PurchaseModel#predict(FeatureTable)}.
 */
final class SparkScoring {
    /** The prediction rows: session_id, label (1/0), probability. */
    static final StructType SCHEMA = new StructType(new StructField[]{
        DataTypes.createStructField("session_id", DataTypes.StringType, false),
        DataTypes.createStructField("label", DataTypes.IntegerType, false),
        DataTypes.createStructField("probability", DataTypes.DoubleType, false),
    });

    private SparkScoring() {
    }

    /**
     * The predictions of session rows.
     *
     * @param sorted   event rows from {@link SparkSessions#sorted}
     * @param options  the read options whose sessionizer applies
     * @param model    the broadcast model file
     * @param adapter  the engine's settings
     * @return prediction rows ({@link #SCHEMA})
     */
    static Dataset<Row> score(Dataset<Row> sorted, PortableOptions options, Broadcast<byte[]> model,
                              FeatureAdapter adapter) {
        return sorted.mapPartitions(new Score(model, options, adapter), Encoders.row(SCHEMA));
    }

    /** Loads a model from its file's bytes (through a temporary file: the loader reads files). */
    static PurchaseModel load(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("propensity-model", ".propensity");
        try {
            Files.write(tmp, bytes);
            return PurchaseModels.load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Scores one partition. */
    static final class Score implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final PortableOptions options;
        private final FeatureAdapter adapter;

        Score(Broadcast<byte[]> model, PortableOptions options, FeatureAdapter adapter) {
            this.model = model;
            this.options = options;
            this.adapter = adapter;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) throws IOException {
            PurchaseModel m = load(model.value());
            FeatureTable t = adapter.table(SparkSessions.sessions(input, options));
            double[] p = t.rows() == 0 ? new double[0] : m.predict(t);
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < p.length;
                }

                @Override
                public Row next() {
                    Row r = RowFactory.create(t.id(i), t.label(i) ? 1 : 0, p[i]);
                    i++;
                    return r;
                }
            };
        }
    }
}
