"""Interactive panels for the lessons: training panel (06, 08), shapes explorer (03), draw a digit (09).

UI only: the math comes from ``mnistlab.network``/``mnistlab.training``, the figures from ``mnistlab.charts``,
the strings from ``mnistlab.i18n``. All state lives on the panel objects; there are no module globals.

Each panel is displayed by ending a cell with it (it has ``_repr_mimebundle_``); ``panel.widget`` is the
ipywidgets box itself. The buttons call public methods (``train``, ``stop``, ``step``, ``reset``), so
everything can also be driven - and tested - from code without a browser.
"""

import math
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import anywidget
import ipywidgets as ipw
import numpy as np
import plotly.graph_objects as go
import traitlets
from ipywidgets.widgets.trait_types import bytes_serialization

from mnistlab import charts
from mnistlab.drawing import preprocess_digit
from mnistlab.i18n import check_lang, t
from mnistlab.network import init_params, predict_proba
from mnistlab.training import train as run_training

STATIC = Path(__file__).parent / "static"
STYLE = {"description_width": "initial"}
BATCH_SIZES = (16, 32, 64, 128, 256, 512, 1024)
MAX_LAYERS = 3  # the dashboard has room for the gradient norms of W1, W2, W3 (two hidden layers)


@dataclass(frozen=True)
class Settings:
    """What the training panel's controls hold. batch_size None means full batch (as the seed)."""

    learning_rate: float = 0.1
    hidden: tuple = (64,)
    n_epochs: int = 10
    batch_size: int | None = 64
    activation: str = "relu"
    init: str = "he"
    seed: int = 0

    def to_string(self):
        """A short string a teacher can hand out: "lr=0.1;h=128,64;ep=10;bs=64;act=relu;init=he;seed=0"."""
        return (f"lr={self.learning_rate:g};h={','.join(map(str, self.hidden))};ep={self.n_epochs};"
                f"bs={self.batch_size or 'full'};act={self.activation};init={self.init};seed={self.seed}")

    @classmethod
    def from_string(cls, text):
        """Parse ``to_string``'s format; a ValueError says which part is wrong and shows a valid example."""
        example = cls().to_string()
        fields = {}
        try:
            for part in filter(None, (p.strip() for p in text.strip().split(";"))):
                key, value = (s.strip() for s in part.split("=", 1))
                fields[key] = value
            settings = cls(learning_rate=float(fields.pop("lr", cls.learning_rate)),
                           hidden=tuple(int(h) for h in fields.pop("h", "64").split(",")),
                           n_epochs=int(fields.pop("ep", cls.n_epochs)),
                           batch_size=None if fields.get("bs") == "full" else int(fields.pop("bs", 64)),
                           activation=fields.pop("act", cls.activation), init=fields.pop("init", cls.init),
                           seed=int(fields.pop("seed", cls.seed)))
            fields.pop("bs", None)
        except ValueError as error:
            raise ValueError(f"cannot read the settings {text!r} ({error}); "
                             f"expected e.g. {example!r}") from None
        if fields:
            raise ValueError(f"unknown setting(s) {sorted(fields)} in {text!r}; expected e.g. {example!r}")
        settings.check()
        return settings

    def check(self):
        problems = []
        if not 1e-4 <= self.learning_rate <= 10:
            problems.append(f"lr={self.learning_rate} (use 0.0001 ... 10)")
        if not 1 <= len(self.hidden) <= MAX_LAYERS - 1 or not all(1 <= h <= 512 for h in self.hidden):
            problems.append(f"h={self.hidden} (one or two hidden sizes 1 ... 512, e.g. h=128,64)")
        if not 1 <= self.n_epochs <= 500:
            problems.append(f"ep={self.n_epochs} (use 1 ... 500)")
        if self.batch_size is not None and self.batch_size not in BATCH_SIZES:
            problems.append(f"bs={self.batch_size} (use full or one of {BATCH_SIZES})")
        if self.activation not in ("relu", "sigmoid"):
            problems.append(f"act={self.activation} (use relu or sigmoid)")
        if self.init not in ("he", "xavier", "uniform"):
            problems.append(f"init={self.init} (use he, xavier or uniform)")
        if problems:
            raise ValueError("invalid settings: " + "; ".join(problems))
        return self


