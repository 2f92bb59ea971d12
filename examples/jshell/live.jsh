// Live scoring: a model for sessions in progress, events scored one at a time, no skew against the batch path.
// Run from the repository root:
//   jshell --class-path "$(./propensity --classpath)" --startup DEFAULT --startup examples/jshell/startup.jsh examples/jshell/live.jsh

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
// A model trained on session prefixes (4 rows per session, each session weighing one)
List<Session> history = SyntheticSessions.generate(3_000, 11);
PurchaseModel model = Trainers.logisticRegression().train(PrefixRows.build(history.iterator(), null, 4, 11));
LiveScorer live = LiveScorer.builder(model).maxOpenSessions(10_000).idleTimeout(Duration.ofMinutes(30)).build();

//--- CELL ---
// One session, event by event: the probability, what the event changed, and the top drivers
Session s = SyntheticSessions.generate(1, 12).get(0);
List<LiveScore> scores = new ArrayList<>();
for (Event e : s.events()) scores.add(live.update(e, s.attributes()));
scores.stream().limit(5).forEach(System.out::println);

//--- CELL ---
// No skew: after event k the live probability is the batch score under the cutoff events:k
int k = Math.min(5, s.events().size());
double batch = model.predict(FeatureTables.builder().cutoff(Cutoffs.firstEvents(k)).build(List.of(s)))[0];
check(Math.abs(batch - scores.get(k - 1).probability()) < 1e-12, "live equals batch at events:" + k);
check(Math.abs(live.score(s.events(), s.attributes()).probability() - scores.get(scores.size() - 1).probability()) < 1e-12,
        "the stateless score equals the last update");
System.out.println(live.stats());

//--- CELL ---
System.out.println(failures == 0 ? "live.jsh: all checks passed" : "live.jsh: " + failures + " checks failed");
/exit failures
