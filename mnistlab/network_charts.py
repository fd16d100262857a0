"""Figures of the network itself: the shapes diagram (lesson 03's explorer) and the training panel's
dashboard (loss, accuracy and gradient norms above the shapes of the network). Plotly figures only; the
geometry comes from ``mnistlab.shapes``, the look and the curve helpers from ``mnistlab.charts``.
"""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mnistlab import shapes
from mnistlab.charts import (
    FONT_SIZE,
    LAYER_COLOURS,
    OKABE_ITO,
    _get,
    _grad_norm_series,
    _style,
    finite_xy,
    thin,
)
from mnistlab.i18n import check_lang, t

# ---- shapes of the forward (and backward) pass -----------------------------------------------------------
# The geometry lives in mnistlab.shapes; here it becomes traces. Every trace of a figure a widget updates
# carries a stable key in its `meta` (plotly's free field; a FigureWidget replaces every `uid` by a random
# one), so that it is updated - and found by a test or in the browser - by key, never by position.

_KIND_COLOURS = {"param": OKABE_ITO["blue"], "activation": OKABE_ITO["green"],
                 "gradient": OKABE_ITO["vermillion"]}
_KIND_NAMES = {"param": "chart.shapes.params", "activation": "chart.shapes.activations",
               "gradient": "chart.shapes.gradients"}
SHAPES_TEXT_KEYS = ("shapes.labels", "shapes.ops", "shapes.formulas")
SHAPES_KEYS = tuple(f"shapes.{kind}" for kind in shapes.SHAPE_KINDS) + SHAPES_TEXT_KEYS
SHAPES_MARGIN = {"l": 30, "r": 30, "t": 80, "b": 90}  # the diagram's margins: title above, legend below
SHAPES_MIN_HEIGHT = 300  # px: a one-layer diagram is flat; the title and legend still need room


def shape_trace_data(geometry, *, legend=True):
    """key (the trace's meta) -> the x, y (and text) of each shapes trace, as dicts for ``trace.update``."""
    g = geometry
    out = {}
    for kind in shapes.SHAPE_KINDS:
        xs, ys = g["polygons"][kind]
        out[f"shapes.{kind}"] = {"x": xs, "y": ys, "showlegend": legend and bool(xs)}
    for trace_key, key in zip(SHAPES_TEXT_KEYS, ("labels", "ops", "formulas"), strict=True):
        out[trace_key] = dict(zip(("x", "y", "text"), g[key], strict=True))
    return out


def shapes_traces(layers, m, *, lang, backward=False, activation="relu", scale="sqrt", width_px=1100,
                  font_px=15, height_px=None):
    """The 6 traces of the shapes diagram and the axis ranges: (traces, x_range, y_range).

    One filled trace per kind (parameters, activations, gradients), then the labels under the
    rectangles ("W1 · 10 × 784"), the operators between them and each row's formula.
    """
    check_lang(lang)
    g = shapes.shapes_geometry(layers, m, backward=backward, activation=activation, scale=scale,
                               width_px=width_px, font_px=font_px, height_px=height_px)
    polys, labels, ops, formulas = g["polygons"], g["labels"], g["ops"], g["formulas"]
    traces = [go.Scatter(x=polys[k][0], y=polys[k][1], fill="toself", mode="lines", meta=f"shapes.{k}",
                         name=t(_KIND_NAMES[k], lang), fillcolor=_KIND_COLOURS[k], opacity=0.55,
                         line={"color": _KIND_COLOURS[k], "width": 1}, hoverinfo="name",
                         showlegend=bool(polys[k][0])) for k in shapes.SHAPE_KINDS]
    traces += [
        go.Scatter(x=labels[0], y=labels[1], text=labels[2], mode="text", textposition="bottom center",
                   textfont={"size": font_px}, hoverinfo="text", showlegend=False,
                   name=t("chart.shapes.labels", lang), meta="shapes.labels"),
        go.Scatter(x=ops[0], y=ops[1], text=ops[2], mode="text", textfont={"size": font_px + 1},
                   hoverinfo="skip", showlegend=False, name=t("chart.shapes.operators", lang),
                   meta="shapes.ops"),
        go.Scatter(x=formulas[0], y=formulas[1], text=formulas[2], mode="text", textposition="bottom right",
                   textfont={"size": font_px, "family": "monospace"}, hoverinfo="skip", showlegend=False,
                   name=t("chart.shapes.formulas", lang), meta="shapes.formulas"),
    ]
    return traces, g["x_range"], g["y_range"]


