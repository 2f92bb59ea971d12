"""Model search on the UCI Online Shoppers table, outside Java: pooled out-of-fold ROC AUC of stratified 10-fold
cross-validation for CV seeds 1, 2 and 3 (seed 42, the reported protocol, is left out on purpose so that choices
are not tuned on it). Prints one line per model or blend: the mean over the seeds, then each seed.

Run from the repository root with Debian's python3 (scikit-learn 1.2, xgboost 1.7):
    /usr/bin/python3 model/src/test/python/uci_model_search.py [--grid] [--more] [--confirm] [CSV]
CSV defaults to ../shared/data/uci/online_shoppers_intention.csv.
--grid also runs a histogram-GBM grid (7/15/31 leaves x learning rate 0.03/0.05/0.1 x early stopping on/off, about
20 more minutes): 0.9331-0.9359 on 2026-11-25, and blends of the logistic model, XGBoost and its best three settings
reached 0.9365-0.9366.
--more also tries what else is known to help on this table (about 6 more minutes). Output on 2026-11-25; the last
line's weights were fitted on these same seeds, so it is if anything optimistic:
    xgboost + engineered ratios and totals        mean=0.9352 0.9349 0.9350 0.9357
    xgboost, monotone PageValues/ExitRates        mean=0.9346 0.9339 0.9350 0.9350
    xgboost without OS/browser/region             mean=0.9353 0.9349 0.9356 0.9355
    xgboost, categoricals as ordinal codes        mean=0.9343 0.9337 0.9343 0.9349
    xgboost + in-fold target encoding             mean=0.9348 0.9347 0.9349 0.9348
    xgboost, separate PageValues>0/=0 models      mean=0.9354 0.9351 0.9351 0.9360
    xgboost, rounds by inner early stopping       mean=0.9350 0.9346 0.9352 0.9354
    xgboost, 5 seeds averaged                     mean=0.9352 0.9346 0.9355 0.9354
    xgboost, class weight 5.4                     mean=0.9348 0.9347 0.9348 0.9349
    xgboost + SMOTE (Heliyon 2023's recipe)       mean=0.9339 0.9334 0.9345 0.9338
    xgboost on a 10-attribute subset              mean=0.9356 0.9353 0.9358 0.9357
    MLP (32 units, 3 seeds averaged)              mean=0.9221 0.9207 0.9228 0.9228
    0.1 logistic + 0.4 xgb subset + 0.3 hist GBM + 0.2 segment xgb mean=0.9369 0.9367 0.9371 0.9371
--confirm measures the two best blends, as chosen above, once on seed 42, the reported protocol (about 1 minute):
    seed 42: 0.2 logistic + 0.4 xgboost + 0.4 hist GBM mean=0.9358 0.9358
    seed 42: 0.1 lg + 0.4 xgb subset + 0.3 hist GBM + 0.2 seg xgb mean=0.9362 0.9362
About 5 minutes on a 2-core machine without options. Output on 2026-11-25:
    gated logistic                                mean=0.9284 0.9276 0.9287 0.9290
    xgboost (Java defaults)                       mean=0.9351 0.9346 0.9353 0.9354
    histogram GBM (15 leaves, early stopping)     mean=0.9358 0.9359 0.9360 0.9355
    0.2 logistic + 0.8 xgboost                    mean=0.9360 0.9354 0.9361 0.9364
    0.2 logistic + 0.4 xgboost + 0.4 hist GBM     mean=0.9366 0.9362 0.9368 0.9368
"""
import sys

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

FLAGS = {"--grid", "--more", "--confirm"}
args = [a for a in sys.argv[1:] if a not in FLAGS]
GRID = "--grid" in sys.argv[1:]
MORE = "--more" in sys.argv[1:]
CONFIRM = "--confirm" in sys.argv[1:]
path = args[0] if args else "../shared/data/uci/online_shoppers_intention.csv"
df = pd.read_csv(path)
y = df.pop("Revenue").astype(str).str.upper().eq("TRUE").astype(int).values
df["Weekend"] = df["Weekend"].astype(str).str.upper().eq("TRUE").astype(int)
NUM = ["Administrative", "Administrative_Duration", "Informational", "Informational_Duration", "ProductRelated",
       "ProductRelated_Duration", "BounceRates", "ExitRates", "PageValues", "SpecialDay", "Weekend"]
