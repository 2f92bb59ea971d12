// Trains a model, saves it, loads it back, scores and explains one session. Run from the repository root:
//   jshell --class-path "$(./propensity --classpath)" --startup DEFAULT --startup examples/jshell/startup.jsh examples/jshell/model.jsh

//--- CELL ---
PropensityCommand.quietLibraries(false);
int failures = 0;
void check(boolean ok, String what) {
    if (!ok) {
        failures++;
        System.err.println("CHECK FAILED: " + what);
    }
}

//--- CELL ---
// Train on 2,000 simulated sessions; score 500 new ones (another seed).
FeatureTable train = FeatureTables.build(SyntheticSessions.generate(2_000, 11));
FeatureTable fresh = FeatureTables.build(SyntheticSessions.generate(500, 12));
PurchaseModel model = Trainers.logisticRegression().train(train);
System.out.println(model.card());

//--- CELL ---
// Save and load: one file holding the model, its fitted encoding, schema and model card.
Path file = Files.createTempFile("propensity-", ".model");
model.save(file);
PurchaseModel loaded = PurchaseModels.load(file);
double[] before = model.predict(fresh);
double[] after = loaded.predict(fresh);
check(Arrays.equals(before, after), "the loaded model predicts the same");
System.out.println("saved and loaded " + file + " (" + Files.size(file) + " bytes)");

//--- CELL ---
// How good is it on the new sessions?
ClassificationReport report = ClassificationMetrics.evaluate(fresh.labels(), after);
System.out.println(report);
check(report.rocAuc() > 0.7, "ROC AUC on new sessions above 0.7, was " + report.rocAuc());

//--- CELL ---
// Why does the model score the first session as it does?
Explanation why = ((LinearExplainable) loaded).explain(fresh, 0);
System.out.println(why);
check(Math.abs(why.probability() - after[0]) < 1e-9, "the explanation adds up to the prediction");

//--- CELL ---
// Tidy up: the model file was a temporary one.
Files.deleteIfExists(file);

//--- CELL ---
System.out.println(failures == 0 ? "model.jsh: all checks passed" : "model.jsh: " + failures + " checks failed");
/exit failures
