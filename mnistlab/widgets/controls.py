"""The training panel's controls: one widget per setting and button, bounded as ``Settings`` are, labelled
in the lesson's language, each with the CSS class "mnistlab-<name>" (e.g. mnistlab-learning-rate) for
browser tests; and the check of the panel's data.
"""

import math

import ipywidgets as ipw

from mnistlab.checks import check_count, check_labels, check_X
from mnistlab.errors import DataError
from mnistlab.i18n import t
from mnistlab.network import ACTIVATIONS, INITS

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
    Settings,
)

STYLE = {"description_width": "initial"}  # labels never cut off
ACTIVATION_LABELS = {"relu": "ReLU", "sigmoid": "sigmoid"}  # names as the lessons write them
INIT_LABELS = {"he": "panel.init.he", "xavier": "panel.init.xavier", "uniform": "panel.init.uniform"}


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
    """name -> widget for every control of the panel, labelled in `lang`, bounded as ``Settings`` are."""
    default = Settings()

    def labelled(cls, key, tip_key, **kw):
        return cls(description=t(key, lang), tooltip=t(tip_key, lang), style=STYLE, **kw)

    def slider(cls, key, tip_key, bounds, value, **kw):
        return labelled(cls, key, tip_key, min=bounds[0], max=bounds[1], value=value,
                        continuous_update=False, **kw)

    def button(key, tip_key, style, icon):
        return ipw.Button(description=t(key, lang), tooltip=t(tip_key, lang), button_style=style, icon=icon)

    presets = [(t("preset.custom", lang), "")] + [(t(key, lang), name) for name, (key, _) in PRESETS.items()]
    batch_sizes = [(t("panel.full_batch", lang, m=m), 0)] + [(str(b), b) for b in BATCH_SIZES]
    activations = [(ACTIVATION_LABELS.get(name, name), name) for name in ACTIVATIONS]
    inits = [(t(INIT_LABELS[name], lang) if name in INIT_LABELS else name, name) for name in INITS]
    layer_counts = [(str(n), n) for n in range(1, MAX_HIDDEN_LAYERS + 1)]
    lr_bounds = [math.log10(rate) for rate in LEARNING_RATES]
    controls = {
        "preset": labelled(ipw.Dropdown, "panel.preset", "panel.preset.tip", options=presets, value=""),
        "learning_rate": slider(ipw.FloatLogSlider, "panel.learning_rate", "panel.learning_rate.tip",
                                lr_bounds, default.learning_rate, base=10, step=0.1, readout_format=".4g"),
        "n_layers": labelled(ipw.ToggleButtons, "panel.n_layers", "panel.n_layers.tip", value=1,
                             options=layer_counts),
        "hidden1": slider(ipw.IntSlider, "panel.hidden1", "panel.hidden.tip", HIDDEN_UNITS,
                          default.hidden[0]),
        "hidden2": slider(ipw.IntSlider, "panel.hidden2", "panel.hidden.tip", HIDDEN_UNITS, default.hidden[0],
                          disabled=True),
        "n_epochs": slider(ipw.IntSlider, "panel.n_epochs", "panel.n_epochs.tip", N_EPOCHS,
                           default.n_epochs),
        "batch_size": labelled(ipw.Dropdown, "panel.batch_size", "panel.batch_size.tip", options=batch_sizes,
                               value=default.batch_size or 0),
        "activation": labelled(ipw.Dropdown, "panel.activation", "panel.activation.tip", options=activations,
                               value=default.activation),
        "init": labelled(ipw.Dropdown, "panel.init", "panel.init.tip", options=inits, value=default.init),
        "seed": labelled(ipw.BoundedIntText, "panel.seed", "panel.seed.tip", min=SEEDS[0], max=SEEDS[1],
                         value=default.seed, layout={"width": "150px"}),
        "auto_retrain": labelled(ipw.Checkbox, "panel.auto_retrain", "panel.auto_retrain.tip", value=False,
                                 indent=False, layout={"width": "auto"}),
        "settings": labelled(ipw.Text, "panel.settings", "panel.settings.tip", layout={"width": "440px"}),
        "load": button("panel.load", "panel.load.tip", "", "upload"),
        "train": button("panel.train", "panel.train.tip", "success", "play"),
        "stop": button("panel.stop", "panel.stop.tip", "danger", "stop"),
        "step": button("panel.step", "panel.step.tip", "info", "step-forward"),
        "reset": button("panel.reset", "panel.reset.tip", "warning", "undo"),
    }
    for name, control in controls.items():
        control.add_class(css_class(name))
    return controls
