"""Command line: ``python -m mnistlab {download,info,train,benchmark}``.

Each subcommand is a small function here; the work itself lives in the modules named by concept.
"""

import argparse
import sys
import time


def _download(args):
    """Download and verify the four files of a dataset; exit code 1 with the reason on failure."""
    from mnistlab.data import DATASETS, DataError, download

    print(f"Downloading {DATASETS[args.dataset]} (4 files, checked against their SHA-256 sums) ...")
    try:
        folder = download(args.dataset, path=args.dir)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{DATASETS[args.dataset]}: all 4 files verified in {folder}")
    if args.dir is not None:
        print(f"Load them with ml.load_mnist(path={str(folder)!r}) - or download without --dir to use the "
              "cache, where load_mnist() looks by itself.")
    return 0


def _info(args):
    """Versions, BLAS, the cache and which source load_mnist would use for each dataset and split."""
    import os
    import platform

    import numpy as np

    from mnistlab import __version__, data, fetch

    print(f"mnistlab {__version__}, Python {platform.python_version()}, NumPy {np.__version__}")
    print(f"BLAS: {_blas()}")
    try:
        folder = data.cache_dir()
    except data.DataError as err:
        print(f"cache: unusable - {err}")
    else:
        where = "from MNISTLAB_DATA" if os.environ.get("MNISTLAB_DATA") else "set MNISTLAB_DATA to move it"
        print(f"cache: {folder}  ({where})")
        for dataset in data.DATASETS:
            files = sorted(p for p in (folder / dataset).glob("*") if p.is_file())
            listing = ", ".join(f"{p.name} ({p.stat().st_size / 1e6:.1f} MB)" for p in files) or "empty"
            print(f"  {dataset + ':':9}{listing}")
    offline = data._offline_reason(None)
    if offline is None:  # ask all mirrors at once; the per-dataset answers below reuse the result
        fetch.reachable([url for urls in fetch.MIRRORS.values() for url in urls], data.PROBE_SECONDS)
    print(f"load_mnist() would use ({offline or 'MNISTLAB_OFFLINE not set'}):")
    for dataset in data.DATASETS:
        for split in data.SPLITS:
            source = data.data_source(split, dataset=dataset, probe=True)
            kind = {"cache": "cache", "download": "network -> download", "path": "path"}.get(source.kind)
            if source.kind == "sample":
                kind = "offline -> sample" if "offline" in source.reason else "sample (no download)"
            detail = (source.reason or source.location).removeprefix("offline: ")
            print(f"  {dataset:8}{split:7}{kind:20}{source.n_images:>7,} images  ({detail})")
    return 0


