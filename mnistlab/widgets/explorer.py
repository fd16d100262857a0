"""The shapes explorer (lesson 03): hidden sizes and batch size m in, the shapes diagram redrawn at once."""

import time

import ipywidgets as ipw
import plotly.graph_objects as go

from mnistlab import charts, network_charts
from mnistlab.checks import is_whole
from mnistlab.i18n import check_lang, t

from .controls import STYLE, css_class
from .settings import HIDDEN_UNITS, MAX_HIDDEN_LAYERS, N_CLASSES, N_INPUTS, _hidden_problem

BATCH_SIZES_M = (1, 1024)  # the m slider: from one image to the panel's largest batch
SECOND_HIDDEN_DEFAULT = 32  # the second hidden layer's size until the learner moves its slider


class ShapesExplorer:
    """Hidden sizes and batch size m -> the shapes diagram redraws at once; nothing is trained. Lesson 03.

    ``controls`` (name -> widget, each with the CSS class "mnistlab-<name>"), ``figure`` (the FigureWidget),
    ``widget`` (the box, CSS class "mnistlab-shapes-explorer"), ``last_redraw_seconds``.
    """

    def __init__(self, *, lang, hidden=(10,), m=64, backward=False):
        check_lang(lang)
        self.lang, self.last_redraw_seconds = lang, None

        def slider(key, value, bounds):
            return ipw.IntSlider(description=t(key, lang), tooltip=t("explorer.tip", lang), min=bounds[0],
                                 max=bounds[1], value=value, style=STYLE, continuous_update=True)

        hidden = tuple(hidden) if isinstance(hidden, list | tuple) else (hidden,)
        if _hidden_problem(hidden):
            raise ValueError(f"shapes_explorer: hidden={hidden!r}; give one or {MAX_HIDDEN_LAYERS} hidden "
                             f"sizes {HIDDEN_UNITS[0]} ... {HIDDEN_UNITS[1]}, e.g. hidden=(128, 64)")
        if not (is_whole(m, BATCH_SIZES_M[0]) and m <= BATCH_SIZES_M[1]):
            raise ValueError(f"shapes_explorer: m={m!r}; the batch size m is a whole number "
                             f"{BATCH_SIZES_M[0]} ... {BATCH_SIZES_M[1]}, e.g. m=64")
        self.controls = {
            "n_layers": ipw.ToggleButtons(description=t("panel.n_layers", lang), value=len(hidden),
                                          options=[(str(n), n) for n in range(1, MAX_HIDDEN_LAYERS + 1)],
                                          style=STYLE, tooltip=t("panel.n_layers.tip", lang)),
            "hidden1": slider("panel.hidden1", hidden[0], HIDDEN_UNITS),
            "hidden2": slider("panel.hidden2", hidden[1] if len(hidden) > 1 else SECOND_HIDDEN_DEFAULT,
                              HIDDEN_UNITS),
            "m": slider("explorer.m", m, BATCH_SIZES_M),
            "backward": ipw.Checkbox(description=t("explorer.backward", lang), value=backward, style=STYLE,
                                     indent=False, layout={"width": "auto"},
                                     tooltip=t("explorer.backward.tip", lang)),
        }
        for name, control in self.controls.items():
            control.add_class(css_class(name))
        figure = network_charts.shapes_diagram(self.sizes, m, lang=lang, backward=backward)
        self.figure = go.FigureWidget(figure)
        self.figure.add_class("mnistlab-shapes-chart")
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        c = self.controls
        self.widget = ipw.VBox([ipw.HBox([c["n_layers"], c["hidden1"], c["hidden2"]],
                                         layout={"flex_flow": "row wrap"}),
                                ipw.HBox([c["m"], c["backward"]], layout={"flex_flow": "row wrap"}),
                                self.figure]).add_class("mnistlab-shapes-explorer")
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
        update = network_charts.shapes_update(self.sizes, c["m"].value, backward=c["backward"].value,
                                      width=self.figure.layout.width)
        charts.update_figure(self.figure, update)
        self.last_redraw_seconds = time.perf_counter() - start

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def shapes_explorer(*, lang, hidden=(10,), m=64, backward=False):
    """Sliders for one or two hidden sizes and the batch size m, and the live shapes diagram. Lesson 03."""
    return ShapesExplorer(lang=lang, hidden=hidden, m=m, backward=backward)
