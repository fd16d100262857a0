"""The training loop: (mini-)batch gradient descent with a History for charts. Lesson: training.

`train` updates the parameter dict in place (it is the live model a widget shows) and returns a History.
Divergence rule: training stops as soon as the loss of a step is NaN or infinite, or exceeds the loss
before training by more than 10 ln(n_classes) (about 23 for digits: the network then gives the right class
a probability of about e^-23 on average, i.e. it is confidently wrong). The parameters are then restored to
the end of the last complete epoch, so they never hold NaN, and History.message says what to do.
"""

import contextlib
import math
import time
from dataclasses import asdict, dataclass, field

import numpy as np

from .functions import check_labels
from .network import _activation, _backward, _check_X, _forward, _predict_proba, layer_sizes


@dataclass
class History:
    """What happened during training, one list entry per epoch; entry 0 is before any training.

    loss, accuracy: on the training data. With full batches they are measured after each epoch's update;
    with mini-batches they are the mean over the epoch's batches, each measured just before its update (as
    Keras does: free, but a little behind the final weights). val_loss, val_accuracy: on (X_val, y_val)
    after each epoch, empty lists without validation data. learning_rate: the rate used in each epoch (entry
    0 repeats the first). seconds: time spent on each epoch's steps. samples: images processed per epoch.
    steps: per step, with record_steps=True: "step", "loss" and "grad_norm" {"W1": [...], ...} (the norm of
    dW1, ...). stopped: None (all epochs ran), "callback", "stop" or "diverged"; message: why, in words;
    diverged_loss: the loss that broke the divergence rule (may be inf or NaN; None without divergence).
    """

    epoch: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    learning_rate: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    samples: list = field(default_factory=list)
    steps: dict = field(default_factory=dict)
    stopped: str | None = None
    message: str = ""
    diverged_loss: float | None = None

    @property
    def diverged(self):
        return self.stopped == "diverged"

    @property
    def samples_per_second(self):
        """Training images processed per second of training steps (0.0 before any step)."""
        seconds = sum(self.seconds)
        return sum(self.samples) / seconds if seconds > 0 else 0.0

    def as_dict(self):
        """Plain dict of lists and numbers (JSON-serializable)."""
        return {**asdict(self), "diverged": self.diverged, "samples_per_second": self.samples_per_second}

    def concat(self, later):
        """A new History: this run followed by a `later` run that continued training the same network.

        The later run's entry 0 (its "before training", which is this run's end) is dropped and its epochs
        are renumbered to continue this run's; per-step records are joined. stopped, message and
        diverged_loss come from the later run. Neither History is changed.
        """
        offset = self.epoch[-1] if self.epoch else 0
        joined = History(epoch=self.epoch + [offset + e for e in later.epoch[1:]])
        for key in ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds", "samples"):
            setattr(joined, key, getattr(self, key) + getattr(later, key)[1:])
        if self.steps or later.steps:
            norms = {**self.steps.get("grad_norm", {}), **later.steps.get("grad_norm", {})}
            last = self.steps["step"][-1] if self.steps.get("step") else 0
            joined.steps = {
                "step": self.steps.get("step", []) + [last + s for s in later.steps.get("step", [])],
                "loss": self.steps.get("loss", []) + later.steps.get("loss", []),
                "grad_norm": {k: self.steps.get("grad_norm", {}).get(k, []) + later.steps.get("grad_norm", {})
                              .get(k, []) for k in norms}}
        joined.stopped, joined.message = later.stopped, later.message
        joined.diverged_loss = later.diverged_loss
        return joined