# name -> (i18n key of its label, settings). The lessons refer to these names.
PRESETS = {
    "seed_original": ("preset.seed_original", Settings(0.1, (10,), 500, None, "relu", "uniform", 0)),
    "good_start": ("preset.good_start", Settings(0.1, (64,), 10, 64, "relu", "he", 0)),
    "lr_too_low": ("preset.lr_too_low", Settings(0.0001, (64,), 10, 64, "relu", "he", 0)),
    "lr_too_high": ("preset.lr_too_high", Settings(10.0, (64,), 10, 64, "relu", "he", 0)),
    "tiny_hidden": ("preset.tiny_hidden", Settings(0.1, (2,), 10, 64, "relu", "he", 0)),
    "sigmoid": ("preset.sigmoid", Settings(0.5, (64,), 10, 64, "sigmoid", "xavier", 0)),
    "deep_128_64": ("preset.deep_128_64", Settings(0.1, (128, 64), 10, 64, "relu", "he", 0)),
}


def _history_get(history, key, default=()):
    value = getattr(history, key, default)
    return default if value is None else value


def _last_finite(values):
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    return finite[-1] if finite else float("nan")


class TrainingPanel:
    """Sliders, buttons and one live dashboard for training a network on (X, y); see ``training_panel``.

    State (read it after ``wait()``): ``params`` (the network, a dict W1, b1, ...), ``history`` (a
    ``History``, all runs since the last reset), ``message`` (the last message shown, in ``lang``),
    ``figure`` (the FigureWidget), ``controls`` (name -> widget), ``draw_count`` and ``draw_seconds``
    (dashboard updates so far and the time they took), ``first_point_seconds`` (Train -> first live point).
    """

    min_interval = 0.1  # seconds between dashboard updates while training (<= 10 per second) ...
    max_share = 0.05  # ... and at most this share of the training time spent on updates (slow machines)

    def __init__(self, X, y, X_val=None, y_val=None, *, lang, preset=None, hide=()):
        check_lang(lang)
        X, y = np.asarray(X), np.asarray(y)
        if X.ndim != 2 or X.shape[0] != 784 or y.shape != (X.shape[1],):
            raise ValueError(f"training_panel needs X of shape (784, m) and y of shape (m,); got "
                             f"{X.shape} and {y.shape}. Load them with X, y = ml.load_mnist('train').")
        self.X, self.y, self.X_val, self.y_val, self.lang = X, y, X_val, y_val, lang
        self.params, self.history, self.message, self.error = None, None, "", None
        self.draw_count, self.draw_seconds, self.first_point_seconds = 0, 0.0, None  # for the benchmark
        self._draw_cost, self._shown = 0.0, {}
        self._stop, self._lock, self._thread = threading.Event(), threading.Lock(), None
        self.started = threading.Event()  # set after the first step of each run (for tests and benchmarks)
        self._steps_done, self._steps_at_stop, self._last_draw, self._t_start = 0, None, 0.0, 0.0
        self._t_click = 0.0
        self._prior, self._built_for, self._rng = None, None, None

        self.controls = self._make_controls()
        self.status = ipw.HTML()
        self.message_box = ipw.HTML()
        s = self.settings
        self.figure = go.FigureWidget(charts.dashboard([784, *s.hidden, 10], self._batch(s), lang=lang,
                                                       activation=s.activation, max_layers=MAX_LAYERS))
        self._apply_hide(hide)
        self.widget = ipw.VBox(self._layout(), layout={"width": "100%"})
        for name in ("learning_rate", "n_layers", "hidden1", "hidden2", "n_epochs", "batch_size",
                     "activation", "init", "seed"):
            self.controls[name].observe(self._on_setting, names="value")
        self.controls["preset"].observe(lambda change: self.apply_preset(change["new"]), names="value")
        self.controls["train"].on_click(lambda _: self.train())
        self.controls["stop"].on_click(lambda _: self.stop())
        self.controls["step"].on_click(lambda _: self.step())
        self.controls["reset"].on_click(lambda _: self.reset())
        self.controls["load"].on_click(lambda _: self._load_from_box())
        self._on_setting(None)  # fills the settings text, enables/disables the second hidden size
        self.apply_preset(preset)
        self.reset()

    # ---- controls ----------------------------------------------------------------------------------------
    def _make_controls(self):
        lang, m = self.lang, self.X.shape[1]

        def slider(cls, key, tip, **kw):
            return cls(description=t(key, lang), tooltip=t(tip, lang), continuous_update=False, style=STYLE,
                       **kw)

        def choice(key, tip, options, value):
            return ipw.Dropdown(description=t(key, lang), tooltip=t(tip, lang), options=options, value=value,
                                style=STYLE)

        def button(key, tip, style, icon):
            return ipw.Button(description=t(key, lang), tooltip=t(tip, lang), button_style=style, icon=icon)

        presets = [(t("preset.custom", lang), "")]  # "": the learner's own settings
        presets += [(t(key, lang), name) for name, (key, _) in PRESETS.items()]
        return {
            "preset": choice("panel.preset", "panel.preset.tip", presets, ""),
            "learning_rate": slider(ipw.FloatLogSlider, "panel.learning_rate", "panel.learning_rate.tip",
                                    base=10, min=-4, max=1, step=0.1, value=0.1, readout_format=".4g"),
            "n_layers": ipw.ToggleButtons(description=t("panel.n_layers", lang), options=[("1", 1), ("2", 2)],
                                          tooltip=t("panel.n_layers.tip", lang), value=1, style=STYLE),
            "hidden1": slider(ipw.IntSlider, "panel.hidden1", "panel.hidden.tip", min=1, max=512, value=64),
            "hidden2": slider(ipw.IntSlider, "panel.hidden2", "panel.hidden.tip", min=1, max=512, value=64,
                              disabled=True),
            "n_epochs": slider(ipw.IntSlider, "panel.n_epochs", "panel.n_epochs.tip", min=1, max=500,
                               value=10),
            "batch_size": choice("panel.batch_size", "panel.batch_size.tip",
                                 [(t("panel.full_batch", lang, m=m), 0)] + [(str(b), b) for b in BATCH_SIZES],
                                 64),
            "activation": choice("panel.activation", "panel.activation.tip",
                                 [("ReLU", "relu"), ("sigmoid", "sigmoid")], "relu"),
            "init": choice("panel.init", "panel.init.tip",
                           [(t("panel.init.he", lang), "he"), (t("panel.init.xavier", lang), "xavier"),
                            (t("panel.init.uniform", lang), "uniform")], "he"),
            "seed": ipw.BoundedIntText(description=t("panel.seed", lang), tooltip=t("panel.seed.tip", lang),
                                       min=0, max=2**31 - 1, value=0, style=STYLE, layout={"width": "150px"}),
            "auto_retrain": ipw.Checkbox(description=t("panel.auto_retrain", lang), value=False, style=STYLE,
                                         indent=False, layout={"width": "auto"},
                                         tooltip=t("panel.auto_retrain.tip", lang)),
            "settings": ipw.Text(description=t("panel.settings", lang), tooltip=t("panel.settings.tip", lang),
                                 style=STYLE, layout={"width": "440px"}),
            "load": button("panel.load", "panel.load.tip", "", "upload"),
            "train": button("panel.train", "panel.train.tip", "success", "play"),
            "stop": button("panel.stop", "panel.stop.tip", "danger", "stop"),
            "step": button("panel.step", "panel.step.tip", "info", "step-forward"),
            "reset": button("panel.reset", "panel.reset.tip", "warning", "undo"),
        }

    def _apply_hide(self, hide):
        hide = (hide,) if isinstance(hide, str) else tuple(hide)
        allowed = [name for name in self.controls if name not in ("train", "stop")]
        unknown = [name for name in hide if name not in allowed]
        if unknown:
            raise ValueError(f"hide= got unknown control(s) {unknown}; choose from {allowed}.")
        self.hidden_controls = set(hide) | ({"load"} if "settings" in hide else set())

    def _layout(self):
        def row(names):
            shown = [self.controls[n] for n in names if n not in self.hidden_controls]
            return ipw.HBox(shown, layout={"flex_flow": "row wrap", "align_items": "center"})

        return [row(["preset", "settings", "load"]), row(["learning_rate", "n_layers", "hidden1", "hidden2"]),
                row(["n_epochs", "batch_size", "activation", "init", "seed", "auto_retrain"]),
                ipw.HBox([*row(["train", "stop", "step", "reset"]).children, self.status],
                         layout={"flex_flow": "row wrap", "align_items": "center"}),
                self.message_box, self.figure]

    @property
    def settings(self):
        """The current ``Settings`` read from the controls."""
        c = self.controls
        hidden = (c["hidden1"].value, c["hidden2"].value)[:c["n_layers"].value]
        return Settings(learning_rate=float(c["learning_rate"].value), hidden=hidden,
                        n_epochs=c["n_epochs"].value, batch_size=c["batch_size"].value or None,
                        activation=c["activation"].value, init=c["init"].value, seed=c["seed"].value)

    @settings.setter
    def settings(self, s):
        s.check()
        c = self.controls
        self._applying = True  # one update at the end, not one per control
        try:
            c["learning_rate"].value, c["n_layers"].value = s.learning_rate, len(s.hidden)
            c["hidden1"].value = s.hidden[0]
            c["hidden2"].value = s.hidden[1] if len(s.hidden) > 1 else c["hidden2"].value
            c["n_epochs"].value, c["batch_size"].value = s.n_epochs, s.batch_size or 0
            c["activation"].value, c["init"].value, c["seed"].value = s.activation, s.init, s.seed
        finally:
            self._applying = False
        self._on_setting({"owner": None, "new": s})

    def settings_string(self):
        """The current settings as a short string (see ``Settings.to_string``); ``load_settings`` reads it."""
        return self.settings.to_string()

    def load_settings(self, text):
        """Set the controls from a settings string; no training starts (unless auto-retrain is on)."""
        self.settings = Settings.from_string(text)
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
            self._show(t("panel.bad_settings", self.lang, error=str(error)), "warning")

    def _on_setting(self, change):
        if getattr(self, "_applying", False):
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
            self._draw_shapes()

    # ---- actions -----------------------------------------------------------------------------------------
    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def train(self, *, wait=False):
        """Start training a fresh network (new weights from the seed) for n_epochs in a background thread."""
        self._t_click = time.perf_counter()
        self.stop().wait()
        self._new_network(self.settings)
        return self._start(self.settings.n_epochs, wait)

    def step(self, *, wait=False):
        """Train the current network for one more epoch (a fresh one if the architecture changed)."""
        self._t_click = time.perf_counter()
        self.stop().wait()
        s = self.settings
        if self.params is None or self._built_for != _architecture(s):
            self._new_network(s)
        return self._start(1, wait)

    def stop(self):
        """Ask a running training to stop; it stops before its next step (at most one step later)."""
        with self._lock:
            if self.running:
                self._stop.set()
                self._steps_at_stop = self._steps_done
        return self

    def wait(self, timeout=None):
        """Wait until training has finished; True if it has (False on timeout)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def reset(self):
        """Stop, draw new random weights from the seed and clear the charts and the history."""
        self.stop().wait()
        self._new_network(self.settings)
        self._draw(None)
        self._draw_shapes()
        n_params = sum(p.size for p in self.params.values())
        self._show(t("panel.ready", self.lang, sizes="-".join(map(str, [784, *self.settings.hidden, 10])),
                     n_params=n_params), "info")
        return self

    def _new_network(self, s):
        self._rng = np.random.default_rng(s.seed)
        self.params = init_params([784, *s.hidden, 10], rng=self._rng, init=s.init)
        self._built_for, self.history, self._prior = _architecture(s), None, None

    def _batch(self, s):
        return s.batch_size or self.X.shape[1]

    def _start(self, n_epochs, wait):
        s = self.settings
        self._stop.clear()
        self.started.clear()
        self._steps_done, self._steps_at_stop, self._last_draw = 0, None, 0.0
        self._prior, self.error, self.first_point_seconds = self.history, None, None
        self._steps_per_epoch = math.ceil(self.X.shape[1] / self._batch(s))
        self._set_running(True)
        self._show(t("panel.training", self.lang, n_epochs=n_epochs), "info")
        self._draw_shapes()
        self._t_start = time.perf_counter()
        self._thread = threading.Thread(target=self._run, args=(s, n_epochs), daemon=True)
        self._thread.start()
        if wait:
            self.wait()
        return self

    def _run(self, s, n_epochs):
        """The worker thread: train, merge the history, show how it ended."""
        live = None
        try:
            live = run_training(self.params, self.X, self.y, learning_rate=s.learning_rate, n_epochs=n_epochs,
                                batch_size=s.batch_size, rng=self._rng, X_val=self.X_val, y_val=self.y_val,
                                activation=s.activation, stop=self._stop, on_step=self._on_step,
                                callback=self._on_epoch, record_steps=True)
            self.history = _merge(self._prior, live)
            self._show(*self._outcome(s, live))
        except Exception as error:  # shown in the panel, kept on .error: nothing is lost silently
            self.error = error
            self._show(t("panel.error", self.lang, error=f"{type(error).__name__}: {error}"), "danger")
        finally:
            self._draw(self.history if live is not None else self._prior)
            self._set_running(False)

    def _outcome(self, s, live):
        if getattr(live, "stopped", None) == "diverged" or getattr(live, "diverged", False):
            before, after = _divergence_losses(live)
            if after is None:
                return t("panel.diverged_nan", self.lang, learning_rate=s.learning_rate,
                         loss_before=before), "danger"
            return t("panel.diverged", self.lang, learning_rate=s.learning_rate, loss_before=before,
                     loss_after=after), "danger"
        h, lang = self.history, self.lang
        values = {"epoch": h.epoch[-1], "loss": _last_finite(h.loss),
                  "accuracy": 100 * _last_finite(h.accuracy)}
        if getattr(live, "stopped", None) in ("stop", "callback"):
            return t("panel.stopped", lang, **values), "warning"
        return t("panel.finished", lang, seconds=time.perf_counter() - self._t_start, **values), "success"

    def _due(self):
        wait = max(self.min_interval, self._draw_cost / self.max_share)
        return time.perf_counter() - self._last_draw >= wait

    def _on_step(self, step, history):
        with self._lock:
            self._steps_done += 1
        self.started.set()
        if self._due():
            self._draw(_merge(self._prior, history))

    def _on_epoch(self, epoch, history):
        if self._due():
            self._draw(_merge(self._prior, history))
        return False  # Stop works through the event passed as stop=

    # ---- drawing -----------------------------------------------------------------------------------------
    def _draw(self, history):
        """Update the curves and the status line in one batch; history None clears them."""
        start = time.perf_counter()
        curves = charts.dashboard_curves(history, steps_per_epoch=getattr(self, "_steps_per_epoch", 1),
                                         max_layers=MAX_LAYERS)
        with self.figure.batch_update():
            for i, (trace, data) in enumerate(zip(self.figure.data, curves, strict=False)):
                x = data["x"]
                seen = (len(x), float(x[-1]) if len(x) else None, float(data["y"][-1]) if len(x) else None,
                        data.get("visible"))
                if self._shown.get(i) != seen:  # per-epoch curves change only once per epoch
                    trace.update(data)
                    self._shown[i] = seen
        self.status.value = self._status_text(history)
        self._last_draw = time.perf_counter()
        self._draw_cost = self._last_draw - start
        self.draw_count += 1
        self.draw_seconds += self._draw_cost
        if self.first_point_seconds is None and history is not None and any(len(c["y"]) for c in curves):
            self.first_point_seconds = self._last_draw - self._t_click  # from the click, not the thread start

    def _draw_shapes(self):
        s = self.settings
        width_px, height_px = charts.DASHBOARD_SHAPES_PX  # as charts.dashboard lays it out
        g = charts.shapes_geometry([784, *s.hidden, 10], self._batch(s), activation=s.activation,
                                   width_px=width_px, height_px=height_px, font_px=13)
        with self.figure.batch_update():
            new = charts.shape_trace_data(g, legend=False)
            for trace, data in zip(self.figure.data[-6:], new, strict=True):
                trace.update(data)
            self.figure.layout.xaxis4.range, self.figure.layout.yaxis4.range = g["x_range"], g["y_range"]

    def _status_text(self, history):
        epochs = _history_get(history, "epoch")
        if not epochs:
            return ""
        speed = None if self.running else _history_get(history, "samples_per_second", None)
        if not speed:
            elapsed = max(time.perf_counter() - self._t_start, 1e-9)
            speed = self._steps_done * self._batch(self.settings) / elapsed
        return "<b>" + t("panel.status", self.lang, epoch=epochs[-1], loss=_last_finite(history.loss),
                         accuracy=100 * _last_finite(history.accuracy), speed=speed) + "</b>"

    def _show(self, text, kind):
        self.message = text
        colours = {"info": "#0072B2", "success": "#009E73", "warning": "#E69F00", "danger": "#D55E00"}
        self.message_box.value = (f'<div style="border-left: 6px solid {colours[kind]}; padding: 4px 10px; '
                                  f'font-size: 1.15em">{text}</div>')

    def _set_running(self, running):
        c = self.controls
        c["train"].disabled = c["step"].disabled = running
        c["stop"].disabled = not running

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _architecture(s):
    return (s.hidden, s.activation, s.init, s.seed)


class _Combined:
    """A read-only History-like view of an earlier run followed by a live one (epochs renumbered)."""

    KEYS = ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds")

    def __init__(self, prior, live):
        offset = prior.epoch[-1] if prior.epoch else 0
        self.epoch = list(prior.epoch) + [offset + e for e in live.epoch[1:]]
        for key in self.KEYS:
            setattr(self, key, list(_history_get(prior, key)) + list(_history_get(live, key))[1:])
        p_steps, l_steps = _history_get(prior, "steps", {}), _history_get(live, "steps", {})
        norms = {k: list(p_steps.get("grad_norm", {}).get(k, [])) + list(v)
                 for k, v in l_steps.get("grad_norm", {}).items()}
        self.steps = {"loss": list(p_steps.get("loss", [])) + list(l_steps.get("loss", [])),
                      "grad_norm": norms}
        for key in ("stopped", "message", "diverged", "samples_per_second"):
            setattr(self, key, getattr(live, key, None))


def _merge(prior, live):
    return live if prior is None else _Combined(prior, live)


def _divergence_losses(history):
    """(loss before training, loss that ran away, or None if it is not known) for the divergence message.

    The engine keeps NaN out of the History, so the run-away loss is read from ``diverged_loss`` if the
    History has it, else from the numbers in its English message ("grew from 2.45 to 74.2").
    """
    before = float(history.loss[0]) if history.loss else float("nan")
    after = getattr(history, "diverged_loss", None)
    if after is None:
        found = re.search(r"grew from \S+ to ([-+0-9.eE]+|inf|nan)", getattr(history, "message", "") or "")
        after = float(found.group(1)) if found else None
    return before, (after if after is not None and math.isfinite(after) else None)


def training_panel(X, y, X_val=None, y_val=None, *, lang, preset=None, hide=()):
    """A training panel for (X, y): X (784, m), y (m,), optional validation data. Lessons 06 and 08.

    Sliders for learning rate, hidden sizes (one or two hidden layers), epochs, batch size, activation,
    initialisation and seed; buttons Train (fresh network), Stop, Step (one more epoch), Reset; one
    live dashboard. ``preset``: a name from ``PRESETS`` (e.g. "lr_too_high"). ``hide``: names of controls
    to leave out (e.g. ``hide=("init", "seed")``). End a cell with the returned panel to show it.
    """
    return TrainingPanel(X, y, X_val, y_val, lang=lang, preset=preset, hide=hide)


class ShapesExplorer:
    """Hidden sizes and batch size m -> the shapes diagram redraws at once; nothing is trained. Lesson 03.

    ``controls`` (name -> widget), ``figure`` (the FigureWidget), ``last_redraw_seconds``.
    """

    def __init__(self, *, lang, hidden=(10,), m=64, backward=False):
        check_lang(lang)
        self.lang, self.last_redraw_seconds = lang, None

        def slider(key, value, lo, hi):
            return ipw.IntSlider(description=t(key, lang), tooltip=t("explorer.tip", lang), min=lo, max=hi,
                                 value=value, style=STYLE, continuous_update=True)

        hidden = tuple(hidden)
        self.controls = {
            "n_layers": ipw.ToggleButtons(description=t("panel.n_layers", lang), options=[("1", 1), ("2", 2)],
                                          value=len(hidden), style=STYLE,
                                          tooltip=t("panel.n_layers.tip", lang)),
            "hidden1": slider("panel.hidden1", hidden[0], 1, 512),
            "hidden2": slider("panel.hidden2", hidden[1] if len(hidden) > 1 else 32, 1, 512),
            "m": slider("explorer.m", m, 1, 1024),
            "backward": ipw.Checkbox(description=t("explorer.backward", lang), value=backward, style=STYLE,
                                     indent=False, layout={"width": "auto"},
                                     tooltip=t("explorer.backward.tip", lang)),
        }
        self.figure = go.FigureWidget(charts.shapes_diagram(self.sizes, m, lang=lang, backward=backward))
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        c = self.controls
        self.widget = ipw.VBox([ipw.HBox([c["n_layers"], c["hidden1"], c["hidden2"]],
                                         layout={"flex_flow": "row wrap"}),
                                ipw.HBox([c["m"], c["backward"]], layout={"flex_flow": "row wrap"}),
                                self.figure])
        self.redraw()

    @property
    def sizes(self):
        c = self.controls
        hidden = [c["hidden1"].value] + ([c["hidden2"].value] if c["n_layers"].value == 2 else [])
        return [784, *hidden, 10]

    def redraw(self, change=None):
        """Recompute the diagram for the current controls and update the figure's traces in place."""
        start = time.perf_counter()
        c = self.controls
        c["hidden2"].disabled = c["n_layers"].value == 1
        width = self.figure.layout.width
        g = charts.shapes_geometry(self.sizes, c["m"].value, backward=c["backward"].value,
                                   width_px=width - 60)
        with self.figure.batch_update():
            for trace, data in zip(self.figure.data, charts.shape_trace_data(g), strict=True):
                trace.update(data)
            self.figure.layout.height = charts.shapes_height(g["x_range"], g["y_range"], width)
            self.figure.layout.xaxis.range, self.figure.layout.yaxis.range = g["x_range"], g["y_range"]
        self.last_redraw_seconds = time.perf_counter() - start

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def shapes_explorer(*, lang, hidden=(10,), m=64, backward=False):
    """Sliders for one or two hidden sizes and the batch size m, and the live shapes diagram. Lesson 03."""
    return ShapesExplorer(lang=lang, hidden=hidden, m=m, backward=backward)


