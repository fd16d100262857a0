"""The training panel's controls: one widget per setting and button, bounded as ``Settings`` are, each
setting under its label in the lesson's language (fields.py); and the check of the panel's data.

CSS classes for browser tests: "mnistlab-<name>" (e.g. mnistlab-learning-rate) on each setting's field -
the box with its label, the control and, for a slider, its readout (".mnistlab-readout input") - and on
each button.
"""

import math

import ipywidgets as ipw

from mnistlab.checks import check_count, check_labels, check_X
from mnistlab.errors import DataError
from mnistlab.i18n import fmt, t
from mnistlab.network import ACTIVATIONS, INITS

from .fields import field, slider_field
from .settings import (
    BATCH_SIZES,
    HIDDEN_UNITS,
    LEARNING_RATES,
    MAX_HIDDEN_LAYERS,
    N_CLASSES,
    N_EPOCHS,
    N_INPUTS,
    PRESETS,
    SEEDS,
    SHIFTS,
    WEIGHT_DECAYS,
    Settings,
)

ACTIVATION_LABELS = {"relu": "activation.relu", "sigmoid": "activation.sigmoid"}
INIT_LABELS = {"he": "panel.init.he", "xavier": "panel.init.xavier", "uniform": "panel.init.uniform"}
OPTIMIZER_LABELS = {"sgd": "panel.optimizer.sgd", "momentum": "panel.optimizer.momentum",
                    "adam": "panel.optimizer.adam"}


def css_class(name):
    """The CSS class of a control: "learning_rate" -> "mnistlab-learning-rate"."""
    return "mnistlab-" + name.replace("_", "-")


def check_data(X, y, X_val, y_val):
    """The panel's data as arrays, checked before any worker starts (which could only fail later)."""
    where = "training_panel"
    X, y = check_X(X, N_INPUTS, where=where), check_labels(y, N_CLASSES, where=where)
    check_count(X.shape[1], y, where=where)
    if (X_val is None) != (y_val is None):
        raise ValueError(f"{where}: pass both X_val and y_val (for the validation curves), or neither")
    if X_val is not None:
        X_val = check_X(X_val, N_INPUTS, where=f"{where} (X_val)")
        y_val = check_labels(y_val, N_CLASSES, name="validation labels y_val", where=where)
        check_count(X_val.shape[1], y_val, what="X_val has", where=where)
    for name, images in (("X", X), ("X_val", X_val)):
        if images is not None and images.shape[1] == 0:
            raise DataError(f"{where}: {name} has no images (shape {images.shape}); the panel needs at least "
                            "one, e.g. X, y = ml.load_mnist('train', n=500)")
    return X, y, X_val, y_val


