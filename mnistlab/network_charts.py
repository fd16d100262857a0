"""Figures of the network itself: the shapes diagram of lesson 03's explorer, also drawn below the curves of
the training panel's dashboard (``mnistlab.dashboard_chart``). Plotly figures only; the geometry comes from
``mnistlab.shapes``, the look from ``mnistlab.charts``.
"""

import plotly.graph_objects as go

from mnistlab import shapes
from mnistlab.charts import (
    FONT_SIZE,
    OKABE_ITO,
    _style,
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