def shapes_plot_width(width):
    """Width in pixels of the plot area of a shapes diagram `width` pixels wide."""
    return width - SHAPES_MARGIN["l"] - SHAPES_MARGIN["r"]


def shapes_figure_height(x_range, y_range, width):
    """Figure height in pixels that shows the diagram's ranges at equal scale in a figure `width` wide."""
    plot_height = shapes.shapes_height(x_range, y_range, shapes_plot_width(width))
    return max(SHAPES_MIN_HEIGHT, int(plot_height + SHAPES_MARGIN["t"] + SHAPES_MARGIN["b"]))


def shapes_title(lang, scale="sqrt"):
    key = {"sqrt": "chart.shapes.scale_sqrt", "log": "chart.shapes.scale_log"}[scale]
    return t("chart.shapes.title", lang) + " · " + t(key, lang)


def shapes_diagram(layers, m, *, lang, backward=False, activation="relu", scale="sqrt", width=1100):
    """Every matrix of the forward pass (and with backward=True of the backward pass) as a rectangle.

    layers: layer sizes such as [784, 10, 10] or [784, 128, 64, 10], or a params dict. m: batch size.
    Each rectangle is labelled "W1 · 10 × 784"; each row reads like its formula, "W1 @ X + b1 → Z1".
    """
    traces, x_range, y_range = shapes_traces(layers, m, lang=lang, backward=backward, activation=activation,
                                             scale=scale, width_px=shapes_plot_width(width))
    fig = go.Figure(traces)
    _style(fig, lang, shapes_title(lang, scale), width=width,
           height=shapes_figure_height(x_range, y_range, width))
    fig.update_layout(margin=SHAPES_MARGIN, legend={"orientation": "h", "y": -0.02, "yanchor": "top"})
    fig.update_xaxes(visible=False, range=x_range)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor="x")
    return fig


def shapes_update(layers, m, *, backward=False, width=1100):
    """What changes in a ``shapes_diagram`` figure `width` wide for new sizes or m, as an update (see
    ``update_figure``): the traces' data, the height and the axis ranges."""
    g = shapes.shapes_geometry(layers, m, backward=backward, width_px=shapes_plot_width(width))
    return {"traces": shape_trace_data(g),
            "layout": {"height": shapes_figure_height(g["x_range"], g["y_range"], width),
                       "xaxis": {"range": g["x_range"]}, "yaxis": {"range": g["y_range"]}}}


# ---- the training panel's dashboard ----------------------------------------------------------------------

DASHBOARD_SIZE = (1000, 860)  # px, fixed: the shapes panel below the curves is laid out for this size
DASHBOARD_MARGIN = {"l": 70, "r": 20, "t": 50, "b": 20}
DASHBOARD_ROW_HEIGHTS = (0.55, 0.45)  # curves above, shapes below
DASHBOARD_ROW_SPACING = 0.14  # share of the plot height between the two rows (room for the x-axis titles)
DASHBOARD_FONT_PX = 13  # the shapes panel's labels: smaller than FONT_SIZE, the panel is only ~300 px high
DASHBOARD_MAX_LAYERS = 3  # room for the gradient norms of W1, W2, W3 (networks with up to two hidden layers)
_SHAPES_AXES = ("xaxis4", "yaxis4")  # make_subplots numbers the subplots row by row: row 2 is the 4th


def _dashboard_shapes_px():
    """(width, height) in pixels of the dashboard's shapes panel, from the figure size, margins and rows."""
    width, height = DASHBOARD_SIZE
    plot_width = width - DASHBOARD_MARGIN["l"] - DASHBOARD_MARGIN["r"]
    plot_height = height - DASHBOARD_MARGIN["t"] - DASHBOARD_MARGIN["b"]
    share = DASHBOARD_ROW_HEIGHTS[1] / sum(DASHBOARD_ROW_HEIGHTS) * (1 - DASHBOARD_ROW_SPACING)
    return plot_width, int(plot_height * share)


