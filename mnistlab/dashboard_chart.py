"""The training panel's dashboard: loss, accuracy and gradient norms above the shapes of the network, in
one plotly figure laid out for the notebook's width. The shapes come from ``mnistlab.network_charts``, the
look and the curve helpers from ``mnistlab.charts``.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mnistlab.charts import (
    LAYER_COLOURS,
    OKABE_ITO,
    _get,
    _grad_norm_series,
    _style,
    finite_xy,
    thin,
)
from mnistlab.i18n import check_lang, fmt, t
from mnistlab.network_charts import (
    SHAPES_DEFAULT_WIDTH,
    fitted_geometry,
    shape_trace_data,
    shapes_title,
    shapes_traces,
    title_font_px,
)

# ---- the training panel's dashboard ----------------------------------------------------------------------
# One figure (one FigureWidget: each one carries plotly's ~5 MB bundle) laid out as a grid that fits the
# notebook's width: the three curve charts side by side where there is room (>= DASHBOARD_COLUMNS' widths),
# else two and one, or one below the other; the shapes of the network below them across the full width.
# The figure's width is the notebook's (the browser sizes it); ``dashboard_layout(width)`` places the
# subplots for it in pixels, so that charts keep their height and axis titles their room at any width.

DASHBOARD_MARGIN = {"l": 70, "r": 20, "t": 80, "b": 20}
DASHBOARD_DEFAULT_WIDTH = SHAPES_DEFAULT_WIDTH  # px: the layout until the notebook's width is known
DASHBOARD_COLUMNS = ((900, 3), (520, 2), (0, 1))  # (figure width from, curve charts per row)
CURVE_PX = 220  # height of a curve chart's plot area
GAP_X = 90  # px between two charts of a row: the right one's tick labels and axis title
GAP_Y = 105  # px between rows: x tick labels and axis title of the row above, subplot title of the next
SHAPES_PX = (300, 100)  # height of the shapes panel's plot area: at least 300 px, 100 px per line of matrices
DASHBOARD_FONT_PX = 13  # the shapes panel's labels: smaller than FONT_SIZE, the panel is only ~300 px high
DASHBOARD_MAX_LAYERS = 3  # room for the gradient norms of W1, W2, W3 (networks with up to two hidden layers)
MAX_EPOCH_TICKS = 6  # at most this many ticks on an epoch axis (whole epochs only)
DASHBOARD_SHAPES_AXES = ("xaxis4", "yaxis4")  # make_subplots numbers subplots row by row: the shapes are 4th
_CURVE_AXES = ("xaxis", "xaxis2", "xaxis3")
CURVE_KEYS = ("loss.steps", "loss.train", "loss.val", "accuracy.train", "accuracy.val",
              *(f"gradnorm.W{l}" for l in range(1, DASHBOARD_MAX_LAYERS + 1)))


def dashboard_grid(width=None, lines=2):
    """Where the dashboard's panels go in a figure `width` pixels wide (None: the default width) whose
    shapes panel draws `lines` lines of matrices (see ``shapes_lines``).

    Returns a dict: "width", "height" (px), "columns" (curve charts per row), "domains" (for the loss,
    accuracy, gradient-norm and shapes panels: (x_domain, y_domain) as fractions of the plot area) and
    "shapes_px" (width, height of the shapes panel in pixels, for ``shapes.shapes_geometry``).
    """
    width = max(int(width or DASHBOARD_DEFAULT_WIDTH), 320)
    columns = next(n for least, n in DASHBOARD_COLUMNS if width >= least)
    rows = [list(range(first, min(first + columns, 3))) for first in range(0, 3, columns)]
    m = DASHBOARD_MARGIN
    plot_w = width - m["l"] - m["r"]
    shapes_px = max(SHAPES_PX[0], SHAPES_PX[1] * lines)
    height = m["t"] + len(rows) * (CURVE_PX + GAP_Y) + shapes_px + m["b"]
    plot_h = height - m["t"] - m["b"]

    def y_domain(top, px):  # from pixels below the plot area's top to paper fractions (y grows upwards)
        return [_fraction(1 - (top + px) / plot_h), _fraction(1 - top / plot_h)]

    domains = []
    for r, charts_in_row in enumerate(rows):
        chart_w = (plot_w - (len(charts_in_row) - 1) * GAP_X) / len(charts_in_row)
        for j in range(len(charts_in_row)):
            left = j * (chart_w + GAP_X)
            domains.append(([_fraction(left / plot_w), _fraction((left + chart_w) / plot_w)],
                            y_domain(r * (CURVE_PX + GAP_Y), CURVE_PX)))
    domains.append(([0.0, 1.0], y_domain(len(rows) * (CURVE_PX + GAP_Y), shapes_px)))
    return {"width": width, "height": height, "columns": columns, "domains": domains,
            "shapes_px": (plot_w, shapes_px)}


def _fraction(value):
    return min(1.0, max(0.0, round(value, 6)))


def dashboard_titles(lang):
    """The titles of the dashboard's four panels, in order."""
    return [t("chart.loss.title", lang), t("chart.accuracy.title", lang), t("chart.gradnorm.title", lang),
            shapes_title(lang)]


