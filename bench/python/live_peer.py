#!/usr/bin/python3
"""Usage: live_peer.py SLICE.csv [MAX_EVENTS] [MAX_SECONDS]

The live-scoring peer of issue 14, done the usual Python way: a REES46-format slice is replayed in file order;
after every event, the session's events so far become a pandas DataFrame, its features are computed with pandas
(events, views, carts, removals, distinct products and categories, duration, price mean and max, cart value,
start hour), and scikit-learn's LogisticRegression.predict_proba scores it. The model is trained first, outside
the timing, on whole-session features of the same slice (events before the first purchase). The timed loop stops
after MAX_SECONDS (default 120) if the slice is not done by then, and says how many events it replayed. Prints the
figures and writes the events per second to SLICE.csv.peer."""
import sys, time
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

src = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 and int(sys.argv[2]) > 0 else None
budget = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
df = pd.read_csv(src, dtype={"category_code": str, "brand": str, "user_session": str})
if limit:
    df = df.head(limit)
df["event_time"] = pd.to_datetime(df["event_time"].str[:19])
COLS = ["events", "views", "carts", "removes", "products", "categories", "duration", "price_mean", "price_max",
        "cart_value", "hour"]


def features(s):
    t = s["event_type"]
    carts = s[t == "cart"]
    return [len(s), int((t == "view").sum()), len(carts), int((t == "remove_from_cart").sum()),
            s["product_id"].nunique(), s["category_id"].nunique(),
            (s["event_time"].max() - s["event_time"].min()).total_seconds(),
            float(s["price"].mean()), float(s["price"].max()), float(carts["price"].sum()),
            s["event_time"].iloc[0].hour]


# training: whole sessions, events before the first purchase
X, y = [], []
for sid, s in df.groupby("user_session", sort=False):
    bought = (s["event_type"] == "purchase").values
    first = int(np.argmax(bought)) if bought.any() else len(s)
    visible = s.iloc[:first] if first > 0 else s.iloc[:1]
    X.append(features(visible))
    y.append(bool(bought.any()))
X = np.nan_to_num(np.array(X, dtype=float))
model = LogisticRegression(max_iter=1000).fit(X, y) if len(set(y)) > 1 else None

# the timed part: one score per event
columns = list(df.columns)
rows = {}
done = set()
n = 0
t0 = time.perf_counter()
for row in df.itertuples(index=False):
    if n % 100 == 0 and time.perf_counter() - t0 > budget:
        break
    sid = row.user_session
    n += 1
    if sid in done:
        continue
    events = rows.setdefault(sid, [])
    if row.event_type == "purchase":
        done.add(sid)
        rows.pop(sid, None)
        continue
    events.append(row)
    s = pd.DataFrame(events, columns=columns)
    x = np.nan_to_num(np.array([features(s)], dtype=float))
    p = model.predict_proba(x)[0, 1] if model is not None else 0.0
seconds = time.perf_counter() - t0
rate = n / seconds
print(f"python peer: {n:,} of {len(df):,} events in {seconds:.2f} s = {rate:,.0f} events/s (pandas features + scikit-learn "
      f"predict_proba per event)")
open(src + ".peer", "w").write(f"{rate}\n")
