"""Benchmark: standard training configurations, each run in a fresh process (python -m mnistlab benchmark).

A fresh process per run makes the peak RSS (resource.getrusage) belong to that configuration alone. Every
configuration runs `repeat` times; the table shows medians. Engines: "mnistlab" (ml.train), "bare" (the
same network as a bare NumPy loop without any bookkeeping: the floor ml.train is measured against),
"origin" (the seed tutorial's code) and "torch" (PyTorch CPU, optional, never a dependency of mnistlab).
With ``loads=(0, 1)`` everything runs once on the idle machine and once while `load` other processes keep
cores busy - the measurements behind the BLAS thread policy (see mnistlab.blas).
"""

import json
import os
import statistics
import subprocess
import sys
import time

# name -> what to run. lr + drop: step_decay(lr, drop, 0.1) (no drop: constant lr); batch None: full batch.
# optimizer, weight_decay, shift (ml.random_shift(shift) as augment=): as ml.train's arguments; n_train: use
# only the first n_train training images (the targets of the optimizers lesson are for 10,000).
CONFIGS = {
    "seed-origin": dict(dataset="mnist", engine="origin", hidden=[10], batch=None, lr=0.1, epochs=500,
                        note="the seed tutorial's code (ml.origin), 500 full-batch iterations"),
    "784-10-10": dict(dataset="mnist", engine="mnistlab", hidden=[10], batch=32, lr=0.2, drop=10,
                      epochs=20, target=(0.91, 5.0)),
    "784-128-64-10": dict(dataset="mnist", engine="mnistlab", hidden=[128, 64], batch=32, lr=0.4, drop=10,
                          epochs=15, target=(0.96, 15.0)),
    "fashion-784-128-64-10": dict(dataset="fashion", engine="mnistlab", hidden=[128, 64], batch=64, lr=0.1,
                                  drop=9, epochs=12, target=(0.885, 60.0)),
    "adam-10k-784-128-64-10": dict(dataset="mnist", engine="mnistlab", hidden=[128, 64], batch=64, lr=2e-3,
                                   drop=20, epochs=30, optimizer="adam", weight_decay=5e-4, shift=2,
                                   n_train=10_000, target=(0.975, 15.0),
                                   note="the first 10,000 training images only: Adam, step_decay(2e-3, 20, "
                                        "0.1), weight decay 5e-4, batch 64, random shifts of up to 2 px, "
                                        "30 epochs"),
    "fashion-adam-784-128-64-10": dict(dataset="fashion", engine="mnistlab", hidden=[128, 64], batch=64,
                                       lr=1e-3, drop=12, epochs=16, optimizer="adam", weight_decay=1e-4,
                                       target=(0.895, 60.0),
                                       note="Adam, step_decay(1e-3, 12, 0.1), weight decay 1e-4, batch 64, "
                                            "16 epochs"),
    "train-10-b32": dict(dataset="any", engine="mnistlab", hidden=[10], batch=32, lr=0.1, epochs=10,
                         note="ml.train, 784-10-10, batch 32, lr 0.1, 10 epochs (the whole call)"),
    "bare-10-b32": dict(dataset="any", engine="bare", hidden=[10], batch=32, lr=0.1, epochs=10,
                        note="the same as a bare NumPy loop: shuffle, forward, backward, update, no more"),
    "train-128-64-b64": dict(dataset="any", engine="mnistlab", hidden=[128, 64], batch=64, lr=0.1, epochs=5,
                             note="ml.train, 784-128-64-10, batch 64, lr 0.1, 5 epochs (the whole call)"),
    "bare-128-64-b64": dict(dataset="any", engine="bare", hidden=[128, 64], batch=64, lr=0.1, epochs=5,
                            note="the same as a bare NumPy loop"),
    "epoch": dict(dataset="any", engine="mnistlab", hidden=[128, 64], batch=64, lr=0.1, epochs=1,
                  note="784-128-64-10, one epoch at batch 64, lr 0.1, the BLAS as it is (train's default)"),
    "epoch-momentum": dict(dataset="any", engine="mnistlab", hidden=[128, 64], batch=64, lr=0.01, epochs=1,
                           optimizer="momentum", note="the same epoch with momentum 0.9 (lr 0.01)"),
    "epoch-adam": dict(dataset="any", engine="mnistlab", hidden=[128, 64], batch=64, lr=1e-3, epochs=1,
                       optimizer="adam", note="the same epoch with Adam (lr 1e-3)"),
    "epoch-blas-1": dict(dataset="any", engine="mnistlab", hidden=[128, 64], batch=64, lr=0.1, epochs=1,
                         blas_threads=1, note="the same with blas_threads=1"),
    "torch-epoch": dict(dataset="any", engine="torch", hidden=[128, 64], batch=64, lr=0.1, epochs=1,
                        note="the same in PyTorch CPU (nn.Linear/ReLU, CrossEntropyLoss, SGD), default "
                             "threads"),
    "torch-epoch-1-thread": dict(dataset="any", engine="torch", hidden=[128, 64], batch=64, lr=0.1,
                                 epochs=1, threads=1,
                                 note="the same in PyTorch with torch.set_num_threads(1)"),
    "torch-epoch-momentum": dict(dataset="any", engine="torch", hidden=[128, 64], batch=64, lr=0.01, epochs=1,
                                 optimizer="momentum", note="epoch-momentum in PyTorch (SGD, momentum 0.9)"),
    "torch-epoch-adam": dict(dataset="any", engine="torch", hidden=[128, 64], batch=64, lr=1e-3, epochs=1,
                             optimizer="adam", note="epoch-adam in PyTorch (torch.optim.Adam)"),
}
RSS_LIMIT_MB = 800
TORCH_RATIO = 0.5  # our epoch may take at most half of PyTorch's time (its faster setting)
BARE_RATIO = 1.2  # ml.train may take at most 1.2 times the bare NumPy loop
PAIRS = (("train-10-b32", "bare-10-b32"), ("train-128-64-b64", "bare-128-64-b64"))
OPTIMIZER_RATIO = 1.3  # an epoch with momentum or Adam may take at most 1.3 times a plain SGD epoch