def shapes_lines(layers, m, *, activation="relu", width=None):
    """How many lines of matrices the dashboard's shapes panel draws for this network in a dashboard `width`
    pixels wide: a line per layer, or two where one line does not fit the width (see ``fitted_geometry``)."""
    width_px = dashboard_grid(width)["shapes_px"][0]
    fitted = fitted_geometry(layers, m, activation=activation, width_px=width_px, font_px=DASHBOARD_FONT_PX)
    return fitted["lines"]


def dashboard_layout(width, *, lang, lines=2):
    """The layout update (see ``update_figure``) that lays the dashboard out for a figure `width` px wide
    with `lines` lines of matrices: height, the domains of the four panels and their titles' places."""
    grid = dashboard_grid(width, lines)
    layout, titles = {"height": grid["height"]}, []
    plot_w = grid["width"] - DASHBOARD_MARGIN["l"] - DASHBOARD_MARGIN["r"]
    panels = zip(grid["domains"], dashboard_titles(lang), strict=True)
    for i, ((x_domain, y_domain), text) in enumerate(panels):
        suffix = "" if i == 0 else str(i + 1)
        layout[f"xaxis{suffix}"], layout[f"yaxis{suffix}"] = {"domain": x_domain}, {"domain": y_domain}
        room = (x_domain[1] - x_domain[0]) * plot_w + (GAP_X if i < 3 else 0)  # a title may reach into gaps
        titles.append({"text": text, "x": (x_domain[0] + x_domain[1]) / 2, "y": y_domain[1], "xref": "paper",
                       "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                       "font": {"size": title_font_px(text, room)}})
    plot_h = grid["height"] - DASHBOARD_MARGIN["t"] - DASHBOARD_MARGIN["b"]
    layout["annotations"] = titles
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1 + 34 / plot_h, "yanchor": "bottom"}
    return layout


def dashboard(layers, m, *, lang, activation="relu", width=None):
    """The training panel's one figure: loss, accuracy and gradient norms per layer, and the shapes of the
    network below them across the full width. width: None (as wide as the notebook; laid out for
    ``DASHBOARD_DEFAULT_WIDTH`` until ``dashboard_layout`` gets the real width) or pixels.

    Every trace has a key in its meta: ``CURVE_KEYS`` for the curves (fill them with ``dashboard_curves``),
    then ``SHAPES_KEYS`` for the shapes (``dashboard_shapes_update``).
    """
    check_lang(lang)
    fig = make_subplots(rows=2, cols=3, specs=[[{}, {}, {}], [{"colspan": 3}, None, None]],
                        subplot_titles=dashboard_titles(lang))
    blue, orange = OKABE_ITO["blue"], OKABE_ITO["orange"]
    for key, name, colour, dash, line_width, group, col in (
            ("loss.steps", "chart.train_steps", OKABE_ITO["sky"], "solid", 1, "steps", 1),
            ("loss.train", "chart.train", blue, "solid", 3, "train", 1),
            ("loss.val", "chart.validation", orange, "dash", 3, "val", 1),
            ("accuracy.train", "chart.train", blue, "solid", 3, "train", 2),
            ("accuracy.val", "chart.validation", orange, "dash", 3, "val", 2)):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines" if group == "steps" else "lines+markers", meta=key,
                                 name=t(name, lang), legendgroup=group, showlegend=col == 1, cliponaxis=False,
                                 line={"color": colour, "dash": dash, "width": line_width}), row=1, col=col)
    for l in range(1, DASHBOARD_MAX_LAYERS + 1):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=f"‖dW{l}‖", visible=False,
                                 meta=f"gradnorm.W{l}", line={"color": LAYER_COLOURS[l - 1], "width": 2}),
                      row=1, col=3)
    lines = shapes_lines(layers, m, activation=activation, width=width)
    width_px, height_px = dashboard_grid(width, lines)["shapes_px"]
    traces, x_range, y_range = shapes_traces(layers, m, lang=lang, activation=activation, width_px=width_px,
                                             height_px=height_px, font_px=DASHBOARD_FONT_PX)
    for trace in traces:
        trace.showlegend = False
        fig.add_trace(trace, row=2, col=1)
    _style(fig, lang, None, width=width)
    fig.update_layout(margin=DASHBOARD_MARGIN)
    fig.update_layout(dashboard_layout(width, lang=lang, lines=lines))
    for col, y_title in ((1, "chart.loss.y"), (2, "chart.accuracy.y"), (3, "chart.gradnorm.y")):
        fig.update_xaxes(title_text=t("chart.epoch", lang), row=1, col=col)
        fig.update_yaxes(title_text=t(y_title, lang), row=1, col=col)
    fig.update_yaxes(range=[0, 100], row=1, col=2)
    fig.update_yaxes(type="log", row=1, col=3)
    fig.update_layout(dashboard_axes(None, lang=lang))
    fig.update_xaxes(visible=False, range=x_range, constrain="domain", row=2, col=1)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor=DASHBOARD_SHAPES_AXES[0].replace("axis", ""),
                     constrain="domain", row=2, col=1)
    return fig


