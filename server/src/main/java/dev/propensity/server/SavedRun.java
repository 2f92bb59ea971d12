package dev.propensity.server;

import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.core.io.RejectReason;
import dev.propensity.features.Cutoff;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.metrics.EvaluationProtocol;
import dev.propensity.metrics.Importance;
import dev.propensity.model.PurchaseModel;
import dev.propensity.model.PurchaseModels;
import dev.propensity.pipeline.FeatureInputs;
import dev.propensity.pipeline.Headline;
import dev.propensity.pipeline.InputSource;
import dev.propensity.pipeline.LoadedInput;
import dev.propensity.pipeline.PredictionsCsv;
import dev.propensity.pipeline.Progress;
import dev.propensity.pipeline.report.Report;
import dev.propensity.pipeline.report.ReportJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A previous {@code dashboard --out DIR} run read back for serving: {@code report.json} (headline figures,
 * protocol, importances, notes), {@code predictions.csv} (each session's out-of-fold probability) and the model;
 * the sessions' facts (times, attributes, events) come from reading the input file the report names once more,
 * with the run's cutoff. Nothing is trained.
 */
public final class SavedRun {
    private SavedRun() {
    }

    /**
     * Reads a run's folder.
     *
     * @param dir   the folder {@code dashboard --out} wrote
     * @param model the model to score with, or {@code null} for the run's own ({@code model.propensity}, when
     *              present)
     * @return the data to serve
     * @throws IOException    when a file cannot be read
     * @throws InputException naming the file and line when a file is not what the run wrote, or the input no longer
     *                        matches the predictions
     */
    public static ServeData read(Path dir, PurchaseModel model) throws IOException {
        Path reportFile = dir.resolve("report.json");
        if (!Files.isRegularFile(reportFile)) {
            throw new InputException(reportFile.toString(), 0, null, RejectReason.BAD_FILE,
                    "no report.json: --from needs the folder a 'dashboard --out DIR' run wrote");
        }
        Report report = ReportJson.read(reportFile);
        String format = report.input().format();
        if (format.equals("simulated") || format.equals("features")) {
            throw new InputException(reportFile.toString(), 0, null, RejectReason.BAD_FILE, "the run read "
                    + report.input().source() + " (" + format + "), which has no event log to slice; serve it with "
                    + "--input instead");
        }
        Path input = Path.of(report.input().source());
        if (!Files.isRegularFile(input)) {
            throw new InputException(reportFile.toString(), 0, null, RejectReason.BAD_FILE, "the run's input "
                    + input + " is not there any more (run from the folder the dashboard ran in)");
        }
        InputFormat inputFormat = InputFormat.valueOf(format.toUpperCase(Locale.ROOT));
        Cutoff cutoff = report.input().cutoff() == null ? Cutoffs.beforeFirstPurchase()
                : Cutoffs.parse(report.input().cutoff());
        LoadedInput loaded = FeatureInputs.load(InputSource.file(input, inputFormat), cutoff,
                ReadOptions.defaults().withLenient(report.input().lenient()), Progress.none());
        FeatureTable table = loaded.table();
        double[] p = null;
        Path predictions = dir.resolve("predictions.csv");
        if (report.metrics().skipped() == null && Files.isRegularFile(predictions)) {
            p = predictions(predictions, table);
        }
        PurchaseModel m = model;
        Path saved = dir.resolve("model.propensity");
        if (m == null && Files.isRegularFile(saved)) {
            m = PurchaseModels.load(saved);
        }
        EvaluationProtocol protocol = report.metrics().protocolCode() == null
                ? EvaluationProtocol.crossValidation(5, report.seed())
                : EvaluationProtocol.parse(report.metrics().protocolCode(), report.seed());
        List<Importance> importance = report.importance().permutation().isEmpty()
                ? report.importance().coefficients() : report.importance().permutation();
        Headline headline = new Headline("Purchase propensity: " + input.getFileName(), String.format(Locale.ROOT,
                "%s; %,d sessions, %,d purchases; cutoff %s; model %s (from %s)", input, table.rows(),
                table.positives(), cutoff.name(), report.metrics().model(), dir));
        return ServeData.of(table.facts(), p, headline, protocol, importance, m, report.notes());
    }

    /** Each table row's probability from predictions.csv (NaN for a row it does not list). */
    private static double[] predictions(Path file, FeatureTable table) throws IOException {
        Map<String, Integer> row = new HashMap<>(table.rows() * 2);
        for (int i = 0; i < table.rows(); i++) {
            row.put(table.id(i), i);
        }
        double[] p = new double[table.rows()];
        Arrays.fill(p, Double.NaN);
        String where = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.equals(PredictionsCsv.HEADER)) {
                throw new InputException(where, 1, null, RejectReason.BAD_FILE, "expected the header "
                        + PredictionsCsv.HEADER);
            }
            String line;
            long n = 1;
            List<String> fields = new ArrayList<>(4);
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                split(line, fields);
                if (fields.size() != 4) {
                    throw new InputException(where, n, null, RejectReason.BAD_FILE, "expected 4 fields, got "
                            + fields.size());
                }
                Integer i = row.get(fields.get(0));
                if (i == null) {
                    throw new InputException(where, n, null, RejectReason.BAD_FILE, "session '" + fields.get(0)
                            + "' is not in the run's input any more");
                }
                boolean label = fields.get(1).equals("1");
                if (label != table.label(i)) {
                    throw new InputException(where, n, null, RejectReason.BAD_FILE, "session '" + fields.get(0)
                            + "' has label " + fields.get(1) + " here but " + (table.label(i) ? 1 : 0)
                            + " in the input");
                }
                double x;
                try {
                    x = Double.parseDouble(fields.get(2));
                } catch (NumberFormatException e) {
                    throw new InputException(where, n, null, RejectReason.BAD_NUMBER, "probability '"
                            + fields.get(2) + "' is not a number");
                }
                if (!(x >= 0 && x <= 1)) {
                    throw new InputException(where, n, null, RejectReason.BAD_NUMBER, "probability " + x
                            + " is outside [0, 1]");
                }
                p[i] = x;
            }
        }
        return p;
    }

    /** Splits a CSV line as PredictionsCsv writes it (a quoted first field may hold commas and doubled quotes). */
    private static void split(String line, List<String> out) {
        out.clear();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
    }
}
