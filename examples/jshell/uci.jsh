// The UCI Online Shoppers table (../shared/data/uci): read it, evaluate a logistic regression by stratified 10-fold
// cross-validation, and see what drives purchase. Skips (and passes) when the data folder is absent.
// Run from the repository root:
//   jshell --class-path "$(./propensity --classpath)" --startup DEFAULT --startup examples/jshell/startup.jsh examples/jshell/uci.jsh

//--- CELL ---
PropensityCommand.quietLibraries(false);
int failures = 0;
void check(boolean ok, String what) {
    if (!ok) {
        failures++;
        System.err.println("CHECK FAILED: " + what);
    }
}
Optional<Path> file = SharedData.find(SharedData.UCI);
System.out.println(file.map(f -> "reading " + f).orElse("../shared/data is absent: nothing to do"));

//--- CELL ---
// One table session per row; its attributes become features (numbers as numbers, Month, VisitorType, ... as categories).
FeatureTable table = null;
if (file.isPresent()) {
    try (SessionReader in = Inputs.sessions(file.get(), InputFormat.UCI, ReadOptions.defaults())) {
        table = FeatureTables.build(in.readAll());
    }
    System.out.println(table);
    check(table.rows() == 12_330 && table.positives() == 1_908, "12,330 sessions, 1,908 purchases");
}

//--- CELL ---
// Stratified 10-fold cross-validation, seed 42, pooled out-of-fold predictions (as in DESIGN.md's peer figures).
Evaluation eval = null;
if (table != null) {
    eval = Evaluation.run(Trainers.logisticRegression(), table, EvaluationProtocol.crossValidation(10, 42));
    System.out.println(eval.result());
    check(eval.rocAuc() > 0.88, "ROC AUC above 0.88, was " + eval.rocAuc());
}

//--- CELL ---
// The largest standardised coefficients of the final model.
if (eval != null) {
    Map<String, Double> c = ((LinearExplainable) eval.model()).coefficients();
    c.entrySet().stream()
            .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
            .limit(8)
            .forEach(e -> System.out.printf("%-28s %+.3f%n", e.getKey(), e.getValue()));
    check(c.containsKey("PageValues") || c.keySet().stream().anyMatch(k -> k.startsWith("PageValues")),
            "PageValues is among the inputs");
}

//--- CELL ---
System.out.println(failures == 0 ? "uci.jsh: all checks passed" : "uci.jsh: " + failures + " checks failed");
/exit failures
