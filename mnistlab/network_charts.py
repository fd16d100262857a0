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
from mnistlab.i18n import check_lang, fmt, t

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
TITLE_CHAR_WIDTH = 0.55  # width of an average title character, in font sizes
SHAPES_DEFAULT_WIDTH = 640  # px: the layout of a figure as wide as the notebook until its width is known - a
#                             notebook beside JupyterLab's file browser on a 1024 px projector


def fitted_geometry(layers, m, *, backward=False, activation="relu", scale="sqrt", width_px, font_px=15,
                    height_px=None, smallest_font=10):
    """``shapes.shapes_geometry``, made to fit a narrow plot: each row on one line at font_px or a pixel or
    two less; where that does not fit (a notebook beside the file browser on a projector is ~550 px wide),
    each row in two lines ("W1 @ X + b1" / "→ Z1 ReLU → A1"), at the largest font down to smallest_font
    that fits. Only if nothing fits, the two-line layout at smallest_font (labels may then touch).
    Besides shapes_geometry's keys: "font_px" (the font chosen) and "lines" (rows of matrices drawn)."""
    if scale not in ("sqrt", "log"):
        raise ValueError(f"scale must be 'sqrt' or 'log'; got {scale!r}.")
    rows = shapes.shape_rows(layers, m, backward=backward, activation=activation)
    tries = [(rows, font) for font in range(font_px, font_px - 3, -1)]
    tries += [(_two_lines(rows), font) for font in range(font_px, smallest_font - 1, -1)]
    for candidate, font in tries:
        ppu = shapes.pixels_per_unit(candidate, scale=scale, width_px=width_px, font_px=font,
                                     height_px=height_px)
        if shapes.RowMeasure(candidate, scale, font).widest_row_px(ppu) <= width_px:
            break
    return _geometry(candidate, scale=scale, width_px=width_px, font_px=font, height_px=height_px)


def _two_lines(rows):
    """Each row split before the operator nearest its middle; the formula stays above the first line."""
    out = []
    for formula, items in rows:
        ops = [i for i, item in enumerate(items) if item[0] == "op"]
        cut = min(ops, key=lambda i: (abs(i - len(items) / 2), -i))
        out += [(formula, items[:cut]), ("", items[cut:])]
    return out


def _geometry(rows, *, scale, width_px, font_px, height_px):
    """What ``shapes.shapes_geometry`` returns, for rows given (see ``shapes.shape_rows``)."""
    ppu = shapes.pixels_per_unit(rows, scale=scale, width_px=width_px, font_px=font_px, height_px=height_px)
    unit, measure = font_px / ppu, shapes.RowMeasure(rows, scale, font_px)  # unit: one line of text
    out = {"polygons": {kind: ([], []) for kind in shapes.SHAPE_KINDS},
           "labels": ([], [], []), "ops": ([], [], []), "formulas": ([], [], []), "font_px": font_px,
           "lines": len(rows)}
    y_top = 0.0
    for formula, items in rows:
        if formula:
            shapes._add(out["formulas"], 0.0, y_top - shapes.FORMULA_TOP * unit, formula)
        height = measure.tallest(items)
        y_mid = y_top - shapes.MATRIX_TOP * unit - height / 2
        shapes._place_row(out, measure, items, ppu, y_mid=y_mid,
                          label_y=y_mid - height / 2 - shapes.LABEL_GAP * unit)
        y_top -= height + shapes.ROW_GAP * unit
    top = shapes.TOP_MARGIN * unit
    bottom = y_top + shapes.BOTTOM_MARGIN * unit if height_px is None else top - height_px / ppu
    return {**out, "x_range": [0, width_px / ppu], "y_range": [bottom, top]}


def shape_trace_data(geometry, *, legend=True):
    """key (the trace's meta) -> the x, y (and text) of each shapes trace, as dicts for ``trace.update``."""
    g = geometry
    out = {}
    for kind in shapes.SHAPE_KINDS:
        xs, ys = g["polygons"][kind]
        out[f"shapes.{kind}"] = {"x": xs, "y": ys, "showlegend": legend and bool(xs)}
    for trace_key, key in zip(SHAPES_TEXT_KEYS, ("labels", "ops", "formulas"), strict=True):
        out[trace_key] = dict(zip(("x", "y", "text"), g[key], strict=True))
        out[trace_key]["textfont"] = {"size": g["font_px"] + (key == "ops")}  # operators a pixel larger
    return out


