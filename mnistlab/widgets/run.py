"""One training run of the panel in a worker thread, and what it hands back to the kernel thread.

A ``Run`` is created for each press of Train or "+1 epoch" with the frozen ``Settings`` it trains with, so
that moving a control during the run changes nothing the run uses or reports. What other threads read of
a run is either a counter (steps, images) or a ``Snapshot``: copies of the network's arrays taken by the
worker itself at a safe point - the end of an epoch or of the run - never the arrays it is changing.
"""

import math
import threading
import time
from dataclasses import dataclass

import numpy as np

from mnistlab import training
from mnistlab.augment import random_shift
from mnistlab.network import layer_sizes, predict_proba
from mnistlab.throttle import Throttle

DRAW_SHARE = 0.05  # the live charts take at most this share of a run's time ...
PACED_DRAW_SHARE = 0.25  # ... or this much while a paced run is ahead of its schedule (it waits anyway)


@dataclass(frozen=True)
class Snapshot:
    """A trained network frozen at a safe point: read-only copies of its arrays, the activation it was
    trained with and its layer sizes. Any thread may use it; nothing changes it."""

    params: dict
    activation: str
    layer_sizes: tuple
    epoch: int  # epochs trained since the network was created

    @classmethod
    def take(cls, params, activation, epoch=0):
        copies = {}
        for name, value in params.items():
            copies[name] = np.array(value, copy=True)
            copies[name].setflags(write=False)
        return cls(copies, activation, tuple(layer_sizes(copies)), epoch)

    def predict_proba(self, X):
        """Probabilities (10, m) for X (784, m), with the activation the network was trained with."""
        return predict_proba(self.params, X, activation=self.activation)


class Run:
    """A training run of `params` (changed in place) on `data` = (X, y, X_val, y_val) in a worker thread.

    `view` is told what happens, always from the worker: ``view.progress(run, history)`` when an update is
    due (history: `prior` followed by this run so far), ``view.finish(run)`` once at the end, whatever
    happened. State for other threads: ``settings``, ``number``, ``steps_done``, ``images_done``,
    ``steps_at_stop``, ``snapshot`` (the network at the end of the last complete epoch), and after the end
    ``history`` (prior + this run), ``live`` (this run's History) and ``error`` (an exception, or None).

    watch_seconds: pacing for a learner who watches the curves grow. A run that would end sooner lasts about
    this long: after each epoch the worker waits until its share of the time has passed (Stop ends the
    wait at once). 0: as fast as possible.
    """

    def __init__(self, settings, params, data, *, rng, n_epochs, number, prior, view, clicked,
                 watch_seconds=0.0, optimizer_state=None):
        self.settings, self.params, self.data, self.rng = settings, params, data, rng
        self.n_epochs, self.number, self.prior, self.view = n_epochs, number, prior, view
        self.clicked = clicked  # time.perf_counter() of the click that asked for this run
        self.epoch0 = prior.epoch[-1] if prior is not None else 0
        self.snapshot = Snapshot.take(params, settings.activation, self.epoch0)
        m = data[0].shape[1]
        self.batch = settings.images_per_step(m)
        self.steps_per_epoch = math.ceil(m / self.batch)
        self.history, self.live, self.error = prior, None, None
        self.steps_done, self.images_done, self.steps_at_stop = 0, 0, None
        self.started_at, self.ended_at, self.first_point_seconds = None, None, None
        self.started = threading.Event()  # set after the first step
        self.watch_seconds = watch_seconds
        self.optimizer_state = optimizer_state  # momentum's velocity, Adam's moments: "+1 epoch" continues
        self.throttle = Throttle(interval=0.1, max_share=DRAW_SHARE)  # <= 10 redraws/s
        self._stop, self._lock = threading.Event(), threading.Lock()
        self._thread = threading.Thread(target=self._work, name=f"mnistlab-run-{number}", daemon=True)

    def start(self):
        self.started_at = time.perf_counter()
        self._thread.start()
        return self

    @property
    def running(self):
        return self._thread.is_alive()

    def stop(self):
        """Ask the run to stop before its next step."""
        with self._lock:
            if self.running and not self._stop.is_set():
                self._stop.set()
                self.steps_at_stop = self.steps_done

    def wait(self, timeout=None):
        """Wait until the run has ended (and the view was told); True if it has."""
        if self._thread.ident is not None:
            self._thread.join(timeout)
        return not self.running

    def images_per_second(self):
        """Images trained on per second of this run so far (its own batch size, not the controls')."""
        seconds = (self.ended_at or time.perf_counter()) - self.started_at
        return self.images_done / seconds if seconds > 0 else 0.0

    def merged(self, live):
        return live if self.prior is None else self.prior.concat(live)

    def _work(self):
        s, (X, y, X_val, y_val) = self.settings, self.data
        try:
            augment = random_shift(s.shift) if s.shift else None
            self.live = training.train(
                self.params, X, y, learning_rate=s.learning_rate, n_epochs=self.n_epochs,
                batch_size=s.batch_size, rng=self.rng, X_val=X_val, y_val=y_val, activation=s.activation,
                stop=self._stop, on_step=self._on_step, callback=self._on_epoch, record_steps=True,
                optimizer=s.optimizer, weight_decay=s.weight_decay, augment=augment,
                optimizer_state=self.optimizer_state)
            self.history = self.merged(self.live)
            self.snapshot = Snapshot.take(self.params, s.activation, self.history.epoch[-1])
        except Exception as error:  # handed to the view: shown in the panel, kept on .error
            self.error = error
        finally:
            self.ended_at = time.perf_counter()
            self.view.finish(self)

    def _on_step(self, step, history):
        m = self.data[0].shape[1]
        first = (step - 1) % self.steps_per_epoch * self.batch  # the last batch of an epoch may be smaller
        with self._lock:
            self.steps_done += 1
            self.images_done += min(self.batch, m - first)
        self.started.set()
        self._progress(history)

    def _on_epoch(self, epoch, history):
        if epoch > 0:  # the epoch's updates are done: a safe point to copy the network
            self.snapshot = Snapshot.take(self.params, self.settings.activation, self.epoch0 + epoch)
            self._pace(epoch)
        self._progress(history)
        return False  # Stop works through the event passed as stop=

    def _pace(self, epoch):
        """Wait until `epoch` epochs' share of watch_seconds has passed since the start (or Stop)."""
        if self.watch_seconds > 0:
            ahead = self.started_at + self.watch_seconds * epoch / self.n_epochs - time.perf_counter()
            # ahead of time, the worker waits anyway: drawing more often costs the training nothing
            self.throttle.max_share = PACED_DRAW_SHARE if ahead > 0 else DRAW_SHARE
            self._stop.wait(max(0.0, ahead))

    def _progress(self, live):
        if self.throttle.due():
            started = time.perf_counter()
            self.view.progress(self, self.merged(live))
            self.throttle.done(started)
