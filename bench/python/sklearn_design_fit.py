#!/usr/bin/python3
"""Peer for the logistic fit on the same design: scikit-learn's LogisticRegression (lbfgs) on the encoded, gated
matrix our trainer fits (written by RealFitMain's export: row-major float32 train_X.f32 / test_X.f32, train_y.u8 /
test_y.u8, shape.txt = "rows columns l2 test_rows"). C = 1 / (l2 * rows), the same objective as ours.
Prints the fit time, iterations, the objective in our scaling (mean log loss + l2/2 |w|^2) and the held-out AUC.
Usage: sklearn_design_fit.py DIR [TOL]"""
import sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

d = sys.argv[1]
tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-4
n, p, l2, nt = open(f"{d}/shape.txt").read().split()
n, p, l2, nt = int(n), int(p), float(l2), int(nt)
X = np.fromfile(f"{d}/train_X.f32", dtype="<f4").reshape(n, p)
y = np.fromfile(f"{d}/train_y.u8", dtype=np.uint8)
Xt = np.fromfile(f"{d}/test_X.f32", dtype="<f4").reshape(nt, p)
yt = np.fromfile(f"{d}/test_y.u8", dtype=np.uint8)
t0 = time.perf_counter()
m = LogisticRegression(C=1.0 / (l2 * n), tol=tol, max_iter=1000).fit(X, y)
fit = time.perf_counter() - t0
z = X.astype(np.float64) @ m.coef_[0] + m.intercept_[0]
obj = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * l2 * np.sum(m.coef_[0] ** 2)
auc = roc_auc_score(yt, m.predict_proba(Xt)[:, 1])
print(f"sklearn lbfgs on {n} x {p}: fit {fit:.2f}s, {int(m.n_iter_[0])} iterations, objective {obj:.12f}, "
      f"held-out AUC {auc:.4f} (tol {tol})")