CAT = ["Month", "OperatingSystems", "Browser", "Region", "TrafficType", "VisitorType"]
onehot = pd.get_dummies(df[CAT].astype(str)).values.astype(float)
X_trees = np.hstack([df[NUM].values.astype(float), onehot]).astype(np.float32)
X_linear = np.hstack([np.log1p(df[NUM].values.astype(float)), onehot])
GATE = NUM.index("PageValues")
SEEDS = [1, 2, 3]


class GatedLogistic:
    """The Java logistic model's idea: standardised inputs, and the same inputs again times [PageValues > 0]."""

    def fit(self, X, y):
        self.scaler = StandardScaler().fit(X)
        self.model = LogisticRegression(C=1.0, max_iter=5000).fit(self._design(X), y)
        return self

    def _design(self, X):
        z = self.scaler.transform(X)
        g = (X[:, [GATE]] > 0).astype(float)
        return np.hstack([z, z * g, g])

    def predict_proba(self, X):
        return self.model.predict_proba(self._design(X))


def xgboost_defaults(**changes):
    # the Java XGBoostConfig.defaults(), with optional changes
    params = dict(n_estimators=400, max_depth=4, learning_rate=0.03, subsample=0.8, colsample_bytree=0.6,
                  min_child_weight=2, tree_method="hist", n_jobs=2, random_state=42)
    params.update(changes)
    return xgb.XGBClassifier(**params)


def hist_gbm():
    return HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0,
                                          random_state=0)


def out_of_fold(make, X, seeds=SEEDS):
    return out_of_fold_with(lambda train, test: make().fit(X[train], y[train]).predict_proba(X[test])[:, 1], seeds)


def out_of_fold_with(fit_predict, seeds=SEEDS):
    """fit_predict(train rows, test rows) -> test probabilities; one pooled out-of-fold vector per CV seed."""
    runs = []
    for seed in seeds:
        p = np.zeros(len(y))
        for train, test in StratifiedKFold(10, shuffle=True, random_state=seed).split(X_trees, y):
            p[test] = fit_predict(train, test)
        runs.append(p)
    return runs


def report(name, runs):
    aucs = [roc_auc_score(y, p) for p in runs]
    print(f"{name:45s} mean={np.mean(aucs):.4f} " + " ".join(f"{a:.4f}" for a in aucs), flush=True)


def blend(weights, *models):
    return [sum(w * m[i] for w, m in zip(weights, models)) for i in range(len(models[0]))]


SUBSET = ["Administrative", "Administrative_Duration", "ProductRelated", "ProductRelated_Duration", "BounceRates",
          "ExitRates", "PageValues"]
X_subset = np.hstack([df[SUBSET].values.astype(float), pd.get_dummies(
    df[["Month", "VisitorType", "TrafficType"]].astype(str)).values.astype(float)]).astype(np.float32)
HAS_VALUE = X_trees[:, NUM.index("PageValues")] > 0


def segment_xgboost(train, test):
    """One XGBoost for sessions with PageValues > 0 and one for the rest."""
    out = np.zeros(len(test))
    for segment in [True, False]:
        fit_rows, score_rows = train[HAS_VALUE[train] == segment], test[HAS_VALUE[test] == segment]
        out[HAS_VALUE[test] == segment] = xgboost_defaults().fit(X_trees[fit_rows], y[fit_rows]).predict_proba(
            X_trees[score_rows])[:, 1]
    return out


lg = out_of_fold(GatedLogistic, X_linear)
report("gated logistic", lg)
xb = out_of_fold(xgboost_defaults, X_trees)
report("xgboost (Java defaults)", xb)
hg = out_of_fold(hist_gbm, X_trees)
report("histogram GBM (15 leaves, early stopping)", hg)
report("0.2 logistic + 0.8 xgboost", blend([0.2, 0.8], lg, xb))
report("0.2 logistic + 0.4 xgboost + 0.4 hist GBM", blend([0.2, 0.4, 0.4], lg, xb, hg))

