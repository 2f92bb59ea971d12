// Builds the dashboard step by step: simulate sessions, compute features, evaluate a model, compute the metrics,
// draw the dashboard; then the same in one call through the pipeline module. Run from the repository root:
//   jshell --class-path "$(./propensity --classpath)" --startup DEFAULT --startup examples/jshell/startup.jsh examples/jshell/dashboard.jsh
// Each cell is separated by a CELL marker so the script can become notebook cells.

//--- CELL ---
// Tribuo logs every training at INFO; keep the output to what we print.
PropensityCommand.quietLibraries(false);
int failures = 0;
void check(boolean ok, String what) {
    if (!ok) {
        failures++;
        System.err.println("CHECK FAILED: " + what);
    }
}

//--- CELL ---
// 1. Sessions: 3,000 simulated browsing sessions (seeded: the same every run).
List<Session> sessions = SyntheticSessions.generate(3_000, 7);
System.out.println(sessions.size() + " sessions; the first: " + sessions.get(0));
check(sessions.size() == 3_000, "3,000 sessions simulated");

//--- CELL ---
// 2. Features: one row per session, computed only from the events before its first purchase.
FeatureTable table = FeatureTables.builder().cutoff(Cutoffs.beforeFirstPurchase()).build(sessions);
System.out.println(table);
check(table.rows() == 3_000 && table.positives() > 0, "a feature row per session, some buyers");

//--- CELL ---
// 3. Model: logistic regression, evaluated by stratified 5-fold cross-validation (out-of-fold probabilities).
EvaluationProtocol protocol = EvaluationProtocol.crossValidation(5, 7);
Evaluation eval = Evaluation.run(Trainers.logisticRegression(), table, protocol);
System.out.println(eval.result());
check(eval.rocAuc() > 0.75, "ROC AUC above 0.75, was " + eval.rocAuc());

//--- CELL ---
// 4. Metrics: KPIs, conversion by hour of day, the funnel, what drives purchase, insights.
Kpis kpis = Kpis.of(table.facts(), eval.result());
Breakdown byHour = Breakdowns.byHourOfDay(table.facts(), eval.probabilities());
Funnel funnel = Funnel.of(table.facts());
Map<String, Double> coefficients = ((LinearExplainable) eval.model()).coefficients();
String[] names = coefficients.keySet().toArray(new String[0]);
double[] values = coefficients.values().stream().mapToDouble(Double::doubleValue).toArray();
List<Importance> importance = Importance.fromCoefficients(names, values);
List<Insight> insights = Insights.generate(table.facts(), eval.result().report(), importance);
System.out.println(kpis);
System.out.println(byHour);
System.out.println(funnel);
insights.forEach(i -> System.out.println("- " + i.sentence()));
check(kpis.sessions() == 3_000, "KPIs count every session");
check(byHour.groups().size() > 12, "conversion by hour has most hours");
check(!insights.isEmpty(), "some insights");

//--- CELL ---
// 5. Dashboard: one PNG, one HTML page, and an SVG and PNG per chart.
Path out = Files.createTempDirectory("propensity-jshell-");
// (in JShell a line that could end a statement does end it: chained calls keep their dots at the line ends)
// The dashboard draws the figures it is given and computes none itself.
Dashboard dashboard = Dashboard.builder().
        title("Step by step: 3,000 simulated sessions").
        kpis(kpis).
        breakdowns(Breakdowns.all(table.facts(), eval.probabilities())).
        funnel(funnel).
        evaluation(eval.result()).
        predictions(table.labels(), eval.probabilities()).
        importance(importance).
        insights(insights).
        build();
dashboard.writeAll(out);
System.out.println("charts: " + dashboard.charts().keySet());
System.out.println("written to " + out);
check(Files.size(out.resolve("dashboard.png")) > 10_000, "dashboard.png written");
check(Files.exists(out.resolve("dashboard.html")), "dashboard.html written");

//--- CELL ---
// 6. The same in one call: the pipeline module reads (here: simulates), computes the features, evaluates, computes
// the figures and the report; its OutputWriter writes the dashboard, report.json, predictions.csv and the model.
DashboardResult result = DashboardPipeline.builder(InputSource.simulated(3_000, 7)).
        protocol(EvaluationProtocol.crossValidation(5, 7)).
        seed(7).
        build().
        run();
OutputWriter.Written written = OutputWriter.into(out.resolve("pipeline")).write(result);
Report report = ReportJson.read(written.reportJson());
System.out.println(report.kpis());
report.notes().forEach(n -> System.out.println("note: " + n));
check(report.equals(written.report()), "report.json reads back into the typed report");
check(report.input().sessions() == 3_000 && report.kpis().purchases() == kpis.purchases(),
        "the pipeline read the same sessions");
check(Math.abs(report.metrics().rocAuc() - eval.rocAuc()) < 1e-9,
        "the pipeline's ROC AUC is the step-by-step one: " + report.metrics().rocAuc() + " vs " + eval.rocAuc());
check(Files.size(written.modelFile()) > 0, "model.propensity written");

//--- CELL ---
// Tidy up: the outputs were written to a temporary folder (leave this cell out to keep them and open them).
try (var walk = Files.walk(out)) {
    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
}
check(!Files.exists(out), "the temporary folder is removed");

//--- CELL ---
System.out.println(failures == 0 ? "dashboard.jsh: all checks passed" : "dashboard.jsh: " + failures + " checks failed");
/exit failures