def run_one(name, data, dataset, seed=0):
    """Run configuration `name` in this process; returns a dict of measurements."""
    import resource

    import mnistlab as ml

    config = CONFIGS[name]
    X, y = ml.load_mnist("train", dataset=dataset, path=data, verbose=False)
    if config.get("n_train"):
        X, y = X[:, :config["n_train"]], y[:config["n_train"]]
    X_test, y_test = ml.load_mnist("test", dataset=dataset, path=data, verbose=False)
    engine = {"origin": _origin_run, "torch": _torch_run, "bare": _bare_run, "mnistlab": _train_run}
    seconds, epoch_seconds, test = engine[config["engine"]](config, X, y, X_test, y_test, seed)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"name": name, "m": int(y.size), "seconds": seconds, "epoch_seconds": epoch_seconds,
            "samples_per_second": y.size / epoch_seconds, "test_accuracy": test, "peak_rss_mb": peak_mb}


def _train_run(config, X, y, X_test, y_test, seed):
    import numpy as np

    import mnistlab as ml

    rng = np.random.default_rng(seed)
    params = ml.init_params([784, *config["hidden"], 10], rng=rng)
    rate = (dict(schedule=ml.step_decay(config["lr"], config["drop"], 0.1)) if config.get("drop")
            else dict(learning_rate=config["lr"]))
    extras = dict(optimizer=config.get("optimizer", "sgd"), weight_decay=config.get("weight_decay", 0.0))
    if config.get("shift"):
        extras["augment"] = ml.random_shift(config["shift"])
    start = time.perf_counter()
    history = ml.train(params, X, y, n_epochs=config["epochs"], batch_size=config["batch"], rng=rng,
                       blas_threads=config.get("blas_threads"), **rate, **extras)
    seconds = time.perf_counter() - start
    return seconds, statistics.median(history.seconds[1:]), ml.accuracy(y_test, ml.predict(params, X_test))