if GRID:
    grid = {}
    for leaves in [7, 15, 31]:
        for rate in [0.03, 0.05, 0.1]:
            for stop in [True, False]:
                rounds = 300 if stop else {0.03: 400, 0.05: 250, 0.1: 120}[rate]
                name = f"hist GBM leaves={leaves} rate={rate} early stop={stop}"
                grid[name] = out_of_fold(lambda: HistGradientBoostingClassifier(
                    max_iter=rounds, learning_rate=rate, max_leaf_nodes=leaves, l2_regularization=1.0,
                    early_stopping=stop, random_state=0), X_trees)
                report(name, grid[name])
    best = sorted(grid, key=lambda k: -np.mean([roc_auc_score(y, p) for p in grid[k]]))[:3]
    for name in best:
        for weights in [(0.2, 0.4, 0.4), (0.2, 0.3, 0.5), (0.15, 0.35, 0.5), (0.25, 0.25, 0.5)]:
            report(f"blend {weights} with {name}", blend(list(weights), lg, xb, grid[name]))

if MORE:
    from sklearn.model_selection import KFold, train_test_split
    from sklearn.neighbors import NearestNeighbors
    from sklearn.neural_network import MLPClassifier

    d = df
    engineered = np.column_stack([
        d.Administrative + d.Informational + d.ProductRelated,
        d.Administrative_Duration + d.Informational_Duration + d.ProductRelated_Duration,
        d.ProductRelated_Duration / (d.ProductRelated + 1), d.PageValues / (d.ProductRelated + 1),
        d.PageValues * (1 - d.ExitRates), (d.PageValues > 0).astype(float), d.ExitRates - d.BounceRates,
    ]).astype(np.float32)
    report("xgboost + engineered ratios and totals",
           out_of_fold(xgboost_defaults, np.hstack([X_trees, engineered])))
    monotone = [0] * X_trees.shape[1]
    monotone[NUM.index("PageValues")], monotone[NUM.index("ExitRates")] = 1, -1
    report("xgboost, monotone PageValues/ExitRates", out_of_fold(
        lambda: xgboost_defaults(monotone_constraints="(" + ",".join(map(str, monotone)) + ")"), X_trees))
    fewer = pd.get_dummies(df[["Month", "TrafficType", "VisitorType"]].astype(str)).values.astype(float)
    report("xgboost without OS/browser/region",
           out_of_fold(xgboost_defaults, np.hstack([df[NUM].values.astype(float), fewer]).astype(np.float32)))
    codes = np.column_stack([pd.factorize(df[c])[0] for c in CAT]).astype(np.float32)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    codes[:, 0] = df.Month.map({m: i for i, m in enumerate(months)}).values
    report("xgboost, categoricals as ordinal codes",
           out_of_fold(xgboost_defaults, np.hstack([df[NUM].values.astype(np.float32), codes])))

    def target_encoded(train, test, smoothing=20):
        """Smoothed conversion rate per level; training rows get it from inner 5-fold so they never see their own label."""
        prior = y[train].mean()

        def rates(fit_rows, apply_rows, column):
            s = pd.DataFrame({"c": df[column].values[fit_rows], "y": y[fit_rows]}).groupby("c")["y"].agg(["sum", "count"])
            rate = ((s["sum"] + smoothing * prior) / (s["count"] + smoothing)).to_dict()
            return np.array([rate.get(v, prior) for v in df[column].values[apply_rows]])
        columns = ["Month", "OperatingSystems", "Browser", "Region", "TrafficType"]
        fit_part, score_part = np.zeros((len(train), len(columns))), np.zeros((len(test), len(columns)))
        for j, column in enumerate(columns):
            for inner_fit, inner_apply in KFold(5, shuffle=True, random_state=0).split(train):
                fit_part[inner_apply, j] = rates(train[inner_fit], train[inner_apply], column)
            score_part[:, j] = rates(train, test, column)
        return xgboost_defaults().fit(np.hstack([X_trees[train], fit_part]), y[train]).predict_proba(
            np.hstack([X_trees[test], score_part]))[:, 1]
    report("xgboost + in-fold target encoding", out_of_fold_with(target_encoded))
    sx = out_of_fold_with(segment_xgboost)
    report("xgboost, separate PageValues>0/=0 models", sx)

    def early_stopped(train, test):
        fit_rows, stop_rows = train_test_split(train, test_size=0.15, stratify=y[train], random_state=0)
        probe = xgboost_defaults(n_estimators=3000, eval_metric="logloss", early_stopping_rounds=100)
        probe.fit(X_trees[fit_rows], y[fit_rows], eval_set=[(X_trees[stop_rows], y[stop_rows])], verbose=False)
        return xgboost_defaults(n_estimators=int(probe.best_iteration * 1.1) + 1).fit(
            X_trees[train], y[train]).predict_proba(X_trees[test])[:, 1]
    report("xgboost, rounds by inner early stopping", out_of_fold_with(early_stopped))
    report("xgboost, 5 seeds averaged", out_of_fold_with(lambda train, test: np.mean([xgboost_defaults(
        random_state=s).fit(X_trees[train], y[train]).predict_proba(X_trees[test])[:, 1] for s in range(5)], axis=0)))
    report("xgboost, class weight 5.4", out_of_fold(lambda: xgboost_defaults(scale_pos_weight=5.4), X_trees))

    def smote(train, test):
        """SMOTE by hand (5 neighbours) up to balanced classes, then XGBoost."""
        X, labels = X_trees[train], y[train]
        positives, rng = X[labels == 1], np.random.default_rng(0)
        neighbours = NearestNeighbors(n_neighbors=6).fit(positives).kneighbors(positives, return_distance=False)[:, 1:]
        need = int((labels == 0).sum() - len(positives))
        a = rng.integers(0, len(positives), need)
        b = neighbours[a, rng.integers(0, 5, need)]
        synthetic = positives[a] + rng.random((need, 1)) * (positives[b] - positives[a])
        return xgboost_defaults().fit(np.vstack([X, synthetic]), np.concatenate([labels, np.ones(need, int)])) \
            .predict_proba(X_trees[test])[:, 1]
    report("xgboost + SMOTE (Heliyon 2023's recipe)", out_of_fold_with(smote))
    xs = out_of_fold(xgboost_defaults, X_subset)
    report("xgboost on a 10-attribute subset", xs)

    def mlp(train, test):
        scaler = StandardScaler().fit(X_linear[train])
        return np.mean([MLPClassifier(hidden_layer_sizes=(32,), alpha=1e-2, max_iter=300, early_stopping=True,
                                      random_state=s).fit(scaler.transform(X_linear[train]), y[train])
                        .predict_proba(scaler.transform(X_linear[test]))[:, 1] for s in range(3)], axis=0)
    report("MLP (32 units, 3 seeds averaged)", out_of_fold_with(mlp))
    report("0.1 logistic + 0.4 xgb subset + 0.3 hist GBM + 0.2 segment xgb", blend([0.1, 0.4, 0.3, 0.2], lg, xs, hg, sx))

if CONFIRM:
    once = [42]
    lg42 = out_of_fold(GatedLogistic, X_linear, once)
    hg42 = out_of_fold(hist_gbm, X_trees, once)
    report("seed 42: 0.2 logistic + 0.4 xgboost + 0.4 hist GBM",
           blend([0.2, 0.4, 0.4], lg42, out_of_fold(xgboost_defaults, X_trees, once), hg42))
    report("seed 42: 0.1 lg + 0.4 xgb subset + 0.3 hist GBM + 0.2 seg xgb",
           blend([0.1, 0.4, 0.3, 0.2], lg42, out_of_fold(xgboost_defaults, X_subset, once), hg42,
                 out_of_fold_with(segment_xgboost, once)))