def dashboard_shapes_update(layers, m, *, activation="relu", width=None, lang="en"):
    """The update (see ``update_figure``) that redraws the dashboard's shapes for new layer sizes, m or width
    (None: the default width), and lays the dashboard out again: the shapes panel grows with its lines (its
    titles in `lang`, the dashboard's language)."""
    lines = shapes_lines(layers, m, activation=activation, width=width)
    width_px, height_px = dashboard_grid(width, lines)["shapes_px"]
    g = fitted_geometry(layers, m, activation=activation, width_px=width_px, height_px=height_px,
                        font_px=DASHBOARD_FONT_PX)
    layout = dashboard_layout(width, lang=lang, lines=lines)
    x_axis, y_axis = DASHBOARD_SHAPES_AXES
    layout[x_axis]["range"], layout[y_axis]["range"] = g["x_range"], g["y_range"]
    return {"traces": shape_trace_data(g, legend=False), "layout": layout}


def epoch_axis(last_epoch):
    """An epoch axis from 0 to the last epoch (at least 1), ticks on whole epochs only: never a negative or
    a fractional epoch, also for an empty or a one-point history."""
    end = max(1, int(np.ceil(last_epoch or 0)))
    steps = (mult * 10**k for k in range(7) for mult in (1, 2, 5))
    step = next(s for s in steps if end / s <= MAX_EPOCH_TICKS)
    return {"range": [0, end], "autorange": False, "tick0": 0, "dtick": step, "tickformat": "d"}