def _bare_run(config, X, y, X_test, y_test, seed):
    """The same network and batches as ml.train, written as the shortest NumPy loop: the floor."""
    import numpy as np

    import mnistlab as ml

    rng = np.random.default_rng(seed)
    params = ml.init_params([784, *config["hidden"], 10], rng=rng)
    L, lr, batch = len(config["hidden"]) + 1, config["lr"], config["batch"]
    start = time.perf_counter()
    XT = np.ascontiguousarray(X.T)
    for _ in range(config["epochs"]):
        order = rng.permutation(y.size)
        for first in range(0, y.size, batch):
            idx = order[first:first + batch]
            A, Zs, As = XT[idx].T, [], []
            for l in range(1, L + 1):
                As.append(A)
                Z = params[f"W{l}"] @ A + params[f"b{l}"]
                Zs.append(Z)
                if l < L:
                    A = np.maximum(Z, 0)
            E = np.exp(Z - Z.max(axis=0))
            dZ = E / E.sum(axis=0)
            dZ[y[idx], np.arange(idx.size)] -= 1
            dZ /= idx.size
            for l in range(L, 0, -1):
                dW, db = dZ @ As[l - 1].T, dZ.sum(axis=1, keepdims=True)
                if l > 1:
                    dZ = (params[f"W{l}"].T @ dZ) * (Zs[l - 2] > 0)
                params[f"W{l}"] -= lr * dW
                params[f"b{l}"] -= lr * db
    seconds = time.perf_counter() - start
    return seconds, seconds / config["epochs"], ml.accuracy(y_test, ml.predict(params, X_test))


def _origin_run(config, X, y, X_test, y_test, seed):
    import numpy as np

    from mnistlab import origin

    X, X_test = X.astype(np.float64), X_test.astype(np.float64)  # the tutorial worked in float64
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    W1, b1, W2, b2 = origin.gradient_descent(X, y, config["lr"], config["epochs"], rng)
    seconds = time.perf_counter() - start
    A2 = origin.forward_prop(W1, b1, W2, b2, X_test)[3]
    return seconds, seconds / config["epochs"], float(origin.get_accuracy(origin.get_predictions(A2), y_test))


def _torch_run(config, X, y, X_test, y_test, seed):
    """The same network, loss, SGD and batch order scheme in PyTorch."""
    import torch

    if config.get("threads"):
        torch.set_num_threads(config["threads"])
    torch.manual_seed(seed)
    sizes = [784, *config["hidden"], 10]
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [torch.nn.Linear(n_in, n_out), torch.nn.ReLU()]
    net = torch.nn.Sequential(*layers[:-1])
    optimizer = {"sgd": lambda: torch.optim.SGD(net.parameters(), lr=config["lr"]),
                 "momentum": lambda: torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=0.9),
                 "adam": lambda: torch.optim.Adam(net.parameters(), lr=config["lr"])}[
        config.get("optimizer", "sgd")]()
    loss_fn = torch.nn.CrossEntropyLoss()
    images, labels = torch.from_numpy(X.T.copy()), torch.from_numpy(y)  # torch wants one row per image
    generator = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    for _ in range(config["epochs"]):
        perm = torch.randperm(len(labels), generator=generator)
        for first in range(0, len(labels), config["batch"]):
            idx = perm[first:first + config["batch"]]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(net(images[idx]), labels[idx]).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        test = (net(torch.from_numpy(X_test.T.copy())).argmax(dim=1).numpy() == y_test).mean()
    return seconds, seconds / config["epochs"], float(test)


def configurations(dataset, with_torch):
    """Names of the configurations that apply to `dataset` (torch ones only with_torch)."""
    return [name for name, c in CONFIGS.items()
            if c["dataset"] in (dataset, "any") and (with_torch or c["engine"] != "torch")]


