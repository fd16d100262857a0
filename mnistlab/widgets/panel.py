"""The training panel (lessons 06b, 08b and 08d): its controls' layout, and the actions behind the buttons.

Train and "+1 epoch" start a ``Run`` (run.py) with a frozen copy of the current ``Settings``; the run reports
back through ``progress`` and ``finish``, which draw on the ``Dashboard`` (dashboard.py). The controls come
from controls.py; the panel's box has the CSS class "mnistlab-training-panel".
"""

import math
import threading
import time

import ipywidgets as ipw
import numpy as np

from mnistlab.i18n import check_lang, t
from mnistlab.network import init_params

from .controls import check_data, make_controls, make_fields
from .dashboard import Dashboard, last_finite, status_html
from .fields import fields_row
from .run import Run, Snapshot
from .settings import ADVANCED, PRESETS, Settings
from .width import WidthProbe, figure_width

SETTING_CONTROLS = ("learning_rate", "n_layers", "hidden1", "hidden2", "n_epochs", "batch_size",
                    "activation", "init", "seed", "optimizer", "weight_decay", "shift")
ROWS = (("preset", "settings"), ("learning_rate", "n_layers", "hidden1", "hidden2", "n_epochs"),
        ("batch_size", "activation", "init", "seed", "auto_retrain"), ("optimizer", "weight_decay", "shift"))
BUTTONS = ("train", "stop", "step", "reset")
ALWAYS_SHOWN = ("train", "stop")
WATCH_SECONDS = 4.0  # a run started from the Train button lasts at least this long: time to watch it learn


def _architecture(s):
    """What a network is built from: a different one needs a fresh network, not one more epoch."""
    return (s.hidden, s.activation, s.init, s.seed)