def shapes_traces(layers, m, *, lang, backward=False, activation="relu", scale="sqrt", width_px=1100,
                  font_px=15, height_px=None):
    """The 6 traces of the shapes diagram and the axis ranges: (traces, x_range, y_range).

    One filled trace per kind (parameters, activations, gradients), then the labels under the
    rectangles ("W1 · 10 × 784"), the operators between them and each row's formula.
    """
    check_lang(lang)
    g = fitted_geometry(layers, m, backward=backward, activation=activation, scale=scale, width_px=width_px,
                        font_px=font_px, height_px=height_px)
    polys, labels, ops, formulas = g["polygons"], g["labels"], g["ops"], g["formulas"]
    traces = [go.Scatter(x=polys[k][0], y=polys[k][1], fill="toself", mode="lines", meta=f"shapes.{k}",
                         name=t(_KIND_NAMES[k], lang), fillcolor=_KIND_COLOURS[k], opacity=0.55,
                         line={"color": _KIND_COLOURS[k], "width": 1}, hoverinfo="name",
                         showlegend=bool(polys[k][0])) for k in shapes.SHAPE_KINDS]
    traces += [
        go.Scatter(x=labels[0], y=labels[1], text=labels[2], mode="text", textposition="bottom center",
                   textfont={"size": g["font_px"]}, hoverinfo="text", showlegend=False,
                   name=t("chart.shapes.labels", lang), meta="shapes.labels"),
        go.Scatter(x=ops[0], y=ops[1], text=ops[2], mode="text", textfont={"size": g["font_px"] + 1},
                   hoverinfo="skip", showlegend=False, name=t("chart.shapes.operators", lang),
                   meta="shapes.ops"),
        go.Scatter(x=formulas[0], y=formulas[1], text=formulas[2], mode="text", textposition="bottom right",
                   textfont={"size": g["font_px"], "family": "monospace"}, hoverinfo="skip", showlegend=False,
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


def title_font_px(text, width_px, *, largest=FONT_SIZE, smallest=11):
    """The font size at which a one-line title fits `width_px` pixels (German titles are long), at most
    `largest` (the charts' FONT_SIZE) and at least `smallest`."""
    fits = int(width_px / (TITLE_CHAR_WIDTH * max(1, len(text))))
    return max(smallest, min(largest, fits))


def shapes_title(lang, scale="sqrt"):
    key = {"sqrt": "chart.shapes.scale_sqrt", "log": "chart.shapes.scale_log"}[scale]
    return t("chart.shapes.title", lang) + " · " + t(key, lang)


def shapes_diagram(layers, m, *, lang, backward=False, activation="relu", scale="sqrt", width=1100):
    """Every matrix of the forward pass (and with backward=True of the backward pass) as a rectangle.

    layers: layer sizes such as [784, 10, 10] or [784, 128, 64, 10], or a params dict. m: batch size.
    Each rectangle is labelled "W1 · 10 × 784"; each row reads like its formula, "W1 @ X + b1 → Z1".
    width: the figure's width in pixels, or None: as wide as the notebook (the browser sizes it), laid out
    for ``SHAPES_DEFAULT_WIDTH`` until ``shapes_update`` lays it out for the width the notebook has.
    """
    layout_width = width or SHAPES_DEFAULT_WIDTH
    traces, x_range, y_range = shapes_traces(layers, m, lang=lang, backward=backward, activation=activation,
                                             scale=scale, width_px=shapes_plot_width(layout_width))
    fig = go.Figure(traces)
    title = shapes_title(lang, scale)
    _style(fig, lang, title, width=width, height=shapes_figure_height(x_range, y_range, layout_width))
    fig.update_layout(title_font_size=title_font_px(title, layout_width - 30))
    fig.update_layout(margin=SHAPES_MARGIN, legend={"orientation": "h", "y": -0.02, "yanchor": "top"})
    fig.update_xaxes(visible=False, range=x_range)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor="x")
    return fig


def shapes_update(layers, m, *, lang, backward=False, scale="sqrt", width=None):
    """What changes in a ``shapes_diagram`` figure for new sizes, m or width, as an update (see
    ``update_figure``): the traces' data, the height, the axis ranges, the title's size, and the width
    itself if given (None: the figure stays as wide as the notebook, laid out for SHAPES_DEFAULT_WIDTH)."""
    layout_width = width or SHAPES_DEFAULT_WIDTH
    g = fitted_geometry(layers, m, backward=backward, scale=scale, width_px=shapes_plot_width(layout_width))
    layout = {"height": shapes_figure_height(g["x_range"], g["y_range"], layout_width),
              "xaxis": {"range": g["x_range"]}, "yaxis": {"range": g["y_range"]},
              "title": {"font": {"size": title_font_px(shapes_title(lang, scale), layout_width - 30)}}}
    return {"traces": shape_trace_data(g), "layout": {**layout, **({"width": width} if width else {})}}


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


def dashboard_axes(history, *, lang, steps_per_epoch=1):
    """The layout update that fits the dashboard's curve axes to `history` (None: empty): epochs from 0 to
    the last one (or the last step's epoch) on whole-number ticks, and the gradient norms' decades."""
    epochs = list(_get(history, "epoch"))
    n_steps = len(_get(_get(history, "steps", {}), "loss"))
    axis = epoch_axis(max(epochs[-1] if epochs else 0, (n_steps - 1) / steps_per_epoch))
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
