"""The shapes explorer (lesson 03): hidden sizes and batch size m in, the shapes diagram redrawn at once."""

import time

import ipywidgets as ipw
import plotly.graph_objects as go

from mnistlab import charts, network_charts
from mnistlab.checks import is_whole
from mnistlab.i18n import check_lang, t

from .controls import css_class
from .fields import field, fields_row, slider_field
from .settings import HIDDEN_UNITS, MAX_HIDDEN_LAYERS, N_CLASSES, N_INPUTS, _hidden_problem
from .width import WidthProbe, figure_width

BATCH_SIZES_M = (1, 1024)  # the m slider: from one image to the panel's largest batch
SECOND_HIDDEN_DEFAULT = 32  # the second hidden layer's size until the learner moves its slider


class ShapesExplorer:
    """Hidden sizes and batch size m -> the shapes diagram redraws at once; nothing is trained. Lesson 03.

    ``controls`` (name -> widget), ``fields`` (name -> the control under its label, CSS class
    "mnistlab-<name>"), ``readouts`` (name -> a slider's ``Readout``), ``figure`` (the FigureWidget, as wide
    as the notebook), ``widget`` (the box, CSS class "mnistlab-shapes-explorer"), ``width`` (the notebook's
    width in pixels once the browser has told it, else None), ``last_redraw_seconds``.
    """

    def __init__(self, *, lang, hidden=(10,), m=64, backward=False):
        check_lang(lang)
        self.lang, self.last_redraw_seconds, self.width = lang, None, None
        hidden = tuple(hidden) if isinstance(hidden, list | tuple) else (hidden,)
        if _hidden_problem(hidden):
            raise ValueError(f"shapes_explorer: hidden={hidden!r}; give one or {MAX_HIDDEN_LAYERS} hidden "
                             f"sizes {HIDDEN_UNITS[0]} ... {HIDDEN_UNITS[1]}, e.g. hidden=(128, 64)")
        if not (is_whole(m, BATCH_SIZES_M[0]) and m <= BATCH_SIZES_M[1]):
            raise ValueError(f"shapes_explorer: m={m!r}; the batch size m is a whole number "
                             f"{BATCH_SIZES_M[0]} ... {BATCH_SIZES_M[1]}, e.g. m=64")
        self.controls = _controls(lang, hidden, m, backward)
        self.fields, self.readouts = _fields(self.controls, lang)
        figure = network_charts.shapes_diagram(self.sizes, m, lang=lang, backward=backward, width=None)
        self.figure = go.FigureWidget(figure)
        self.figure.add_class("mnistlab-shapes-chart")
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        self.width_probe = WidthProbe()
        self.width_probe.observe(lambda change: self.fit(figure_width(change["new"])), names="width")
        f = self.fields
        self.widget = ipw.VBox([fields_row([f["n_layers"], f["hidden1"], f["hidden2"]]),
                                fields_row([f["m"], f["backward"]]), self.width_probe, self.figure],
                               layout={"width": "100%"}).add_class("mnistlab-shapes-explorer")
        self.redraw()

    def fit(self, width):
        """Lay the diagram out for a notebook `width` pixels wide (the browser reports it)."""
        if width and width != self.width:
            self.width = width
            self.redraw()

    @property
    def sizes(self):
        c = self.controls
        hidden = [c["hidden1"].value] + ([c["hidden2"].value] if c["n_layers"].value == 2 else [])
        return [N_INPUTS, *hidden, N_CLASSES]

    def redraw(self, change=None):
        """Recompute the diagram for the current controls and update the figure's traces in place."""
        start = time.perf_counter()
        c = self.controls
        c["hidden2"].disabled = c["n_layers"].value == 1
        update = network_charts.shapes_update(self.sizes, c["m"].value, lang=self.lang,
                                              backward=c["backward"].value, width=self.width)
        charts.update_figure(self.figure, update)
        self.last_redraw_seconds = time.perf_counter() - start

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _controls(lang, hidden, m, backward):
    def slider(value, bounds):
        return ipw.IntSlider(tooltip=t("explorer.tip", lang), min=bounds[0], max=bounds[1], value=value,
                             continuous_update=True)

    n_max = MAX_HIDDEN_LAYERS
    return {
        "n_layers": ipw.ToggleButtons(value=len(hidden), options=[(str(n), n) for n in range(1, n_max + 1)],
                                      tooltip=t("panel.n_layers.tip", lang), style={"button_width": "3em"}),
        "hidden1": slider(hidden[0], HIDDEN_UNITS),
        "hidden2": slider(hidden[1] if len(hidden) > 1 else SECOND_HIDDEN_DEFAULT, HIDDEN_UNITS),
        "m": slider(m, BATCH_SIZES_M),
        "backward": ipw.Checkbox(description=t("explorer.backward", lang), value=backward, indent=False,
                                 layout={"width": "auto"}, tooltip=t("explorer.backward.tip", lang)),
    }


def _fields(controls, lang):
    """(fields, readouts) of the explorer's controls, each field with the CSS class "mnistlab-<name>"."""
    fields, readouts = {}, {}
    for name, key in (("hidden1", "panel.hidden1"), ("hidden2", "panel.hidden2"), ("m", "explorer.m")):
        fields[name], readouts[name] = slider_field(t(key, lang), controls[name], lang,
                                                    tooltip=controls[name].tooltip)
    fields["n_layers"] = field(t("panel.n_layers", lang), controls["n_layers"], basis="120px", grow=0,
                               tooltip=controls["n_layers"].tooltip)
    fields["backward"] = field("", controls["backward"], basis="auto", shrink=False)
    for name, box in fields.items():
        box.add_class(css_class(name))
    return fields, readouts


def shapes_explorer(*, lang, hidden=(10,), m=64, backward=False):
    """Sliders for one or two hidden sizes and the batch size m, and the live shapes diagram. Lesson 03."""
    return ShapesExplorer(lang=lang, hidden=hidden, m=m, backward=backward)
