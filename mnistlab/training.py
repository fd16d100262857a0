"""The training loop: (mini-)batch gradient descent with a History for charts. Lesson: gradient descent.

`train` updates the parameter dict in place (it is the live model a widget shows) and returns a History.
The loop reads: for each epoch, for each batch: step (forward, backward, optimizer); guard; record.

Divergence rule: training stops as soon as the loss of a batch is NaN or infinite, or exceeds the loss
before training by more than 10 ln(n_classes) (about 23 for digits: starting near ln 10 = 2.3, the network
then gives the right class a probability of at most about e^-25 as a geometric mean: confidently wrong).
The parameters are then restored to the end of the last complete epoch, so they never hold NaN, and
History.message says what to do.

Beyond plain gradient descent: optimizer= "momentum" or "adam" (mnistlab.optimizers),
weight_decay= (an L2 penalty on the weights), early_stopping= (patience in epochs, on the validation loss)
and augment= (a function that changes every training batch, e.g. ml.random_shift(2)).
"""

import math
import time

import numpy as np

from .blas import blas_threads_limit
from .checks import check_count, check_labels, check_params, check_rng, check_X, is_positive, is_whole
from .history import History
from .i18n import check_lang, t
from .network import ACTIVATIONS, Params, _backward, _forward, _output_delta, _predict_proba, activation_of
from .optimizers import make_optimizer