class DigitCanvas(anywidget.AnyWidget):
    """A drawing canvas and a photo upload (static/draw.js). The browser sends a grey image to Python.

    ``pixels``: the grey values 0-255, row by row (height x width bytes); ``kind``: "draw" (white ink on
    black, as MNIST) or "photo" (any picture; inverted when the paper is light). The browser decodes
    uploaded PNG/JPEG files itself, so Python needs no imaging library.
    """

    _esm = STATIC / "draw.js"
    _css = STATIC / "draw.css"
    pixels = traitlets.Bytes(b"").tag(sync=True, **bytes_serialization)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    kind = traitlets.Unicode("draw").tag(sync=True)
    labels = traitlets.Dict({}).tag(sync=True)  # button texts in the lesson's language

    def image(self):
        """The last image as a (height, width) uint8 array, or None while the canvas is empty."""
        if not self.pixels or self.width * self.height != len(self.pixels):
            return None
        return np.frombuffer(self.pixels, dtype=np.uint8).reshape(self.height, self.width)

    def set_image(self, image, kind="draw"):
        """What the browser does after a stroke or an upload; for tests and for images made in Python."""
        image = np.asarray(image, dtype=np.uint8)
        with self.hold_trait_notifications():
            self.width, self.height, self.kind = image.shape[1], image.shape[0], kind
            self.pixels = image.tobytes()


