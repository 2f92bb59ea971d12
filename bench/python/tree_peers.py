#!/usr/bin/python3
"""Peers for the tree models on the same session table: scikit-learn's HistGradientBoostingClassifier and XGBoost
(hist, with the settings of our --model xgboost), each by stratified 5-fold cross-validation (seed 42) plus a final model on every row, as the dashboard does.
Input: the feature CSV that `propensity features --input EVENTS --out FILE.csv` writes (session_id, label, then
one column per feature; categorical features as text, missing values empty). Numeric features are used as they are
(trees need no scaling; missing stays NaN, which both handle); categorical features become integer codes.
Prints one line per model: CV + final wall seconds, process CPU seconds, peak RSS so far, pooled out-of-fold AUC.
Models: hgb (scikit-learn defaults, all cores), xgboost (binary:logistic, 2 threads: as a user would run it with
our settings) and xgboost-same (configured exactly as our --model xgboost trains: multi:softprob over the two
labels, i.e. two trees a round, one thread).
Usage: tree_peers.py FEATURES.csv [hgb,xgboost,xgboost-same]"""
import sys, time, resource
import numpy as np, pandas as pd
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score

src = sys.argv[1]
which = sys.argv[2].split(",") if len(sys.argv) > 2 else ["hgb", "xgboost"]
t0 = time.perf_counter()
df = pd.read_csv(src)
y = df["label"].astype(int).values
X = df.drop(columns=["session_id", "label"])
for c in X.columns:
    if X[c].dtype == object:
        X[c] = X[c].astype("category").cat.codes.replace(-1, np.nan)
X = X.astype(np.float32).values
print(f"read {src}: {X.shape[0]} rows x {X.shape[1]} features, {int(y.sum())} buyers, "
      f"{time.perf_counter() - t0:.1f}s", flush=True)


def make(name):
    if name == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier
        return HistGradientBoostingClassifier(random_state=42)
    if name == "xgboost":
        import xgboost
        # the settings of our --model xgboost (XGBoostConfig.defaults())
        return xgboost.XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.03, subsample=0.8,
                                     colsample_bytree=0.6, min_child_weight=2, reg_lambda=1.0, tree_method="hist",
                                     n_jobs=2, random_state=42)
    if name == "xgboost-same":
        import xgboost
        # what Tribuo's XGBoost trainer passes (and ours, since it trains natively with the same map)
        return xgboost.XGBClassifier(n_estimators=400, max_depth=4, learning_rate=0.03, subsample=0.8,
                                     colsample_bytree=0.6, min_child_weight=2, reg_lambda=1.0, reg_alpha=0.0,
                                     tree_method="hist", objective="multi:softprob", num_class=2, n_jobs=1,
                                     random_state=42)
    raise SystemExit(f"unknown model {name}")


for name in which:
    c0 = time.process_time()
    w0 = time.perf_counter()
    p = np.zeros(len(y))
    for tr, te in StratifiedKFold(n_splits=5, shuffle=True, random_state=42).split(X, y):
        p[te] = make(name).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
    make(name).fit(X, y)
    wall = time.perf_counter() - w0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name}: cv5+final {wall:.1f}s wall, {cpu:.1f}s CPU, peak RSS so far {rss:.0f} MB, "
          f"pooled AUC {roc_auc_score(y, p):.4f}", flush=True)