def make_controls(lang, m):
    """name -> widget for every control of the panel, bounded as ``Settings`` are. The widgets carry no
    description: ``make_fields`` puts each under its label, in `lang`."""
    default = Settings()

    def tip(cls, tip_key, **kw):
        return cls(tooltip=t(tip_key, lang), **kw)

    def slider(cls, tip_key, bounds, value, **kw):
        return tip(cls, tip_key, min=bounds[0], max=bounds[1], value=value, continuous_update=False, **kw)

    def button(key, tip_key, style, icon):
        return ipw.Button(description=t(key, lang), tooltip=t(tip_key, lang), button_style=style, icon=icon,
                          layout={"width": "auto"})

    presets = [(t("preset.custom", lang), "")] + [(t(key, lang), name) for name, (key, _) in PRESETS.items()]
    batch_sizes = [(t("panel.full_batch", lang, m=m), 0)] + [(str(b), b) for b in BATCH_SIZES]
    activations = [(t(ACTIVATION_LABELS[name], lang) if name in ACTIVATION_LABELS else name, name)
                   for name in ACTIVATIONS]
    inits = [(t(INIT_LABELS[name], lang) if name in INIT_LABELS else name, name) for name in INITS]
    layer_counts = [(str(n), n) for n in range(1, MAX_HIDDEN_LAYERS + 1)]
    optimizers = [(t(label, lang), name) for name, label in OPTIMIZER_LABELS.items()]
    decays = [(t("panel.weight_decay.none", lang) if not w else fmt("{w:g}", lang, w=w), w)
              for w in WEIGHT_DECAYS]
    shifts = [(t("panel.shift.none", lang) if not k else t("panel.shift.px", lang, k=k), k) for k in SHIFTS]
    lr_bounds = [math.log10(rate) for rate in LEARNING_RATES]
    return {
        "preset": tip(ipw.Dropdown, "panel.preset.tip", options=presets, value=""),
        "learning_rate": slider(ipw.FloatLogSlider, "panel.learning_rate.tip", lr_bounds,
                                default.learning_rate, base=10, step=0.1),
        "n_layers": tip(ipw.ToggleButtons, "panel.n_layers.tip", value=1, options=layer_counts,
                        style={"button_width": "3em"}),
        "hidden1": slider(ipw.IntSlider, "panel.hidden.tip", HIDDEN_UNITS, default.hidden[0]),
        "hidden2": slider(ipw.IntSlider, "panel.hidden.tip", HIDDEN_UNITS, default.hidden[0], disabled=True),
        "n_epochs": slider(ipw.IntSlider, "panel.n_epochs.tip", N_EPOCHS, default.n_epochs),
        "batch_size": tip(ipw.Dropdown, "panel.batch_size.tip", options=batch_sizes,
                          value=default.batch_size or 0),
        "activation": tip(ipw.Dropdown, "panel.activation.tip", options=activations,
                          value=default.activation),
        "init": tip(ipw.Dropdown, "panel.init.tip", options=inits, value=default.init),
        "seed": tip(ipw.BoundedIntText, "panel.seed.tip", min=SEEDS[0], max=SEEDS[1], value=default.seed),
        "optimizer": tip(ipw.Dropdown, "panel.optimizer.tip", options=optimizers, value=default.optimizer),
        "weight_decay": tip(ipw.Dropdown, "panel.weight_decay.tip", options=decays,
                            value=default.weight_decay),
        "shift": tip(ipw.Dropdown, "panel.shift.tip", options=shifts, value=default.shift),
        "auto_retrain": tip(ipw.Checkbox, "panel.auto_retrain.tip", description=t("panel.auto_retrain", lang),
                            value=False, indent=False, layout={"width": "auto"}),
        "settings": tip(ipw.Text, "panel.settings.tip"),
        "load": button("panel.load", "panel.load.tip", "", "upload"),
        "train": button("panel.train", "panel.train.tip", "success", "play"),
        "stop": button("panel.stop", "panel.stop.tip", "danger", "stop"),
        "step": button("panel.step", "panel.step.tip", "info", "step-forward"),
        "reset": button("panel.reset", "panel.reset.tip", "warning", "undo"),
    }


# name -> (label key, the field's preferred width, its share of a row's spare room)
FIELDS = {
    "preset": ("panel.preset", "300px", 2), "settings": ("panel.settings", "380px", 3),
    "learning_rate": ("panel.learning_rate", "260px", 1), "n_layers": ("panel.n_layers", "120px", 0),
    "hidden1": ("panel.hidden1", "260px", 1), "hidden2": ("panel.hidden2", "260px", 1),
    "n_epochs": ("panel.n_epochs", "260px", 1), "batch_size": ("panel.batch_size", "170px", 1),
    "activation": ("panel.activation", "150px", 1), "init": ("panel.init", "210px", 1),
    "seed": ("panel.seed", "130px", 1), "auto_retrain": (None, "auto", 1),
    "optimizer": ("panel.optimizer", "190px", 1), "weight_decay": ("panel.weight_decay", "170px", 1),
    "shift": ("panel.shift", "190px", 1),
}
def make_fields(controls, lang):
    """(fields, readouts): name -> the control under its label (a "mnistlab-field" box carrying the
    control's CSS class "mnistlab-<name>"), and name -> the ``Readout`` of each slider. The settings
    field holds the Load button too; buttons are not fields and carry their class themselves."""
    fields, readouts = {}, {}
    for name, (key, basis, grow) in FIELDS.items():
        control = controls[name]
        text, tooltip = (t(key, lang) if key else ""), control.tooltip or ""
        if isinstance(control, ipw.IntSlider | ipw.FloatLogSlider):
            fields[name], readouts[name] = slider_field(text, control, lang, tooltip=tooltip, basis=basis)
        else:
            extra = [controls["load"]] if name == "settings" else []
            fields[name] = field(text, control, *extra, tooltip=tooltip, basis=basis, grow=grow,
                                 shrink=name != "auto_retrain")
        fields[name].add_class(css_class(name))
    for name in ("load", "train", "stop", "step", "reset"):
        controls[name].add_class(css_class(name))
    return fields, readouts