class DrawDigit:
    """Canvas + upload on the left, "what the network sees" and its probabilities on the right. Lesson 09.

    model: a params dict (W1, b1, ...; give ``activation=`` if not "relu"), a ``TrainingPanel`` (its
    current network is used, so you can train, then draw), or any object with ``predict_proba(X)`` that
    returns (10, m) probabilities for X (784, m), like ``ml.MLP``. State: ``x`` (784, 1) the preprocessed
    input, ``proba`` (10,) the probabilities, ``message``.
    """

    def __init__(self, model, *, lang, activation="relu"):
        check_lang(lang)
        self.lang, self.model, self.activation = lang, model, activation
        self._predict_proba(np.zeros((784, 1), dtype=np.float32))  # fails early on an unusable model
        self.x, self.proba = np.zeros((784, 1), dtype=np.float32), np.full(10, 0.1)
        self.message = t("canvas.hint", lang)
        self.canvas = DigitCanvas(labels={"clear": t("canvas.clear", lang),
                                          "upload": t("canvas.upload", lang)})
        self.figure = go.FigureWidget(charts.prediction_view(self.x, self.proba, lang=lang))
        self.figure.layout.title.text = t("canvas.empty", lang)
        self.message_box = ipw.HTML(t("canvas.hint", lang))
        self.canvas.observe(self.update, names="pixels")
        self.widget = ipw.HBox([ipw.VBox([self.canvas, self.message_box]), self.figure],
                               layout={"flex_flow": "row wrap", "align_items": "flex-start"})

    def _predict_proba(self, X):
        model = self.model
        if isinstance(model, TrainingPanel):
            if model.params is None:
                raise ValueError("the training panel has no network yet: press Train or Reset first")
            return predict_proba(model.params, X, activation=model.settings.activation)
        if isinstance(model, dict):
            return predict_proba(model, X, activation=self.activation)
        if hasattr(model, "predict_proba"):
            return np.asarray(model.predict_proba(X))
        raise TypeError("draw_digit needs a params dict, a training panel or an object with "
                        f"predict_proba(X); got {type(model).__name__}.")

    def predict(self, image, *, invert=False):
        """Preprocess one picture (see ``preprocess_digit``) and return its 10 probabilities."""
        self.x = preprocess_digit(image, invert=invert)
        self.proba = np.asarray(self._predict_proba(self.x), dtype=float).reshape(-1)
        return self.proba

    def update(self, change=None):
        """Called when the canvas sends a new image: preprocess, predict, redraw."""
        image = self.canvas.image()
        if image is None:
            return
        proba = self.predict(image, invert="auto" if self.canvas.kind == "photo" else False)
        empty = not self.x.any()
        fresh = charts.prediction_view(self.x, proba if not empty else np.full(10, 0.1), lang=self.lang)
        with self.figure.batch_update():
            for trace, new in zip(self.figure.data, fresh.data, strict=True):
                trace.update(z=new.z) if isinstance(new, go.Heatmap) else trace.update(
                    y=new.y, text=new.text, marker_color=new.marker.color)
            self.figure.layout.title.text = t("canvas.empty", self.lang) if empty else fresh.layout.title.text
        self.message = t("canvas.hint", self.lang) if empty else ""
        self.message_box.value = self.message

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def draw_digit(model, *, lang, activation="relu"):
    """Draw a digit (or upload a photo of one) and watch the network's probabilities. Lesson 09.

    model: a params dict (with ``activation=``), a training panel, or an object with ``predict_proba``.
    """
    return DrawDigit(model, lang=lang, activation=activation)
