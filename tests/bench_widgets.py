"""Benchmark of the interactive layer (issue 4 targets). Run: python3 tests/bench_widgets.py

Prints figures, asserts nothing: shapes redraw time, Train click -> first live point, the cost of the live
dashboard versus training without a panel, and memory over 200 Train/Reset cycles. Headless: the time to
send widget messages to a browser is not included (no kernel, no frontend).
"""

import gc
import resource
import statistics
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import mnistlab as ml  # noqa: E402
from mnistlab import widgets  # noqa: E402


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def observers(widget):
    notifiers = widget._trait_notifiers.values()
    return sum(len(callbacks) for by_type in notifiers for callbacks in by_type.values())


def bench_shapes():
    explorer = widgets.shapes_explorer(lang="en")
    rng = np.random.default_rng(0)
    times = {"forward": [], "with backward": []}
    for label, backward in (("forward", False), ("with backward", True)):
        explorer.controls["backward"].value = backward
        explorer.controls["n_layers"].value = 2
        for _ in range(40):
            start = time.perf_counter()
            explorer.controls["hidden1"].value = int(rng.integers(1, 513))  # the observer redraws at once
            times[label].append(time.perf_counter() - start)
    for label, values in times.items():
        print(f"shapes explorer redraw after a slider change ({label}): median "
              f"{1000 * statistics.median(values):.1f} ms, max {1000 * max(values):.1f} ms  "
              "(target < 100 ms)")


def bench_first_point(X, y, X_val, y_val):
    for preset in ("good_start", "seed_original", "deep_128_64"):
        panel = widgets.training_panel(X, y, X_val, y_val, lang="en", preset=preset)
        values = []
        for _ in range(5):
            panel.controls["train"].click()
            panel.started.wait()  # the first point is drawn right after the first step, before the next one
            panel.stop().wait()
            values.append(panel.first_point_seconds)
        print(f"Train click -> first live point ({preset}, m={X.shape[1]}): median "
              f"{statistics.median(values):.3f} s, max {max(values):.3f} s  (target < 0.5 s)")


def bench_overhead(X, y, X_val, y_val, repeats=5):
    """Two figures: the time spent in dashboard updates as a share of the run, and the wall time of a
    panel run against ml.train alone (interleaved runs, the fastest of each: other load only adds)."""
    for preset, n_epochs in (("good_start", 5), ("deep_128_64", 3), ("seed_original", 100)):
        panel = widgets.training_panel(X, y, X_val, y_val, lang="en", preset=preset)
        panel.controls["n_epochs"].value = n_epochs
        s = panel.settings
        bare, live, shares, rates = [], [], [], []
        for _ in range(repeats):
            params = ml.init_params(s.layer_sizes, rng=np.random.default_rng(s.seed), init=s.init)
            start = time.perf_counter()
            ml.train(params, X, y, learning_rate=s.learning_rate, n_epochs=n_epochs, batch_size=s.batch_size,
                     rng=np.random.default_rng(s.seed), X_val=X_val, y_val=y_val, activation=s.activation)
            bare.append(time.perf_counter() - start)
            count, seconds = panel.draw_count, panel.draw_seconds
            start = time.perf_counter()
            panel.train(wait=True)
            live.append(time.perf_counter() - start)
            shares.append((panel.draw_seconds - seconds) / live[-1])
            rates.append((panel.draw_count - count) / live[-1])
        b, w = min(bare), min(live)
        share = 100 * statistics.median(shares)
        print(f"live dashboard ({preset}, {n_epochs} epochs): updates take {share:.1f} % "
              f"of the run at {statistics.median(rates):.1f} updates/s; wall time without panel {b:.2f} s, "
              f"with panel {w:.2f} s ({100 * (w - b) / b:+.1f} %)  (target <= 10 %, <= ~10 updates/s)")


def bench_memory(X, y, X_val, y_val, cycles=200):
    panel = widgets.training_panel(X, y, X_val, y_val, lang="en")
    panel.watch_seconds = 0  # no pacing: 200 runs of one epoch each, not 200 x 4 s
    c = panel.controls
    c["n_epochs"].value = 1
    rng = np.random.default_rng(0)
    tracemalloc.start()
    rows = []
    for i in range(1, cycles + 1):
        c["n_layers"].value = int(rng.integers(1, 3))
        c["hidden1"].value, c["hidden2"].value = int(rng.integers(1, 129)), int(rng.integers(1, 65))
        c["learning_rate"].value = float(10 ** rng.uniform(-3, 0))
        c["batch_size"].value = int(rng.choice([0, 64, 256, 1024]))
        c["train"].click()
        panel.wait()
        c["reset"].click()
        if i in (1, 20, 50, 100, 150, 200):
            gc.collect()
            n_figures = sum(1 for o in gc.get_objects() if type(o).__name__ == "FigureWidget")
            rows.append((i, tracemalloc.get_traced_memory()[0] / 2**20, rss_mb(), len(panel.figure.data),
                         sum(observers(w) for w in c.values()), n_figures, threading.active_count()))
    tracemalloc.stop()
    print(f"{cycles} Train/Reset cycles with changing sliders (1 epoch each, m={X.shape[1]}):")
    print("  cycle  traced MB  RSS MB  traces  observers  FigureWidgets  threads")
    for row in rows:
        print("  {:5d}  {:9.2f}  {:6.1f}  {:6d}  {:9d}  {:13d}  {:7d}".format(*row))


def main():
    X, y = ml.load_mnist("train", offline=True, verbose=False)
    X_val, y_val = ml.load_mnist("test", offline=True, verbose=False)
    print(f"data: X {X.shape}, X_val {X_val.shape} (the bundled sample when offline); numpy {np.__version__}")
    start = time.perf_counter()
    widgets.training_panel(X, y, X_val, y_val, lang="en")
    print(f"first panel in this process (imports plotly's FigureWidget): {time.perf_counter() - start:.2f} s")
    bench_shapes()
    bench_first_point(X, y, X_val, y_val)
    bench_overhead(X, y, X_val, y_val)
    bench_memory(X, y, X_val, y_val)


if __name__ == "__main__":
    main()