def torch_available():
    import importlib.util

    return importlib.util.find_spec("torch") is not None


BUSY = "import time\nwhile True:\n    sum(i * i for i in range(10_000))"  # one core's worth of work


def run_all(data=None, dataset="mnist", with_torch=False, repeat=3, names=None, out=None, err=None,
            loads=(0,)):
    """Run each configuration `repeat` times in a subprocess, once per load (the number of busy processes
    running beside it); print and return the table rows (medians), each with its "load"."""
    out, err = out or sys.stdout, err or sys.stderr
    if with_torch and not torch_available():
        print("PyTorch is not installed: skipping the comparison (pip install torch==2.13.0 for the CPU "
              "build).", file=err)
        with_torch = False
    names = names or configurations(dataset, with_torch)
    print(_environment(with_torch), file=out)
    rows = []
    for load in loads:
        busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(load)]
        try:
            table = [_median_row(name, data, dataset, repeat, err) | {"load": load} for name in names]
        finally:
            for process in busy:
                process.kill()
                process.wait()
        print(f"\n{'Idle machine' if not load else f'Loaded: {load} other busy process(es)'}:", file=out)
        print(format_table(table, dataset), file=out)
        rows += table
    if len(loads) > 1:
        print("\n" + blas_policy_summary(rows), file=out)
    return rows


def _median_row(name, data, dataset, repeat, err):
    runs = []
    for i in range(repeat):
        print(f"  {name}: run {i + 1}/{repeat} ...", end="\r", file=err, flush=True)
        command = [sys.executable, "-m", "mnistlab.benchmark", name, "--dataset", dataset, "--seed", str(i)]
        if data is not None:
            command += ["--data", str(data)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"benchmark {name} failed:\n{result.stderr.strip()}")
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    print(" " * 60, end="\r", file=err)
    row = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k != "name"}
    return row | {"name": name, "runs": runs}


def format_table(rows, dataset):
    head = (f"{'configuration':<24}{'images':>7}{'train s':>9}{'epoch s':>9}{'samples/s':>11}{'test acc':>10}"
            f"{'peak RSS MB':>13}  target")
    lines = [head, "-" * len(head)]
    by_name = {row["name"]: row for row in rows}
    for row in rows:
        config = CONFIGS[row["name"]]
        verdict = ""
        if "target" in config:
            accuracy, seconds = config["target"]
            met = row["test_accuracy"] >= accuracy and row["seconds"] <= seconds
            verdict = f">= {accuracy:.1%} in <= {seconds:g} s: {'met' if met else 'NOT met'}"
        if row["m"] >= 60_000:
            verdict += f"{'; ' if verdict else ''}RSS <= {RSS_LIMIT_MB} MB: "
            verdict += "met" if row["peak_rss_mb"] <= RSS_LIMIT_MB else "NOT met"
        lines.append(f"{row['name']:<24}{row['m']:>7}{row['seconds']:>9.2f}{row['epoch_seconds']:>9.3f}"
                     f"{row['samples_per_second']:>11,.0f}{row['test_accuracy']:>10.2%}{row['peak_rss_mb']:>13.0f}"
                     f"  {verdict}")
    torch_rows = [by_name[name] for name in ("torch-epoch", "torch-epoch-1-thread") if name in by_name]
    if "epoch" in by_name and torch_rows:  # against PyTorch's faster setting in this run
        fastest = min(torch_rows, key=lambda row: row["epoch_seconds"])
        ours, theirs = by_name["epoch"]["epoch_seconds"], fastest["epoch_seconds"]
        lines.append(f"PyTorch comparison: epoch time mnistlab / PyTorch ({fastest['name']}, the faster) = "
                     f"{ours:.3f} s / {theirs:.3f} s = {ours / theirs:.2f} "
                     f"(target <= {TORCH_RATIO:.2f}): {'met' if ours <= theirs * TORCH_RATIO else 'NOT met'}")
    if "epoch" in by_name:
        for name in ("epoch-momentum", "epoch-adam"):
            if name in by_name:
                ratio = by_name[name]["epoch_seconds"] / by_name["epoch"]["epoch_seconds"]
                lines.append(f"Optimizer cost: {name} / epoch (plain SGD) = {ratio:.2f} (target <= "
                             f"{OPTIMIZER_RATIO:.1f}): {'met' if ratio <= OPTIMIZER_RATIO else 'NOT met'}")
    for ours, floor in PAIRS:
        if ours in by_name and floor in by_name:
            ratio = by_name[ours]["seconds"] / by_name[floor]["seconds"]
            per_epoch = by_name[ours]["epoch_seconds"] / by_name[floor]["epoch_seconds"]
            lines.append(f"ml.train / bare NumPy loop ({ours} / {floor}): {ratio:.2f} for the whole call "
                         f"(target <= {BARE_RATIO:.1f}): {'met' if ratio <= BARE_RATIO else 'NOT met'}; "
                         f"{per_epoch:.2f} per epoch")
    runs = len(rows[0]["runs"]) if rows and "runs" in rows[0] else 1
    lines.append(f"Medians over {runs} run(s), each a fresh process, run i with random seed i. "
                 "train s: the whole training call; epoch s: one epoch's steps.")
    lines += [f"  {_describe(row['name'])}" for row in rows]
    return "\n".join(lines)


