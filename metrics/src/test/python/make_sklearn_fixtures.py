#!/usr/bin/python3
"""Writes the scikit-learn fixtures that MetricsMatchSklearnTest checks our metrics against.

Run from the repository root with Debian's scikit-learn (1.2):
    /usr/bin/python3 metrics/src/test/python/make_sklearn_fixtures.py ../shared/data/uci/online_shoppers_intention.csv

For each case it writes <case>.csv (label,score; scores with 17 significant digits, so they read back exactly)
and <case>.expected.csv (name,value) into metrics/src/test/resources/sklearn/.
Cases:
  uci_cv10_logreg   pooled out-of-fold probabilities of a logistic regression (log1p + scaled numeric, one-hot
                    categoricals) under stratified 10-fold CV, seed 42, on the UCI Online Shoppers table
  uci_cv10_rounded  the same probabilities rounded to 2 decimals (many ties)
  random_ties_S     600 random rows, scores on a grid of 11 values (heavy ties), labels correlated; seeds S = 1..3
"""
import os, sys
import numpy as np, pandas as pd, sklearn
from sklearn.model_selection import StratifiedKFold
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler, OneHotEncoder, FunctionTransformer
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.metrics import (roc_auc_score, average_precision_score, log_loss, brier_score_loss, accuracy_score,
                             f1_score, matthews_corrcoef, precision_score, recall_score, precision_recall_curve,
                             roc_curve)
from sklearn.calibration import calibration_curve

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "sklearn")


def write(case, y, p, threshold=0.5):
    y = np.asarray(y).astype(int)
    p = np.asarray(p, dtype=float)
    with open(os.path.join(out, case + ".csv"), "w") as f:
        f.write("label,score\n")
        for a, b in zip(y, p):
            f.write("%d,%s\n" % (a, repr(float(b))))
    pred = (p >= threshold).astype(int)
    prec, rec, thr = precision_recall_curve(y, p)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1s = np.where(prec + rec > 0, 2 * prec * rec / (prec + rec), 0.0)
    fpr, tpr, _ = roc_curve(y, p)
    pt_u, pp_u = calibration_curve(y, p, n_bins=10, strategy="uniform")
    figs = {
        "sklearn_version": 0.0,
        "n": len(y), "positives": int(y.sum()), "threshold": threshold,
        "roc_auc": roc_auc_score(y, p),
        "average_precision": average_precision_score(y, p),
        "log_loss": log_loss(y, p),
        "brier": brier_score_loss(y, p),
        "accuracy": accuracy_score(y, pred),
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
        "mcc": matthews_corrcoef(y, pred),
        "max_f1": float(np.max(f1s[:-1])),
        "roc_points": len(fpr),
    }
    for i, (a, b) in enumerate(zip(fpr, tpr)):
        figs["roc_fpr_%d" % i] = a
        figs["roc_tpr_%d" % i] = b
    pt_q, pp_q = calibration_curve(y, p, n_bins=10, strategy="quantile")
    figs["calibration_quantile_bins"] = len(pt_q)
    for i, (a, b) in enumerate(zip(pp_q, pt_q)):
        figs["calibration_quantile_predicted_%d" % i] = a
        figs["calibration_quantile_observed_%d" % i] = b
    if len(prec) <= 500:
        # precision_recall_curve lists points by increasing threshold; ours by decreasing, so read it backwards
        figs["pr_points"] = len(prec)
        for i, (a, b) in enumerate(zip(rec[::-1], prec[::-1])):
            figs["pr_recall_%d" % i] = a
            figs["pr_precision_%d" % i] = b
    figs["calibration_bins"] = len(pt_u)
    for i, (a, b) in enumerate(zip(pp_u, pt_u)):
        figs["calibration_predicted_%d" % i] = a
        figs["calibration_observed_%d" % i] = b
    with open(os.path.join(out, case + ".expected.csv"), "w") as f:
        f.write("name,value\n")
        f.write("# scikit-learn %s, numpy %s\n" % (sklearn.__version__, np.__version__))
        for k, v in figs.items():
            if k != "sklearn_version":
                f.write("%s,%s\n" % (k, repr(float(v))))
    print(case, {k: v for k, v in figs.items() if not k.startswith(("roc_fpr", "roc_tpr", "calibration_"))})


def uci(path):
    df = pd.read_csv(path)
    y = df.pop("Revenue").astype(str).str.upper().eq("TRUE").astype(int).values
    df["Weekend"] = df["Weekend"].astype(str).str.upper().eq("TRUE").astype(int)
    num = ["Administrative", "Administrative_Duration", "Informational", "Informational_Duration", "ProductRelated",
           "ProductRelated_Duration", "BounceRates", "ExitRates", "PageValues", "SpecialDay", "Weekend"]
    cat = ["Month", "OperatingSystems", "Browser", "Region", "TrafficType", "VisitorType"]
    ct = ColumnTransformer([("n", make_pipeline(FunctionTransformer(np.log1p), StandardScaler()), num),
                            ("c", OneHotEncoder(handle_unknown="ignore", sparse_output=False), cat)])
    p = np.zeros(len(y))
    for tr, te in StratifiedKFold(n_splits=10, shuffle=True, random_state=42).split(df, y):
        m = make_pipeline(ct, LogisticRegression(max_iter=2000)).fit(df.iloc[tr], y[tr])
        p[te] = m.predict_proba(df.iloc[te])[:, 1]
    return y, p


if __name__ == "__main__":
    os.makedirs(out, exist_ok=True)
    y, p = uci(sys.argv[1])
    write("uci_cv10_logreg", y, p)
    write("uci_cv10_rounded", y, np.round(p, 2))
    for s in (1, 2, 3):
        rng = np.random.default_rng(s)
        yy = rng.random(600) < 0.2
        pp = np.clip(np.round(0.35 * yy + rng.random(600) * 0.65, 1), 0, 1)
        write("random_ties_%d" % s, yy, pp, threshold=0.5)
