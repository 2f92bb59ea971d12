package dev.propensity.spark;

import dev.propensity.core.Event;
import dev.propensity.core.io.EventReader;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.Inputs;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.Rees46Reader;
import dev.propensity.core.io.RejectReason;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Parquet event files with the columns of a CSV format: the REES46 columns
 * ({@code event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session}) or the
 * generic events columns of {@link dev.propensity.core.io.EventMapping#standard()} ({@code time,type,session_id,
 * user_id,...}). Values may be strings or numbers; a REES46 {@code event_time} may also be a timestamp.
 *
 * <p>The rows are checked by the same reader as the CSV format: each partition's rows are written as that
 * format's CSV to a local temporary file, which the project's reader then reads, so the rules (types, prices,
 * required ids) are defined once. A bad row's error names the Parquet input, the row's position in its partition
 * (Parquet has no lines) and the reader's problem.
 */
final class ParquetEvents {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    private static final DateTimeFormatter REES46_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ParquetEvents() {
    }

    /** Whether the input is Parquet: a {@code .parquet} file or directory, or a file starting with PAR1. */
    static boolean isParquet(Path input) throws IOException {
        if (input.getFileName() != null && input.getFileName().toString().endsWith(".parquet")) {
            return true;
        }
        if (Files.isDirectory(input)) {
            for (Path f : SparkEvents.files(input)) {
                return isParquet(f);
            }
            return false;
        }
        if (!Files.isRegularFile(input)) {
            return false;
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(input)) {
            return in.readNBytes(head, 0, 4) == 4 && Arrays.equals(head, MAGIC);
        }
    }

    /**
     * The events of a Parquet input.
     *
     * @param spark   the session
     * @param input   a Parquet file or directory
     * @param options strict or lenient, mapping (for generic columns)
     * @return event rows
     */
    static Dataset<Row> read(SparkSession spark, Path input, ReadOptions options) {
        Dataset<Row> raw = spark.read().parquet(input.toString());
        List<String> cols = Arrays.asList(raw.columns());
        String[] header;
        InputFormat format;
        if (cols.containsAll(Arrays.asList(Rees46Reader.HEADER))) {
            header = Rees46Reader.HEADER;
            format = InputFormat.REES46;
        } else {
            List<String> wanted = new ArrayList<>();
            for (String c : dev.propensity.core.io.EventMapping.STANDARD_COLUMNS) {
                if (cols.contains(c)) {
                    wanted.add(c);
                }
            }
            if (!wanted.contains("time") || !wanted.contains("type")) {
                throw new InputException(input.toString(), 0, null, RejectReason.BAD_FILE, "the Parquet columns "
                        + cols + " are neither the REES46 columns " + Arrays.toString(Rees46Reader.HEADER)
                        + " nor the events columns (time, type, session_id or user_id, ...)");
            }
            header = wanted.toArray(new String[0]);
            format = InputFormat.EVENTS;
        }
        org.apache.spark.sql.Column[] select = new org.apache.spark.sql.Column[header.length];
        for (int i = 0; i < header.length; i++) {
            select[i] = functions.col(header[i]);
        }
        return raw.select(select).mapPartitions(
                new Check(input.toString(), header, format, PortableOptions.of(options)), Encoders.row(EventRows.SCHEMA));
    }

    /** Writes a partition's rows as CSV of the format and reads them back with the format's reader. */
    static final class Check implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String input;
        private final String[] header;
        private final InputFormat format;
        private final PortableOptions options;

        Check(String input, String[] header, InputFormat format, PortableOptions options) {
            this.input = input;
            this.header = header;
            this.format = format;
            this.options = options;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) throws IOException {
            Path tmp = Files.createTempFile("propensity-parquet", ".csv");
            try {
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write(String.join(",", header));
                    w.write('\n');
                    StringBuilder sb = new StringBuilder();
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        sb.setLength(0);
                        for (int i = 0; i < header.length; i++) {
                            if (i > 0) {
                                sb.append(',');
                            }
                            field(sb, r.isNullAt(i) ? null : r.get(i));
                        }
                        w.append(sb).append('\n');
                    }
                }
                List<Row> out = new ArrayList<>();
                long base = (long) org.apache.spark.TaskContext.getPartitionId() << SparkEvents.SEQ_SHIFT;
                try (EventReader in = Inputs.events(tmp, format, options.readOptions())) {
                    long i = 0;
                    for (Event e = in.next(); e != null; e = in.next()) {
                        out.add(EventRows.row(base + i++, e, in.attributes()));
                    }
                } catch (InputException x) {
                    throw new InputException(input, 0, x.column(), x.reason(), "row " + (x.line() - 1)
                            + " of partition " + org.apache.spark.TaskContext.getPartitionId() + ": " + x.problem());
                }
                return out.iterator();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        private static void field(StringBuilder sb, Object v) {
            if (v == null) {
                return;
            }
            String s = v instanceof Timestamp t ? REES46_TIME.format(t.toInstant()) : v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
    }
}