class TrainingPanel:
    """Sliders, buttons and one live dashboard for training a network on (X, y); see ``training_panel``.

    ``watch_seconds``: a run started by the Train button lasts at least this long (see ``train``).
    State (read it after ``wait()``): ``params`` (the network, a dict W1, b1, ... changed in place while
    training), ``network`` (a ``Snapshot`` of it taken at the end of the last epoch: what ``predict_proba``
    and draw_digit use), ``history`` (a ``History``, all runs since the last reset), ``message`` (the last
    message shown, in ``lang``), ``run`` (the last ``Run``: its settings, steps, images), ``figure`` (the
    FigureWidget; ``figure_lock`` is held by every update of it), ``controls`` (name -> widget),
    ``draw_count``, ``draw_seconds`` and ``first_point_seconds`` (for the benchmark).
    """

    def __init__(self, X, y, X_val=None, y_val=None, *, lang, preset=None, hide=None):
        check_lang(lang)
        self.X, self.y, self.X_val, self.y_val = check_data(X, y, X_val, y_val)
        self.lang, self.m = lang, self.X.shape[1]
        self.params, self.network, self.history, self.error = None, None, None, None
        self.run, self.runs = None, 0  # the last Run, and how many were started
        self.watch_seconds = WATCH_SECONDS
        self._rng, self._built_for, self._applying = None, None, False
        self.controls = make_controls(lang, self.m)
        self.fields, self.readouts = make_fields(self.controls, lang)
        self.hidden_controls = self._check_hide(hide)
        self.dashboard = Dashboard(self.settings, self.m, lang=lang)
        self.width_probe = WidthProbe()
        self.width_probe.observe(lambda change: self.dashboard.fit(figure_width(change["new"])),
                                 names="width")
        self.widget = ipw.VBox(self._layout(), layout={"width": "100%"}).add_class("mnistlab-training-panel")
        for name in SETTING_CONTROLS:
            self.controls[name].observe(self._on_setting, names="value")
        self.controls["preset"].observe(lambda change: self.apply_preset(change["new"]), names="value")
        for name, action in (("train", self.train), ("stop", self.stop), ("step", self.step),
                             ("reset", self.reset), ("load", self._load_from_box)):
            self.controls[name].on_click(lambda _, action=action: action())
        self._on_setting(None)  # fills the settings text, enables/disables the second hidden size
        self.apply_preset(preset)
        self.reset()

    # ---- controls and layout -----------------------------------------------------------------------------
    def _check_hide(self, hide):
        if hide is None:  # the optimizer, weight decay and augmentation come in the optimizers lesson
            hide = ADVANCED
        hide = (hide,) if isinstance(hide, str) else tuple(hide)
        allowed = [name for name in self.controls if name not in ALWAYS_SHOWN]
        unknown = [name for name in hide if name not in allowed]
        if unknown:
            raise ValueError(f"hide= got unknown control(s) {unknown}; choose from {allowed}.")
        return set(hide)

    def _layout(self):
        shown = [[self.fields[n] for n in names if n not in self.hidden_controls] for names in ROWS]
        rows = [fields_row(fields) for fields in shown if fields]
        if "load" in self.hidden_controls:  # the Load button sits in the settings field
            self.controls["load"].layout.display = "none"
        buttons = [self.controls[n] for n in BUTTONS if n not in self.hidden_controls]
        self.status.layout.margin = "0 0 0 8px"
        actions = ipw.HBox([*buttons, self.status], layout={"flex_flow": "row wrap", "align_items": "center"})
        return [*rows, actions, self.message_box, self.width_probe,
                self.figure]

    figure = property(lambda self: self.dashboard.figure, doc="The dashboard's FigureWidget.")
    figure_lock = property(lambda self: self.dashboard.lock, doc="Held by every update of the figure.")
    status = property(lambda self: self.dashboard.status, doc="The status line (an HTML widget).")
    message_box = property(lambda self: self.dashboard.message_box, doc="The message box (an HTML widget).")
    message = property(lambda self: self.dashboard.message, doc="The last message shown, in `lang`.")
    draw_count = property(lambda self: self.dashboard.draw_count, doc="Curve updates so far.")
    draw_seconds = property(lambda self: self.dashboard.draw_seconds, doc="Time spent in curve updates.")

    @property
    def first_point_seconds(self):
        """Seconds from the click on Train to the first live point of the last run (None before it)."""
        return None if self.run is None else self.run.first_point_seconds

    @property
    def started(self):
        """An Event set after the first step of the last run."""
        return self.run.started if self.run is not None else threading.Event()

    @property
    def settings(self):
        """The current ``Settings`` read from the controls."""
        c = self.controls
        hidden = (c["hidden1"].value, c["hidden2"].value)[:c["n_layers"].value]
        return Settings(learning_rate=float(c["learning_rate"].value), hidden=hidden,
                        n_epochs=c["n_epochs"].value, batch_size=c["batch_size"].value or None,
                        activation=c["activation"].value, init=c["init"].value, seed=c["seed"].value,
                        optimizer=c["optimizer"].value, weight_decay=c["weight_decay"].value,
                        shift=c["shift"].value)

    @settings.setter
    def settings(self, s):
        s.check(lang=self.lang)
        c = self.controls
        self._applying = True  # one update at the end, not one per control
        try:
            c["learning_rate"].value, c["n_layers"].value = s.learning_rate, len(s.hidden)
            c["hidden1"].value = s.hidden[0]
            c["hidden2"].value = s.hidden[1] if len(s.hidden) > 1 else c["hidden2"].value
            c["n_epochs"].value, c["batch_size"].value = s.n_epochs, s.batch_size or 0
            c["activation"].value, c["init"].value, c["seed"].value = s.activation, s.init, s.seed
            c["optimizer"].value, c["weight_decay"].value = s.optimizer, s.weight_decay
            c["shift"].value = s.shift
        finally:
            self._applying = False
        self._on_setting({"owner": None, "new": s})

    def settings_string(self):
        """The current settings as a short string (see ``Settings.to_string``); ``load_settings`` reads it."""
        return self.settings.to_string()

    def load_settings(self, text):
        """Set the controls from a settings string; no training starts (unless auto-retrain is on)."""
        self.settings = Settings.from_string(text, lang=self.lang)
        return self

    def apply_preset(self, name):
        """Set the controls to a named preset from ``PRESETS`` (None or "": leave them)."""
        if not name:
            return self
        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; choose one of {list(PRESETS)}.")
        if self.controls["preset"].value != name:
            self.controls["preset"].value = name  # calls apply_preset again through the observer
            return self
        self.settings = PRESETS[name][1]
        return self

    def _load_from_box(self):
        try:
            self.load_settings(self.controls["settings"].value)
        except ValueError as error:
            self.dashboard.show(t("panel.bad_settings", self.lang, error=str(error)), "warning")

    def _on_setting(self, change):
        if self._applying:
            return
        c = self.controls
        c["hidden2"].disabled = c["n_layers"].value == 1
        c["settings"].value = self.settings_string()
        preset = c["preset"].value
        if change is not None and preset and PRESETS[preset][1] != self.settings:
            c["preset"].value = ""  # the settings no longer match the preset's name
        if change is not None and c["auto_retrain"].value:
            self.train()
        elif not self.running:
            self.dashboard.shapes(self.settings, self.m)

    # ---- actions -----------------------------------------------------------------------------------------
    @property
    def running(self):
        return self.run is not None and self.run.running

    def train(self, *, wait=False):
        """Start training a fresh network (new weights from the seed) for n_epochs in a background thread.

        A run that is watched (the Train button, or ``train()`` from code without wait=True) lasts at least
        ``watch_seconds`` (default ``WATCH_SECONDS``; 0: as fast as possible), so that the curves grow
        visibly; with wait=True it runs as fast as it can, since nobody sees the panel meanwhile.
        """
        clicked = time.perf_counter()
        self.stop().wait()
        s = self.settings
        self._new_network(s)
        return self._start(s, s.n_epochs, clicked, wait, watch_seconds=0.0 if wait else self.watch_seconds)

    def step(self, *, wait=False):
        """Train the current network for one more epoch (a fresh one if the architecture changed)."""
        clicked = time.perf_counter()
        self.stop().wait()
        s = self.settings
        if self.params is None or self._built_for != _architecture(s):
            self._new_network(s)
        return self._start(s, 1, clicked, wait)

    def stop(self):
        """Ask a running training to stop; it stops before its next step (at most one step later)."""
        if self.run is not None:
            self.run.stop()
        return self

    def wait(self, timeout=None):
        """Wait until training has finished; True if it has (False on timeout)."""
        return self.run is None or self.run.wait(timeout)

    def reset(self):
        """Stop, draw new random weights from the seed and clear the charts and the history."""
        self.stop().wait()
        s = self.settings
        self._new_network(s)
        self.dashboard.curves(None, steps_per_epoch=1, status=self._status(None, "ready"))
        self.dashboard.shapes(s, self.m)
        n_params = sum(p.size for p in self.params.values())
        self.dashboard.show(t("panel.ready", self.lang, sizes="-".join(map(str, s.layer_sizes)),
                              n_params=n_params), "info")
        return self

    def predict_proba(self, X):
        """Probabilities (10, m) for X (784, m) from ``network``: the network at the end of its last epoch,
        with the activation it was trained with (not the one the dropdown shows now)."""
        return self.network.predict_proba(X)

    def _new_network(self, s):
        self._rng = np.random.default_rng(s.seed)
        self.params = init_params(s.layer_sizes, rng=self._rng, init=s.init)
        self.network = Snapshot.take(self.params, s.activation)
        self._built_for, self.history = _architecture(s), None

    def _start(self, s, n_epochs, clicked, wait, watch_seconds=0.0):
        self.runs += 1
        self.error = None
        previous = self.run.live if self.run is not None and self.history is not None else None
        state = (previous.optimizer_state if previous is not None and previous.optimizer == s.optimizer
                 else None)  # the same network with the same optimizer continues with its state
        self.run = Run(s, self.params, (self.X, self.y, self.X_val, self.y_val), rng=self._rng,
                       n_epochs=n_epochs, number=self.runs, prior=self.history, view=self, clicked=clicked,
                       watch_seconds=watch_seconds, optimizer_state=state)
        self._set_running(True)
        if n_epochs == 1:
            self.dashboard.show(t("panel.training.one", self.lang), "info")
        else:
            self.dashboard.show(t("panel.training", self.lang, n_epochs=n_epochs), "info")
        self.dashboard.shapes(s, self.m)
        self.run.start()
        if wait:
            self.wait()
        return self

    # ---- what a run reports (called from its worker thread) ----------------------------------------------
    def progress(self, run, history):
        status = self._status(history, "running", run)
        drawn = self.dashboard.curves(history, steps_per_epoch=run.steps_per_epoch, status=status, wait=False,
                                      planned_epochs=run.epoch0 + run.n_epochs)
        if drawn and run.first_point_seconds is None:
            run.first_point_seconds = time.perf_counter() - run.clicked  # from the click, not the start

    def finish(self, run):
        """The run has ended: buttons first, then the outcome; whatever fails is shown, never lost."""
        self._set_running(False)  # first: whatever fails below, Train and Step work again
        self.network = run.snapshot  # the end of the last complete epoch (or of the run)
        try:
            if run.error is None:
                self.history = run.history
                message, kind, state = self._outcome(run)
                self.dashboard.curves(run.history, steps_per_epoch=run.steps_per_epoch,
                                      status=self._status(run.history, state, run))
                self.dashboard.show(message, kind)
        except Exception as error:  # drawing the outcome failed: show that instead
            run.error = error
        if run.error is not None:
            self._show_failure(run)

    def _show_failure(self, run):
        self.error = run.error
        try:
            self.dashboard.show(t("panel.error", self.lang, error=f"{type(run.error).__name__}: {run.error}"),
                                "danger")
            with self.dashboard.lock:
                self.status.value = self._status(None, "failed", run)
        except Exception:  # noqa: S110 - nothing left to show it with; it is kept on .error
            pass

    def _outcome(self, run):
        """(message, kind, state) for how the run ended."""
        live, h, lang = run.live, run.history, self.lang
        if live.diverged:
            before, after = live.loss[0], live.diverged_loss
            if after is None or not math.isfinite(after):
                return t("panel.diverged_nan", lang, learning_rate=run.settings.learning_rate,
                         loss_before=before), "danger", "diverged"
            return t("panel.diverged", lang, learning_rate=run.settings.learning_rate, loss_before=before,
                     loss_after=after), "danger", "diverged"
        values = {"epoch": h.epoch[-1], "loss": last_finite(h.loss),
                  "accuracy": 100 * last_finite(h.accuracy)}
        if live.stopped in ("stop", "callback"):
            return t("panel.stopped", lang, **values), "warning", "stopped"
        seconds = run.ended_at - run.started_at
        if values["epoch"] == 1:
            del values["epoch"]
            return t("panel.finished.one", lang, seconds=seconds, **values), "success", "finished"
        return t("panel.finished", lang, seconds=seconds, **values), "success", "finished"

    def _status(self, history, state, run=None):
        speed = history.samples_per_second if history is not None and state != "running" else 0.0
        if not speed and run is not None:  # running, or no epoch completed (diverged in the first one)
            speed = run.images_per_second()  # the run's own batch size, whatever the controls show now
        return status_html(history, lang=self.lang, state=state, speed=speed,
                           run_number=run.number if run is not None else self.runs)

    def _set_running(self, running):
        c = self.controls
        c["train"].disabled = c["step"].disabled = running
        c["stop"].disabled = not running

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def training_panel(X, y, X_val=None, y_val=None, *, lang, preset=None, hide=None):
    """A training panel for (X, y): X (784, m), y (m,), optional validation data. Lessons 06 and 08.

    Sliders for learning rate, hidden sizes (one or two hidden layers), epochs, batch size, activation,
    initialisation and seed; buttons Train (fresh network), Stop, Step (one more epoch), Reset; one
    live dashboard. ``preset``: a name from ``PRESETS`` (e.g. "lr_too_high"). ``hide``: names of controls
    to leave out (e.g. ``hide=("init", "seed")``); None (the default) leaves out the optimizer, weight decay
    and augmentation (``ADVANCED``), which only the optimizers lesson shows (with ``hide=()``). End a cell
    with the returned panel to show it.
    """
    return TrainingPanel(X, y, X_val, y_val, lang=lang, preset=preset, hide=hide)