DASHBOARD_SHAPES_PX = _dashboard_shapes_px()
CURVE_KEYS = ("loss.steps", "loss.train", "loss.val", "accuracy.train", "accuracy.val",
              *(f"gradnorm.W{l}" for l in range(1, DASHBOARD_MAX_LAYERS + 1)))


def dashboard(layers, m, *, lang, activation="relu"):
    """The training panel's one figure: loss, accuracy and gradient norms per layer side by side, and the
    shapes of the network below them across the full width (``DASHBOARD_SIZE``).

    Every trace has a key in its meta: ``CURVE_KEYS`` for the curves (fill them with ``dashboard_curves``),
    then ``SHAPES_KEYS`` for the shapes (``dashboard_shapes_update``).
    """
    check_lang(lang)
    fig = make_subplots(rows=2, cols=3, specs=[[{}, {}, {}], [{"colspan": 3}, None, None]],
                        row_heights=list(DASHBOARD_ROW_HEIGHTS), vertical_spacing=DASHBOARD_ROW_SPACING,
                        horizontal_spacing=0.08,
                        subplot_titles=[t("chart.loss.title", lang), t("chart.accuracy.title", lang),
                                        t("chart.gradnorm.title", lang), shapes_title(lang)])
    blue, orange = OKABE_ITO["blue"], OKABE_ITO["orange"]
    for key, name, colour, dash, width, group, col in (
            ("loss.steps", "chart.train_steps", OKABE_ITO["sky"], "solid", 1, "steps", 1),
            ("loss.train", "chart.train", blue, "solid", 3, "train", 1),
            ("loss.val", "chart.validation", orange, "dash", 3, "val", 1),
            ("accuracy.train", "chart.train", blue, "solid", 3, "train", 2),
            ("accuracy.val", "chart.validation", orange, "dash", 3, "val", 2)):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines" if group == "steps" else "lines+markers", meta=key,
                                 name=t(name, lang), legendgroup=group, showlegend=col == 1,
                                 line={"color": colour, "dash": dash, "width": width}), row=1, col=col)
    for l in range(1, DASHBOARD_MAX_LAYERS + 1):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=f"‖dW{l}‖", visible=False,
                                 meta=f"gradnorm.W{l}", line={"color": LAYER_COLOURS[l - 1], "width": 2}),
                      row=1, col=3)
    width_px, height_px = DASHBOARD_SHAPES_PX
    traces, x_range, y_range = shapes_traces(layers, m, lang=lang, activation=activation, width_px=width_px,
                                             height_px=height_px, font_px=DASHBOARD_FONT_PX)
    for trace in traces:
        trace.showlegend = False
        fig.add_trace(trace, row=2, col=1)
    _style(fig, lang, None, width=DASHBOARD_SIZE[0], height=DASHBOARD_SIZE[1])
    fig.update_layout(margin=DASHBOARD_MARGIN,
                      legend={"orientation": "h", "x": 0, "y": 1.06, "yanchor": "bottom"})
    fig.update_annotations(font_size=FONT_SIZE)
    for col, y_title in ((1, "chart.loss.y"), (2, "chart.accuracy.y"), (3, "chart.gradnorm.y")):
        fig.update_xaxes(title_text=t("chart.epoch", lang), row=1, col=col)
        fig.update_yaxes(title_text=t(y_title, lang), row=1, col=col)
    fig.update_yaxes(range=[0, 100], row=1, col=2)
    fig.update_yaxes(type="log", dtick="D2", row=1, col=3)  # log ticks at 1, 2, 5 x 10^k only
    fig.update_xaxes(visible=False, range=x_range, constrain="domain", row=2, col=1)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor=_SHAPES_AXES[0].replace("axis", ""),
                     constrain="domain", row=2, col=1)
    return fig


def dashboard_shapes_update(layers, m, *, activation="relu"):
    """The update (see ``update_figure``) that redraws the dashboard's shapes for new layer sizes or m."""
    width_px, height_px = DASHBOARD_SHAPES_PX
    g = shapes.shapes_geometry(layers, m, activation=activation, width_px=width_px, height_px=height_px,
                               font_px=DASHBOARD_FONT_PX)
    return {"traces": shape_trace_data(g, legend=False),
            "layout": {_SHAPES_AXES[0]: {"range": g["x_range"]}, _SHAPES_AXES[1]: {"range": g["y_range"]}}}


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