def blas_policy_summary(rows):
    """One line per load: the epoch with the BLAS as it is against blas_threads=1."""
    lines = ["BLAS thread policy (784-128-64-10, one epoch at batch 64):"]
    for load in sorted({row["load"] for row in rows}):
        found = {row["name"]: row["epoch_seconds"] for row in rows if row["load"] == load}
        if "epoch" in found and "epoch-blas-1" in found:
            ratio = found["epoch-blas-1"] / found["epoch"]
            lines.append(f"  {load} busy process(es): BLAS as it is {found['epoch']:.3f} s, blas_threads=1 "
                         f"{found['epoch-blas-1']:.3f} s (ratio {ratio:.2f})")
    return "\n".join(lines)


def _describe(name):
    c = CONFIGS[name]
    if "note" in c:
        return f"{name} = {c['note']}"
    rate = f"step_decay({c['lr']}, {c['drop']}, 0.1)" if c.get("drop") else f"lr {c['lr']}"
    return f"{name} = batch {c['batch']}, {rate}, {c['epochs']} epochs"


def _environment(with_torch):
    import platform

    import numpy as np

    import mnistlab

    blas = "threadpoolctl not installed"
    try:
        from threadpoolctl import threadpool_info

        blas = ", ".join(f"{p['internal_api']} {p['version']} ({p.get('architecture')}), {p['num_threads']} "
                         "threads" for p in threadpool_info() if p.get("user_api") == "blas")
    except ImportError:
        pass
    torch = ""
    if with_torch:
        import torch as _torch

        torch = f", torch {_torch.__version__} ({_torch.get_num_threads()} threads)"
    names = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")
    env = " ".join(f"{k}={os.environ[k]}" for k in names if k in os.environ)
    return (f"mnistlab {mnistlab.__version__}, Python {platform.python_version()}, NumPy {np.__version__}"
            f"{torch}; {os.cpu_count()} CPUs; BLAS: {blas}" + (f"; {env}" if env else ""))


def main(argv=None):
    """Child process: python -m mnistlab.benchmark NAME [--data DIR] [--dataset D] -> a JSON line."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m mnistlab.benchmark")
    parser.add_argument("name", choices=sorted(CONFIGS))
    parser.add_argument("--data", default=None)
    parser.add_argument("--dataset", choices=["mnist", "fashion"], default="mnist")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(run_one(args.name, args.data, args.dataset, args.seed)))


if __name__ == "__main__":
    main()