def step_decay(initial, drop_every, factor=0.1):
    """Schedule epoch -> learning rate: `initial`, multiplied by `factor` every `drop_every` epochs.

    step_decay(0.1, 10, 0.1) gives 0.1 in epochs 1-10, 0.01 in 11-20, 0.001 from 21 on.
    """
    if not (_positive(initial) and _positive(factor) and _whole(drop_every, 1)):
        raise ValueError(f"step_decay needs initial > 0, drop_every >= 1 (whole epochs) and factor > 0; got "
                         f"initial={initial!r}, drop_every={drop_every!r}, factor={factor!r}")
    return lambda epoch: initial * factor ** ((epoch - 1) // drop_every)


def train(params, X, y, *, learning_rate=None, n_epochs, batch_size=None, rng=None, X_val=None, y_val=None,
          activation="relu", schedule=None, callback=None, stop=None, on_step=None, record_steps=False,
          blas_threads="auto"):
    """Train `params` in place by gradient descent on X (784, m) and labels y (m,); returns a History.

    batch_size=None uses all m images in every step (full batch, as the seed tutorial); otherwise the data
    is shuffled with `rng` every epoch and cut into batches (the last one may be smaller). Give either a
    fixed learning_rate or a schedule (epoch -> rate, e.g. step_decay(0.1, 10)). callback(epoch, history)
    runs after epoch 0 (before training) and after every epoch; returning True stops training. stop is an
    object with is_set() (a threading.Event), checked before every step. on_step(step, history) runs after
    every step. blas_threads="auto" runs the matrix products single-threaded for mini-batches (faster for
    small products, and robust on shared machines such as Binder); an int sets the count; None leaves it.
    """
    g, g_prime = _activation(activation)
    sizes = layer_sizes(params)
    L, n_classes, dtype = len(sizes) - 1, sizes[-1], params["W1"].dtype
    X, y, X_val, y_val, rate = _check_args(sizes, X, y, X_val, y_val, learning_rate, schedule, n_epochs,
                                           batch_size, rng, callback, on_step, stop)
    history = History()
    if record_steps:
        history.steps = {"step": [], "loss": [], "grad_norm": {f"W{l}": [] for l in range(1, L + 1)}}
    m, full, tiny = y.size, batch_size is None, np.finfo(dtype).tiny

    def evaluate(Xe, ye):
        A = _predict_proba(params, Xe, g)
        return _loss(A, ye, tiny), float((A.argmax(axis=0) == ye).mean())

    def record(epoch, loss, accuracy, lr, seconds, samples):
        for key, value in (("epoch", epoch), ("loss", loss), ("accuracy", accuracy), ("learning_rate", lr),
                           ("seconds", seconds), ("samples", samples)):
            getattr(history, key).append(value)
        if X_val is not None:
            for key, value in zip(("val_loss", "val_accuracy"), evaluate(X_val, y_val), strict=True):
                getattr(history, key).append(value)
        return callback is not None and bool(callback(epoch, history))

    threads = (None if full else 1) if blas_threads == "auto" else blas_threads
    with _blas_limit(threads):
        if full:  # one step per epoch; its forward pass also measures the previous epoch
            Xs = X.astype(dtype, copy=False)
            A, cache = _forward(params, Xs, g)
            loss0, accuracy0 = _loss(A, y, tiny), float((A.argmax(axis=0) == y).mean())
        else:  # images as contiguous rows, so that taking a batch copies whole rows
            XT = np.ascontiguousarray(X.T, dtype=dtype)
            buffer = np.empty((min(batch_size, m), sizes[0]), dtype=dtype)
            loss0, accuracy0 = evaluate(XT.T, y)
        columns = np.arange(m if full else buffer.shape[0])
        limit = loss0 + 10 * math.log(n_classes)  # the divergence rule in the module docstring
        saved = {name: value.copy() for name, value in params.items()}  # the last good parameters
        requested, step = record(0, loss0, accuracy0, rate(1), 0.0, 0), 0
        for epoch in range(1, n_epochs + 1):
            if requested:
                history.stopped = "callback"
                history.message = f"stopped by the callback after epoch {epoch - 1}"
                break
            lr = rate(epoch)
            if not _positive(lr):
                raise ValueError(f"the schedule gave learning rate {lr!r} for epoch {epoch}: it must be > 0")
            perm = None if full else rng.permutation(m)
            start, total_loss, correct, seen, bad = time.perf_counter(), 0.0, 0, 0, None
            for first in range(0, m, batch_size or m):
                if stop is not None and stop.is_set():
                    history.stopped, history.message = "stop", f"stopped in epoch {epoch} after step {step}"
                    break
                if full:
                    yb = y  # A and cache come from the forward pass that measured the previous epoch
                else:
                    idx = perm[first:first + batch_size]
                    yb = y[idx]
                    Xb = np.take(XT, idx, axis=0, out=buffer[:idx.size], mode="clip").T  # (784, batch)
                    A, cache = _forward(params, Xb, g)
                    batch_loss = _loss(A, yb, tiny)
                    if not batch_loss <= limit:  # also true for NaN
                        bad = batch_loss
                        break
                    total_loss += batch_loss * yb.size
                    correct += int((A.argmax(axis=0) == yb).sum())
                    seen += yb.size
                A[yb, columns[:yb.size]] -= 1  # dZ_L = (A_L - Y) / m, in place: A_L is not needed any more
                A /= yb.size
                grads = _backward(params, cache, A, g_prime)
                for name in params:
                    params[name] -= lr * grads["d" + name]
                step += 1
                if full:  # measure the new parameters; the next epoch's step reuses this forward pass
                    A, cache = _forward(params, Xs, g)
                    batch_loss = _loss(A, y, tiny)
                    if not batch_loss <= limit:
                        bad = batch_loss
                        break
                    total_loss, correct, seen = batch_loss * m, int((A.argmax(axis=0) == y).sum()), m
                if record_steps:
                    history.steps["step"].append(step)
                    history.steps["loss"].append(batch_loss)
                    for l in range(1, L + 1):
                        history.steps["grad_norm"][f"W{l}"].append(float(np.linalg.norm(grads[f"dW{l}"])))
                if on_step is not None:
                    on_step(step, history)
            seconds = time.perf_counter() - start
            if bad is not None:
                for name in params:
                    params[name][...] = saved[name]
                history.stopped, history.diverged_loss = "diverged", bad
                history.message = _divergence_message(lr, loss0, bad, step, full, history.epoch[-1])
                break
            if seen:
                requested = record(epoch, total_loss / seen, correct / seen, lr, seconds, seen)
                for name in params:
                    saved[name][...] = params[name]
            if history.stopped:
                break
    if history.stopped is None:
        history.message = f"trained {n_epochs} epoch{'s' * (n_epochs != 1)}"
    return history


def _check_args(sizes, X, y, X_val, y_val, learning_rate, schedule, n_epochs, batch_size, rng, callback,
                on_step, stop):
    """Check train's arguments; return X, y, X_val, y_val as arrays and the schedule epoch -> rate."""
    X, y = _check_X(X, sizes[0]), check_labels(y, sizes[-1])
    if X.shape[1] != y.size or y.size == 0:
        raise ValueError(f"X has {X.shape[1]} columns (images) but y has {y.size} labels: pass one label per "
                         "column of X (and at least one image)")
    if learning_rate is not None and schedule is not None:
        raise ValueError("pass either learning_rate=... or schedule=..., not both "
                         "(a schedule such as step_decay(0.1, 10) already says the first rate)")
    if schedule is not None and not callable(schedule):
        raise ValueError(f"schedule must be a function epoch -> learning rate; got {schedule!r}")
    if schedule is None and not _positive(learning_rate):
        raise ValueError(f"learning_rate must be a positive number like 0.1; got {learning_rate!r}")
    if not _whole(n_epochs, 0):
        raise ValueError(f"n_epochs must be a whole number >= 0; got {n_epochs!r}")
    if batch_size is not None and not _whole(batch_size, 1):
        raise ValueError(f"batch_size must be a whole number >= 1, or None for full batches; got "
                         f"{batch_size!r}")
    if batch_size is not None and not isinstance(rng, np.random.Generator):
        raise ValueError(f"batch_size={batch_size} shuffles the data every epoch, which needs a random "
                         "generator: pass rng=np.random.default_rng(0)")
    if (X_val is None) != (y_val is None):
        raise ValueError("pass both X_val and y_val for validation, or neither")
    if X_val is not None:
        X_val, y_val = _check_X(X_val, sizes[0]), check_labels(y_val, sizes[-1])
        if X_val.shape[1] != y_val.size:
            raise ValueError(f"X_val has {X_val.shape[1]} columns but y_val has {y_val.size} labels")
    for name, f in (("callback", callback), ("on_step", on_step)):
        if f is not None and not callable(f):
            raise ValueError(f"{name} must be a function; got {type(f).__name__}")
    if stop is not None and not callable(getattr(stop, "is_set", None)):
        raise ValueError(f"stop must have an is_set() method (e.g. threading.Event()); got "
                         f"{type(stop).__name__}")
    rate = schedule if schedule is not None else (lambda epoch: float(learning_rate))
    return X, y, X_val, y_val, rate


def _loss(A, y, tiny):
    """Mean cross-entropy of probabilities A (n, m) for labels y (m,), without argument checks."""
    return float(-np.log(np.maximum(A[y, np.arange(y.size)], tiny)).mean())


def _divergence_message(lr, loss0, bad, steps, full, kept):
    grew = "became NaN or infinite" if not math.isfinite(bad) else f"grew from {loss0:.2f} to {bad:.3g}"
    when = f"in {steps} epoch{'s' * (steps != 1)}" if full else f"in {steps} step{'s' * (steps != 1)}"
    return (f"learning rate {lr:g} is too large: the loss {grew} {when}; try {lr / 10:g}. "
            f"The parameters were restored to the end of epoch {kept}.")


def _positive(x):
    number = isinstance(x, (int, float, np.floating, np.integer)) and not isinstance(x, bool)
    return number and 0 < x < math.inf


def _whole(n, lowest):
    return isinstance(n, (int, np.integer)) and not isinstance(n, bool) and n >= lowest


def _blas_limit(threads):
    """Context limiting BLAS threads (needs threadpoolctl; without it, or with threads=None, does nothing)."""
    if threads is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(threads, user_api="blas")