def step_decay(initial, drop_every, factor=0.1):
    """Schedule epoch -> learning rate: `initial`, multiplied by `factor` every `drop_every` epochs.

    step_decay(0.1, 10, 0.1) gives 0.1 in epochs 1-10, 0.01 in 11-20, 0.001 from 21 on.
    """
    if not (is_positive(initial) and is_positive(factor) and is_whole(drop_every, 1)):
        raise ValueError(f"ml.step_decay needs initial > 0, drop_every >= 1 (whole epochs) and factor > 0; "
                         f"got initial={initial!r}, drop_every={drop_every!r}, factor={factor!r}")
    return lambda epoch: initial * factor ** ((epoch - 1) // drop_every)


def train(params, X, y, *, n_epochs, learning_rate=None, schedule=None, batch_size=None, rng=None,
          X_val=None, y_val=None, activation=None, callback=None, stop=None, on_step=None,
          record_steps=False, blas_threads=None, lang="en", optimizer="sgd", momentum=None, betas=None,
          eps=None, optimizer_state=None, weight_decay=0.0, early_stopping=None, augment=None):
    """Train `params` in place by gradient descent on X (784, m) and labels y (m,); returns a History.

    batch_size=None uses all m images in every step (full batch, as the seed tutorial); otherwise the data
    is shuffled with `rng` every epoch and cut into batches (the last one may be smaller). Give either a
    fixed learning_rate or a schedule (epoch -> rate, e.g. step_decay(0.1, 10)). activation: "relu" or
    "sigmoid" for the hidden layers (default: the one params recorded, else relu); a ``Params`` records it.
    callback(epoch, history) runs after epoch 0 (before training) and after every epoch; returning True
    stops training. stop is an object with is_set() (a threading.Event), checked before every step.
    on_step(step, history) runs after every step. blas_threads: None leaves NumPy's BLAS as it is; a
    number limits its threads for the duration of the call (process-wide: see mnistlab.blas). lang: the
    language of History.message, "en" or "de" (the lessons pass their LANG).

    optimizer: "sgd" (default), "momentum" (momentum=0.9) or "adam" (betas=(0.9, 0.999), eps=1e-8), in
    PyTorch's conventions (see mnistlab.optimizers); learning_rate or schedule sets alpha for each of them.
    History.optimizer_state holds the optimizer's state at the end; optimizer_state=that continues a run
    where it stopped (ml.save_model stores the parameters only: keep the state with np.savez if needed).
    weight_decay=lambda adds lambda/2 * ||W||^2 for every weight matrix (not the biases) to the loss, i.e.
    dW += lambda W before each step; History.loss stays the data loss (cross-entropy) and History.penalty
    holds the penalty after each epoch. early_stopping=patience (whole epochs, needs X_val/y_val): stop when
    the validation loss has not improved for that many epochs; the parameters of the best epoch
    (History.best_epoch) are restored, also when all n_epochs ran. augment: a function (X_batch, rng) ->
    X_batch of the same shape, applied to every training batch (needs rng), e.g. ml.random_shift(2).
    """
    check_lang(lang)
    run = _Run(params, X, y, X_val, y_val, n_epochs, learning_rate, schedule, batch_size, rng, activation,
               callback, stop, on_step, lang)
    run.extras(optimizer, dict(momentum=momentum, betas=betas, eps=eps), optimizer_state, weight_decay,
               early_stopping, augment, rng)
    if isinstance(params, Params):
        params.activation = run.activation  # the network remembers what it was trained with
    history = History()
    if record_steps:
        history.steps = {"step": [], "loss": [], "grad_norm": {f"W{l}": [] for l in range(1, run.L + 1)}}
    with blas_threads_limit(blas_threads):
        run.loop(history, record_steps)
    run.finish(history)
    return history


class _Run:
    """One call of `train`: its checked arguments, its batches, the optimizer and the divergence guard."""

    def __init__(self, params, X, y, X_val, y_val, n_epochs, learning_rate, schedule, batch_size, rng,
                 activation, callback, stop, on_step, lang):
        where = "ml.train"
        sizes = check_params(params, where=where)
        self.params, self.L, self.n_classes = params, len(sizes) - 1, sizes[-1]
        self.activation = activation_of(params, activation, where=where)
        self.g, self.g_prime = ACTIVATIONS[self.activation]
        X, y = check_X(X, sizes[0], where=where), check_labels(y, sizes[-1], where=where)
        check_count(X.shape[1], y, where=where)
        if y.size == 0:
            raise ValueError(f"{where}: there are no images to train on (X has 0 columns)")
        if (X_val is None) != (y_val is None):
            raise ValueError(f"{where}: pass both X_val and y_val for validation, or neither")
        if X_val is not None:
            X_val = check_X(X_val, sizes[0], where=where)
            y_val = check_labels(y_val, sizes[-1], name="y_val", where=where)
            check_count(X_val.shape[1], y_val, what="X_val has", where=where)
        self.validation = None if X_val is None else (X_val, y_val)
        self.rate = _schedule(learning_rate, schedule)
        if not is_whole(n_epochs, 0):
            raise ValueError(f"{where}: n_epochs must be a whole number >= 0; got {n_epochs!r}")
        self.n_epochs = n_epochs
        if batch_size is None:
            self.batches = _FullBatch(X, y, params["W1"].dtype)
        else:
            if not is_whole(batch_size, 1):
                raise ValueError(f"{where}: batch_size must be a whole number >= 1, or None for full "
                                 f"batches; got {batch_size!r}")
            check_rng(rng, why=f"batch_size={batch_size} shuffles the data every epoch, which", where=where)
            self.batches = _MiniBatches(X, y, batch_size, rng, params["W1"].dtype)
        for name, f in (("callback", callback), ("on_step", on_step)):
            if f is not None and not callable(f):
                raise TypeError(f"{where}: {name} must be a function; got {type(f).__name__}")
        if stop is not None and not callable(getattr(stop, "is_set", None)):
            raise TypeError(f"{where}: stop must have an is_set() method (e.g. threading.Event()); got "
                            f"{type(stop).__name__}")
        self.callback, self.stop, self.on_step, self.lang = callback, stop, on_step, lang

    def extras(self, optimizer, settings, optimizer_state, weight_decay, early_stopping, augment, rng):
        """Check and keep the choices beyond plain gradient descent (see train's docstring)."""
        where = "ml.train"
        self.optimizer = make_optimizer(optimizer, **settings, where=where)
        if optimizer_state is not None:
            try:
                self.optimizer.load_state(optimizer_state)
            except (TypeError, ValueError, AttributeError) as error:
                raise ValueError(f"{where}: optimizer_state does not fit optimizer={optimizer!r}: {error}") \
                    from None
        if not (is_positive(weight_decay) or weight_decay == 0) or isinstance(weight_decay, bool):
            raise ValueError(f"{where}: weight_decay must be a number >= 0, like 5e-4; got {weight_decay!r}")
        self.weight_decay = float(weight_decay)
        if early_stopping is not None:
            if not is_whole(early_stopping, 1):
                raise ValueError(f"{where}: early_stopping is a patience in whole epochs (>= 1), like 5; got "
                                 f"{early_stopping!r}")
            if self.validation is None:
                raise ValueError(f"{where}: early_stopping watches the validation loss: pass X_val and y_val "
                                 "(e.g. from ml.train_val_split)")
        self.patience, self.best = early_stopping, None
        if augment is not None:
            if not callable(augment):
                raise TypeError(f"{where}: augment must be a function (X_batch, rng) -> X_batch, like "
                                f"ml.random_shift(2); got {type(augment).__name__}")
            check_rng(rng, why="augment= changes every batch at random, which", where=where)
        self.augment, self.rng = augment, rng

    def loop(self, history, record_steps):
        """for each epoch, for each batch: step; guard; record."""
        loss0, accuracy0 = self.batches.measure_start(self)
        guard = _DivergenceGuard(self.params, loss0 + 10 * math.log(self.n_classes))
        if self._record(history, 0, loss0, accuracy0, self.rate(1), 0.0, 0):
            return self._stopped(history, "callback", t("train.callback", self.lang, epoch=0))
        step = 0
        for epoch in range(1, self.n_epochs + 1):
            learning_rate = self.rate(epoch)
            if not is_positive(learning_rate):
                raise ValueError(f"ml.train: the schedule gave learning rate {learning_rate!r} for epoch "
                                 f"{epoch}: it must be a number > 0")
            meter, start = _Meter(self.batches), time.perf_counter()
            for A, cache, yb in self.batches.epoch(self):
                if self.stop is not None and self.stop.is_set():
                    history.stopped = "stop"
                    history.message = t("train.stopped", self.lang, epoch=epoch, step=step)
                    break
                loss = meter.add(A, yb)
                if guard.broken(loss):
                    return guard.report(history, learning_rate, step, self.batches.full, self.lang)
                grads = self._step(A, cache, yb, learning_rate)
                step += 1
                if record_steps:
                    _record_step(history, step, loss, grads, self.L)
                if self.on_step is not None:
                    self.on_step(step, history)
            _flush_subnormal(self.params.values(), self.optimizer.arrays())
            loss, accuracy, seen = self.batches.measure_end(self, meter)
            if guard.broken(loss):
                return guard.report(history, learning_rate, step, self.batches.full, self.lang)
            if seen:
                guard.save()
                if self._record(history, epoch, loss, accuracy, learning_rate, time.perf_counter() - start,
                                seen):
                    return self._stopped(history, "callback", t("train.callback", self.lang, epoch=epoch))
                if self._patience_ran_out(history, epoch):
                    return history
            if history.stopped:
                return history
        done = "train.done_one" if self.n_epochs == 1 else "train.done"
        history.message = t(done, self.lang, n=self.n_epochs)
        return history

    def _step(self, A, cache, y, learning_rate):
        """One gradient step on a batch whose forward pass (A, cache) is done; returns the gradients."""
        dZ = _output_delta(A, y, self.batches.columns)  # (A_L - Y) / m, in place: A_L is not needed any more
        grads = _backward(self.params, cache, dZ, self.g_prime, self.L)
        if self.weight_decay:
            for l in range(1, self.L + 1):  # the gradient of lambda/2 ||W||^2; biases are not penalised
                grads[f"dW{l}"] += self.weight_decay * self.params[f"W{l}"]
        self.optimizer.step(self.params, grads, learning_rate)
        return grads

    def batch(self, X):
        """X, or the augmented X if train was given augment= (checked: same shape, a NumPy array)."""
        if self.augment is None:
            return X
        changed = self.augment(X, self.rng)
        if not isinstance(changed, np.ndarray) or changed.shape != X.shape:
            raise ValueError(f"ml.train: augment must return an array of the batch's shape {X.shape}; got "
                             f"{getattr(changed, 'shape', type(changed).__name__)}")
        return changed.astype(X.dtype, copy=False)

    def _patience_ran_out(self, history, epoch):
        """Early stopping: remember the best epoch's parameters; True (and restored) when patience is over."""
        if self.patience is None:
            return False
        loss = history.val_loss[-1]
        if self.best is None or loss < self.best[0]:
            saved = {name: value.copy() for name, value in self.params.items()}
            self.best = (loss, epoch, saved)
            return False
        if epoch - self.best[1] < self.patience:
            return False
        self._restore_best(history)
        history.stopped = "early_stopping"
        history.message = t("train.early_stopping", self.lang, epoch=epoch, best=self.best[1],
                            patience=self.patience, val_loss=self.best[0])
        return True

    def _restore_best(self, history):
        for name, value in self.params.items():
            value[...] = self.best[2][name]
        history.best_epoch = self.best[1]

    def finish(self, history):
        """After the loop: the optimizer's state; with early stopping, the best epoch's parameters."""
        history.optimizer, history.optimizer_state = self.optimizer.name, self.optimizer.state()
        history.weight_decay = self.weight_decay
        if self.patience is not None and self.best is not None and history.best_epoch is None \
                and not history.diverged:
            self._restore_best(history)
            if history.best_epoch != history.epoch[-1]:
                history.message += " " + t("train.best_restored", self.lang, best=history.best_epoch,
                                           val_loss=self.best[0])

    def evaluate(self, X, y):
        """(loss, accuracy) of the current parameters on X, y."""
        A = _predict_proba(self.params, X, self.g, self.L)
        return _loss(A, y), float((A.argmax(axis=0) == y).mean())

    def forward(self, X):
        return _forward(self.params, X, self.g, self.L)

    def _record(self, history, epoch, loss, accuracy, learning_rate, seconds, samples):
        """Append an epoch to the history; True if the callback asks to stop."""
        validation = None if self.validation is None else self.evaluate(*self.validation)
        history._record(epoch, loss, accuracy, learning_rate, seconds, samples, validation)
        if self.weight_decay:
            history.penalty.append(self.weight_decay / 2 * sum(
                float(np.vdot(self.params[f"W{l}"], self.params[f"W{l}"])) for l in range(1, self.L + 1)))
        return self.callback is not None and bool(self.callback(epoch, history))

    @staticmethod
    def _stopped(history, reason, message):
        history.stopped, history.message = reason, message
        return history


class _MiniBatches:
    """Batches of `batch_size` images in a new random order every epoch (the last one may be smaller)."""

    full = False

    def __init__(self, X, y, batch_size, rng, dtype):
        self.XT = np.ascontiguousarray(X.T, dtype=dtype)  # images as rows: taking a batch copies whole rows
        self.y, self.batch_size, self.rng = y, min(batch_size, y.size), rng
        self.buffer = np.empty((self.batch_size, X.shape[0]), dtype=dtype)
        self.columns = np.arange(self.batch_size)
        self.labels = y  # the labels in the order of the current epoch

    def measure_start(self, run):
        return run.evaluate(self.XT.T, self.y)

    def epoch(self, run):
        """(A, cache, y) of each batch, its forward pass done."""
        order = self.rng.permutation(self.y.size)
        self.labels = self.y[order]
        for first in range(0, self.y.size, self.batch_size):
            idx = order[first:first + self.batch_size]
            Xb = np.take(self.XT, idx, axis=0, out=self.buffer[:idx.size], mode="clip").T  # (784, batch)
            yield (*run.forward(run.batch(Xb)), self.labels[first:first + self.batch_size])

    @staticmethod
    def measure_end(run, meter):
        """The epoch's loss and accuracy: the mean over its batches, each measured before its update."""
        return meter.mean()


class _FullBatch:
    """All images in every step: one step per epoch. The forward pass that measures an epoch's result is
    also the next epoch's step, so each epoch costs one forward and one backward pass."""

    full = True

    def __init__(self, X, y, dtype):
        self.X, self.y, self.labels, self.pending = X.astype(dtype, copy=False), y, y, None
        self.columns = np.arange(y.size)

    def _measure(self, run):
        A, cache = run.forward(self.X)
        self.pending = A, cache
        return _loss(A, self.y), float((A.argmax(axis=0) == self.y).mean())

    def measure_start(self, run):
        return self._measure(run)

    def epoch(self, run):
        A, cache = self.pending if run.augment is None else run.forward(run.batch(self.X))
        self.pending = None
        yield A, cache, self.y

    def measure_end(self, run, meter):
        """The loss and accuracy after the epoch's update (0 images if the step was stopped)."""
        if not meter.seen:
            return 0.0, 0.0, 0
        return (*self._measure(run), self.y.size)


class _Meter:
    """An epoch's loss and accuracy over its batches, each measured before the batch's update; kept in
    arrays so that a step costs a few NumPy calls, not a Python loop."""

    def __init__(self, batches):
        self.batches, self.total_loss, self.seen = batches, 0.0, 0
        self.predicted = np.empty(batches.y.size, dtype=np.int64)

    def add(self, A, y):
        """Record the batch's predictions; return its mean loss."""
        loss = _loss(A, y, self.batches.columns)
        np.argmax(A, axis=0, out=self.predicted[self.seen:self.seen + y.size])
        self.total_loss += loss * y.size
        self.seen += y.size
        return loss

    def mean(self):
        if not self.seen:
            return 0.0, 0.0, 0
        correct = np.count_nonzero(self.predicted[:self.seen] == self.batches.labels[:self.seen])
        return self.total_loss / self.seen, correct / self.seen, self.seen


class _DivergenceGuard:
    """Keeps a copy of the parameters at the end of the last good epoch; restores them when a loss breaks
    the divergence rule (see the module docstring)."""

    def __init__(self, params, limit):
        self.params, self.limit = params, limit
        self.saved = {name: value.copy() for name, value in params.items()}
        self.bad = None

    def broken(self, loss):
        if loss <= self.limit:  # False for NaN too
            return False
        self.bad = loss
        return True

    def save(self):
        for name, value in self.params.items():
            self.saved[name][...] = value

    def report(self, history, learning_rate, steps, full, lang):
        for name, value in self.params.items():
            value[...] = self.saved[name]
        history.stopped, history.diverged_loss = "diverged", self.bad
        history.message = _divergence_message(learning_rate, history.loss[0], self.bad, steps, full,
                                              history.epoch[-1], lang)
        return history


def _flush_subnormal(*groups):
    """Set numbers too small to be normal floats (below 1.2e-38 in float32) to 0, in place, after each epoch.

    Weight decay and Adam drive the weights of dead neurons towards 0, and once they become subnormal every
    matrix product with them slows down many times over (measured: Adam epochs on Fashion-MNIST grew from
    0.6 s to 2.2 s in 16 epochs). A CPU's flush-to-zero mode (PyTorch's set_flush_denormal) does the same.
    """
    for group in groups:
        for array in group:
            if isinstance(array, np.ndarray) and array.dtype.kind == "f" and array.ndim:
                small = np.abs(array) < np.finfo(array.dtype).tiny
                small &= array != 0
                if small.any():
                    array[small] = 0


def _record_step(history, step, loss, grads, L):
    history.steps["step"].append(step)
    history.steps["loss"].append(loss)
    for l in range(1, L + 1):
        history.steps["grad_norm"][f"W{l}"].append(float(np.linalg.norm(grads[f"dW{l}"])))


def _schedule(learning_rate, schedule):
    """The function epoch -> learning rate from train's learning_rate= or schedule= argument."""
    if learning_rate is not None and schedule is not None:
        raise ValueError("ml.train: pass either learning_rate=... or schedule=..., not both (a schedule such "
                         "as step_decay(0.1, 10) already says the first rate)")
    if schedule is not None:
        if not callable(schedule):
            raise TypeError(f"ml.train: schedule must be a function epoch -> learning rate; got {schedule!r}")
        return schedule
    if not is_positive(learning_rate):
        raise ValueError(f"ml.train: learning_rate must be a positive number like 0.1; got {learning_rate!r}")
    rate = float(learning_rate)
    return lambda epoch: rate


def _loss(A, y, columns=None):
    """Mean cross-entropy of probabilities A (n, m) for labels y (m,), without argument checks; columns:
    np.arange(m) if the caller keeps one. Probabilities are clipped at the smallest normal number, as in
    ml.cross_entropy, so log(0) cannot give -inf."""
    picked = A[y, np.arange(y.size) if columns is None else columns[:y.size]]  # the right class's probability
    np.maximum(picked, np.finfo(A.dtype).tiny, out=picked)
    return -float(np.log(picked, out=picked).sum()) / y.size


def _divergence_message(lr, loss0, bad, steps, full, kept, lang):
    grew = t("train.grew_nan", lang) if not math.isfinite(bad) else \
        t("train.grew", lang, before=loss0, after=bad)
    if full:
        when = t("train.in_epoch" if steps == 1 else "train.in_epochs", lang, n=steps)
    else:
        when = t("train.in_step" if steps == 1 else "train.in_steps", lang, n=steps)
    return t("train.diverged", lang, learning_rate=lr, grew=grew, when=when, smaller=lr / 10, kept=kept)