def decade_label(power, lang):
    """The tick label of 10^power on a log axis, in the lesson's number format: "0,01" ... "1.000" in
    German, "0.01" ... "1,000" in English, and "10⁻⁵" beyond."""
    if -4 <= power <= 4:
        return fmt("{v:,." + str(max(0, -power)) + "f}", lang, v=10.0**power)
    return "10" + str(power).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def log_axis(values, *, lang, default=(-3, 1)):
    """A log axis from the decade below the smallest positive value to the decade above the largest, with
    a tick at each power of ten only (labelled by ``decade_label``): no "2" and "5" between them."""
    positive = [v for v in values if v is not None and np.isfinite(v) and v > 0]
    low, high = default
    if positive:
        low, high = int(np.floor(np.log10(min(positive)))), int(np.ceil(np.log10(max(positive))))
        high = max(high, low + 1)
    powers = range(low, high + 1)
    return {"range": [low, high], "autorange": False, "tickmode": "array",
            "tickvals": [10.0**p for p in powers], "ticktext": [decade_label(p, lang) for p in powers]}


def dashboard_axes(history, *, lang, steps_per_epoch=1, planned_epochs=0):
    """The layout update that fits the dashboard's curve axes to `history` (None: empty): epochs from 0 to
    the last one (or the last step's epoch; while a run trains, to the epoch it will end with,
    planned_epochs, so that the curves grow into a still axis) on whole-number ticks, and the gradient
    norms' decades."""
    epochs = list(_get(history, "epoch"))
    n_steps = len(_get(_get(history, "steps", {}), "loss"))
    axis = epoch_axis(max(epochs[-1] if epochs else 0, (n_steps - 1) / steps_per_epoch, planned_epochs))
    layout = {name: dict(axis) for name in _CURVE_AXES}
    norms = [v for values in _grad_norm_series(history).values() for v in values]
    layout["yaxis3"] = log_axis(norms, lang=lang)
    return layout


def dashboard_curves(history, *, steps_per_epoch, max_points=400):
    """key -> data of the dashboard's curve traces (``CURVE_KEYS``) as dicts for ``trace.update``.

    Per-step series are averaged down to about max_points and placed at x = (step - 1) / steps_per_epoch -
    a step's loss and gradient are measured before its update, after step - 1 updates - so they share the
    epoch axis with the per-epoch points. Non-finite values are dropped. history None: empty.
    """
    epochs = list(_get(history, "epoch"))
    steps = _get(history, "steps", {})

    def arrays(x, y, scale_y=1.0, scale_x=1.0):  # NumPy arrays: plotly validates them much faster than lists
        return {"x": np.asarray(x, dtype=float) * scale_x, "y": np.asarray(y, dtype=float) * scale_y}

    def per_step(values):
        x, y = thin(values, max_points)
        return arrays(np.asarray(x, dtype=float) - 1, y, scale_x=1 / steps_per_epoch)

    out = {"loss.steps": per_step(_get(steps, "loss"))}
    for trace_key, key, scale in (("loss.train", "loss", 1), ("loss.val", "val_loss", 1),
                                  ("accuracy.train", "accuracy", 100), ("accuracy.val", "val_accuracy", 100)):
        out[trace_key] = arrays(*finite_xy(epochs, _get(history, key)), scale_y=scale)
    norms = _grad_norm_series(history)
    for l in range(1, DASHBOARD_MAX_LAYERS + 1):
        values = norms.get(f"W{l}")
        if values is None:
            out[f"gradnorm.W{l}"] = {**arrays([], []), "visible": False}
        else:
            positive = [v if v > 0 else float("nan") for v in values]  # log axis: zeros dropped
            out[f"gradnorm.W{l}"] = {**per_step(positive), "visible": True}
    return out