def _blas():
    """The BLAS NumPy uses: threadpoolctl's runtime view if it is installed, else NumPy's build config."""
    try:
        from threadpoolctl import threadpool_info

        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            return ", ".join(f"{p['internal_api']} {p['version']}, {p['num_threads']} threads" for p in pools)
    except ImportError:
        pass
    import numpy as np

    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas['name']} {blas.get('version', '')} (from NumPy's build configuration)"
    except (TypeError, KeyError):
        return "unknown (NumPy does not report it; `pip install threadpoolctl` shows it)"


def _train(args):
    """Train a network with progress on stderr; print the final test accuracy; optionally save it."""
    from pathlib import Path

    import numpy as np

    from mnistlab.data import DataError, load_mnist
    from mnistlab.evaluate import accuracy
    from mnistlab.model_file import save_model
    from mnistlab.network import INIT_FOR, init_params, predict
    from mnistlab.training import step_decay, train

    try:
        X, y = load_mnist("train", dataset=args.dataset, path=args.data, n=args.n)
        X_test, y_test = load_mnist("test", dataset=args.dataset, path=args.data)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.save and not Path(args.save).expanduser().resolve().parent.is_dir():
        print(f"error: --save {args.save}: its folder does not exist; create it first", file=sys.stderr)
        return 2  # checked before training, so that no trained model is lost
    rng = np.random.default_rng(args.seed)
    batch_size = args.batch_size or None  # 0 = full batch
    progress = _Progress(args.epochs, 1 if batch_size is None else -(-y.size // batch_size))
    try:
        params = init_params([784, *args.hidden, 10], rng=rng, init=INIT_FOR[args.activation])
        rate = (dict(schedule=step_decay(args.lr, args.drop_every, args.drop_factor)) if args.drop_every
                else dict(learning_rate=args.lr))
        extras = dict(optimizer=args.optimizer, weight_decay=args.weight_decay)
        if args.shift:
            from mnistlab.augment import random_shift

            extras["augment"] = random_shift(args.shift)
        print(f"training 784-{'-'.join(map(str, args.hidden + [10]))} on {y.size:,} images: {args.epochs} "
              f"epochs, batch {batch_size or 'full'}, {args.activation}, {args.optimizer}", file=sys.stderr)
        history = train(params, X, y, n_epochs=args.epochs, batch_size=batch_size, rng=rng, X_val=X_test,
                        y_val=y_test, activation=args.activation, callback=progress.epoch,
                        on_step=progress.step, **rate, **extras)
    except (TypeError, ValueError) as err:
        print(f"\nerror: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: nothing saved", file=sys.stderr)
        return 130
    if history.stopped:
        print(history.message, file=sys.stderr)
    test = accuracy(y_test, predict(params, X_test))  # params recorded the activation
    print(f"test accuracy: {test:.2%} ({y_test.size:,} images; {sum(history.seconds):.1f} s of training, "
          f"{history.samples_per_second:,.0f} images/s)")
    if args.save:
        meta = {"dataset": args.dataset, "epochs": history.epoch[-1], "learning_rate": args.lr,
                "optimizer": args.optimizer, "weight_decay": args.weight_decay, "shift": args.shift,
                "batch_size": batch_size, "test_accuracy": test, "seed": args.seed}
        print(f"saved to {save_model(Path(args.save).expanduser(), params, meta)}")
    return 1 if history.diverged else 0


class _Progress:
    """The training command's progress on stderr: a step counter redrawn in place at most 10 times a
    second, and one line per finished epoch."""

    def __init__(self, n_epochs, steps_per_epoch):
        from mnistlab.throttle import Throttle

        self.n_epochs, self.steps, self.throttle = n_epochs, steps_per_epoch, Throttle(0.1)

    def step(self, step, history):
        if self.throttle.due():
            started = time.perf_counter()
            print(f"\repoch {len(history.epoch)}/{self.n_epochs}  step {(step - 1) % self.steps + 1}/"
                  f"{self.steps}", end="", file=sys.stderr, flush=True)
            self.throttle.done(started)

    def epoch(self, epoch, history):
        if epoch > 0:
            print(f"\repoch {epoch}/{self.n_epochs}  loss {history.loss[-1]:.4f}  "
                  f"train {history.accuracy[-1]:.2%}  test {history.val_accuracy[-1]:.2%}  "
                  f"lr {history.learning_rate[-1]:g}  {history.seconds[-1]:.1f} s", file=sys.stderr,
                  flush=True)


def _benchmark(args):
    """Time the standard configurations (each in a fresh process) and print the table."""
    from mnistlab.benchmark import run_all

    try:
        run_all(args.data, args.dataset, with_torch=args.torch, repeat=args.repeat, names=args.config,
                loads=args.load)
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m mnistlab", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("download", help="download MNIST or Fashion-MNIST into the cache (verified)")
    p.add_argument("--dataset", choices=["mnist", "fashion"], default="mnist")
    p.add_argument("--dir", default=None,
                   help="folder for the four files (default: <cache>/<dataset>, where load_mnist looks)")
    p.set_defaults(func=_download)

    p = sub.add_parser("info", help="versions, where the data is, which source load_mnist would use")
    p.set_defaults(func=_info)

    p = sub.add_parser("train", help="train a network and report test accuracy")
    p.add_argument("--hidden", type=int, nargs="*", default=[128, 64], metavar="N",
                   help="hidden layer sizes (default: 128 64; none for softmax regression)")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--lr", type=float, default=0.1, help="learning rate (default 0.1)")
    p.add_argument("--drop-every", type=int, default=None, metavar="N",
                   help="multiply the learning rate by --drop-factor every N epochs (step decay)")
    p.add_argument("--drop-factor", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=64, help="images per step; 0 = full batch")
    p.add_argument("--activation", choices=["relu", "sigmoid"], default="relu")
    p.add_argument("--optimizer", choices=["sgd", "momentum", "adam"], default="sgd",
                   help="sgd (default), momentum (0.9) or adam; Adam wants a small --lr such as 0.002")
    p.add_argument("--weight-decay", type=float, default=0.0, metavar="LAMBDA",
                   help="L2 penalty on the weights, e.g. 5e-4 (default 0)")
    p.add_argument("--shift", type=int, default=0, metavar="PIXELS",
                   help="shift each training image at random by up to PIXELS (augmentation; default 0)")
    p.add_argument("--data", default=None, help="folder of IDX files (default: where load_mnist looks)")
    p.add_argument("--dataset", choices=["mnist", "fashion"], default="mnist")
    p.add_argument("--n", type=int, default=None, help="use only n training images")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--save", default=None, metavar="FILE.npz", help="save the trained model")
    p.set_defaults(func=_train)

    p = sub.add_parser("benchmark", help="time standard configurations")
    p.add_argument("--data", default=None, help="folder of IDX files (default: where load_mnist looks)")
    p.add_argument("--dataset", choices=["mnist", "fashion"], default="mnist")
    p.add_argument("--torch", action="store_true", help="also time PyTorch (CPU) on the same network")
    p.add_argument("--repeat", type=int, default=3, help="runs per configuration; medians are shown")
    p.add_argument("--config", nargs="*", default=None, metavar="NAME", help="run only these configurations")
    p.add_argument("--load", type=int, nargs="+", default=[0], metavar="N",
                   help="run everything beside N busy processes, for each N given (e.g. --load 0 1: idle, "
                        "then with one core busy - the BLAS thread policy's measurements)")
    p.set_defaults(func=_benchmark)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
