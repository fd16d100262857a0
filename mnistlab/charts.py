"""Charts: arrays (and ``lang``) in, a plotly ``go.Figure`` out. Used by lessons 01-09 and by the widgets.

Every builder is pure: it never calls ``.show()``, never trains, never reads files. All titles, axis labels
and legend names come from ``mnistlab.i18n.t`` in the language asked for. Colours are the Okabe-Ito palette
(safe for the common colour-vision deficiencies), fonts are large enough for a projector. Curves drop
non-finite values, so a diverged run never puts NaN on screen.

A ``history`` argument is the ``History`` that ``ml.train`` returns, or any mapping with the same keys
("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "steps").
"""

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mnistlab.i18n import check_lang, t

OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}
LAYER_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion")]
FONT_SIZE = 18


def _style(fig, lang, title, *, height=None, width=None, legend=True):
    """Common look: white template, big fonts, German decimal commas for lang="de"."""
    fig.update_layout(template="plotly_white", font={"size": FONT_SIZE}, title={"text": title, "x": 0.02},
                      separators=",." if lang == "de" else ".,", margin={"l": 70, "r": 30, "t": 80, "b": 60},
                      showlegend=legend, legend={"font": {"size": FONT_SIZE - 2}})
    if height:
        fig.update_layout(height=height)
    if width:
        fig.update_layout(width=width)
    return fig


def _get(history, key, default=()):
    if history is None:
        return default
    value = history.get(key, default) if isinstance(history, dict) else getattr(history, key, default)
    return default if value is None else value


def finite_xy(x, y):
    """Pairs (x, y) with a finite y as two lists: a diverged run shows its last finite point, never NaN."""
    pairs = [(a, float(b)) for a, b in zip(x, y, strict=False) if b is not None and math.isfinite(b)]
    return [a for a, _ in pairs], [b for _, b in pairs]


def thin(y, max_points=400):
    """(x, y) of a per-step series averaged over blocks so at most ~max_points remain; x = step number."""
    x, y = finite_xy(range(1, len(y) + 1), y)
    block = max(1, math.ceil(len(y) / max_points))
    if block == 1:
        return x, y
    n = len(y) // block * block
    xs = np.asarray(x[:n], dtype=float).reshape(-1, block).mean(axis=1)
    ys = np.asarray(y[:n]).reshape(-1, block).mean(axis=1)
    return xs.tolist() + x[n:], ys.tolist() + y[n:]


# ---- images ----------------------------------------------------------------------------------------------

def _mosaic(tiles, n_cols, gap=2):
    """(n, 28, 28) tiles -> one 2-D array with NaN gaps (shown as background) and each tile's origin."""
    n, h, w = tiles.shape
    n_rows = max(1, math.ceil(n / n_cols))
    out = np.full((n_rows * (h + gap) - gap, n_cols * (w + gap) - gap), np.nan)
    origins = []
    for i, tile in enumerate(tiles):
        r, c = divmod(i, n_cols)
        out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = tile
        origins.append((r * (h + gap), c * (w + gap)))
    return out, origins


def _image_axes(fig, **where):
    fig.update_xaxes(visible=False, constrain="domain", **where)
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", **where)


def _columns(X, name="X"):
    X = np.asarray(X)
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or X.shape[0] != 784:
        raise ValueError(f"{name} must have shape (784, m), one column per image; got {X.shape}. "
                         f"For rows of images (m, 784) pass {name}.T.")
    return X


def digit_grid(X, y_true=None, y_pred=None, *, lang, n_cols=10, max_images=40):
    """The first images of X (784, m) in a grid, with true labels and, if given, predictions.

    Wrong predictions are framed in vermillion and labelled "true → predicted".
    """
    check_lang(lang)
    X = _columns(X)[:, :max_images]
    n = X.shape[1]
    n_cols = max(1, min(n_cols, n))
    z, origins = _mosaic(X.T.reshape(n, 28, 28), n_cols)
    fig = go.Figure(go.Heatmap(z=z, colorscale="Greys", zmin=0, zmax=1, showscale=False,
                               hovertemplate=t("chart.digits.hover", lang) + "<extra></extra>"))
    wrong = 0
    for i, (r, c) in enumerate(origins):
        if y_true is None:
            continue
        label, is_wrong = f"{int(y_true[i])}", False
        if y_pred is not None and int(y_pred[i]) != int(y_true[i]):
            label, is_wrong = f"{int(y_true[i])}→{int(y_pred[i])}", True
            wrong += 1
            fig.add_shape(type="rect", x0=c - 1, y0=r - 1, x1=c + 28, y1=r + 28,
                          line={"color": OKABE_ITO["vermillion"], "width": 3})
        fig.add_annotation(x=c + 14, y=r + 28, yanchor="top", text=label, showarrow=False,
                           font={"size": FONT_SIZE - 2,
                                 "color": OKABE_ITO["vermillion"] if is_wrong else OKABE_ITO["black"]})
    if y_pred is not None and y_true is not None:
        title = t("chart.digits.title_predicted", lang, n=n, wrong=wrong)
    else:
        title = t("chart.digits.title", lang, n=n)
    _style(fig, lang, title, legend=False, height=140 + 75 * math.ceil(n / n_cols))
    _image_axes(fig)
    return fig


def weights_as_images(W1, *, lang, max_units=32, n_cols=8):
    """Rows of W1 (n_h, 784) as 28 x 28 tiles: what each hidden unit 'looks for'. 0 is white, the colour
    scale diverges to blue (positive) and red (negative)."""
    check_lang(lang)
    W1 = np.asarray(W1)
    if W1.ndim != 2 or W1.shape[1] != 784:
        raise ValueError(f"W1 must have shape (n_h, 784); got {W1.shape}. Pass params['W1'].")
    tiles = W1[:max_units].reshape(-1, 28, 28)
    z, _ = _mosaic(tiles, min(n_cols, len(tiles)))
    limit = float(np.nanmax(np.abs(tiles))) or 1.0
    fig = go.Figure(go.Heatmap(z=z, colorscale="RdBu", zmid=0, zmin=-limit, zmax=limit,
                               colorbar={"title": {"text": t("chart.weights.colorbar", lang)}},
                               hovertemplate=t("chart.weights.hover", lang) + "<extra></extra>"))
    _style(fig, lang, t("chart.weights.title", lang, n=len(tiles), n_h=W1.shape[0]), legend=False,
           height=160 + 90 * math.ceil(len(tiles) / n_cols))
    _image_axes(fig)
    return fig


# ---- small functions -------------------------------------------------------------------------------------

def activation_plot(*, lang, z_min=-5.0, z_max=5.0):
    """ReLU and sigmoid with their derivatives on [z_min, z_max] (lesson 02)."""
    check_lang(lang)
    from mnistlab import functions  # the core; imported here so charts load without it

    z = np.linspace(z_min, z_max, 401)
    fig = go.Figure()
    curves = [("ReLU", functions.relu, OKABE_ITO["blue"], "solid"),
              ("ReLU", functions.relu_prime, OKABE_ITO["blue"], "dash"),
              ("sigmoid", functions.sigmoid, OKABE_ITO["orange"], "solid"),
              ("sigmoid", functions.sigmoid_prime, OKABE_ITO["orange"], "dash")]
    for name, f, colour, dash in curves:
        label = name if dash == "solid" else t("chart.activation.derivative", lang, name=name)
        fig.add_trace(go.Scatter(x=z, y=np.asarray(f(z), dtype=float), name=label, mode="lines",
                                 line={"color": colour, "dash": dash, "width": 3}))
    _style(fig, lang, t("chart.activation.title", lang), height=450)
    fig.update_xaxes(title_text=t("chart.activation.x", lang))
    fig.update_yaxes(title_text=t("chart.activation.y", lang))
    return fig


def probabilities(p, *, lang, true_label=None):
    """Bar chart of the 10 class probabilities of one image (a (10,) or (10, 1) array)."""
    check_lang(lang)
    p = np.asarray(p, dtype=float).reshape(-1)
    if p.shape != (10,):
        raise ValueError(f"p must hold 10 probabilities (one per digit); got shape {p.shape}.")
    best = int(np.argmax(p))
    colours = [OKABE_ITO["vermillion"] if k == best else OKABE_ITO["sky"] for k in range(10)]
    fig = go.Figure(go.Bar(x=list(range(10)), y=p, marker_color=colours, name=t("chart.proba.y", lang),
                           text=[f"{v:.0%}" if v >= 0.01 else "" for v in p], textposition="outside",
                           hovertemplate=t("chart.proba.hover", lang) + "<extra></extra>"))
    title = t("chart.proba.title", lang, digit=best, p=100 * p[best])
    if true_label is not None:
        title += " · " + t("chart.proba.true", lang, digit=int(true_label))
    _style(fig, lang, title, legend=False, height=420)
    fig.update_xaxes(title_text=t("chart.proba.x", lang), tickmode="linear", dtick=1)
    fig.update_yaxes(title_text=t("chart.proba.y", lang), range=[0, 1.15], tickformat=".0%")
    return fig


def prediction_view(x, p, *, lang):
    """Two panels for draw-a-digit: the 28 x 28 input the network sees, and its probabilities."""
    check_lang(lang)
    x = np.asarray(x, dtype=float).reshape(28, 28)
    bars = probabilities(p, lang=lang)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.35, 0.65], horizontal_spacing=0.08,
                        subplot_titles=[t("chart.drawing.input", lang), t("chart.proba.x", lang)])
    fig.add_trace(go.Heatmap(z=x, colorscale="Greys", zmin=0, zmax=1, showscale=False,
                             hovertemplate=t("chart.digits.hover", lang) + "<extra></extra>"), row=1, col=1)
    fig.add_trace(bars.data[0], row=1, col=2)
    _style(fig, lang, bars.layout.title.text, legend=False, height=420)
    _image_axes(fig, row=1, col=1)
    fig.update_xaxes(tickmode="linear", dtick=1, row=1, col=2)
    fig.update_yaxes(range=[0, 1.15], tickformat=".0%", row=1, col=2)
    return fig


def confusion_matrix(cm, *, lang):
    """Heatmap of a 10 x 10 confusion matrix (rows: true digit, columns: prediction), counts written in."""
    check_lang(lang)
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1]:
        raise ValueError(f"cm must be a square (n_classes, n_classes) matrix; got {cm.shape}. "
                         "Build it with ml.confusion_matrix(y_true, y_pred).")
    k = cm.shape[0]
    accuracy = 100 * np.trace(cm) / max(cm.sum(), 1)
    fig = go.Figure(go.Heatmap(z=cm, x=list(range(k)), y=list(range(k)), colorscale="Blues",
                               texttemplate="%{z}", textfont={"size": FONT_SIZE - 4},
                               colorbar={"title": {"text": t("chart.confusion.colorbar", lang)}},
                               hovertemplate=t("chart.confusion.hover", lang) + "<extra></extra>"))
    _style(fig, lang, t("chart.confusion.title", lang, accuracy=accuracy), legend=False, height=600,
           width=680)
    fig.update_xaxes(title_text=t("chart.confusion.x", lang), tickmode="linear", dtick=1, side="bottom")
    fig.update_yaxes(title_text=t("chart.confusion.y", lang), tickmode="linear", dtick=1,
                     autorange="reversed", scaleanchor="x")
    return fig


# ---- training curves -------------------------------------------------------------------------------------

def _train_val_curve(history, keys, *, lang, title, scale=1.0):
    """Training and validation series of `history` (e.g. ("loss", "val_loss")) per epoch, one figure."""
    check_lang(lang)
    fig = go.Figure()
    epochs = _get(history, "epoch")
    for key, name, colour, dash in ((keys[0], "chart.train", "blue", "solid"),
                                    (keys[1], "chart.validation", "orange", "dash")):
        x, y = finite_xy(epochs, _get(history, key))
        if y:
            fig.add_trace(go.Scatter(x=x, y=[scale * v for v in y], mode="lines+markers", name=t(name, lang),
                                     line={"color": OKABE_ITO[colour], "dash": dash, "width": 3}))
    _style(fig, lang, title, height=450)
    fig.update_xaxes(title_text=t("chart.epoch", lang))
    return fig


def loss_curve(history, *, lang, log_y=False):
    """Training and validation loss per epoch (epoch 0 = before training)."""
    fig = _train_val_curve(history, ("loss", "val_loss"), lang=lang, title=t("chart.loss.title", lang))
    fig.update_yaxes(title_text=t("chart.loss.y", lang), type="log" if log_y else "linear")
    return fig


def accuracy_curve(history, *, lang):
    """Training and validation accuracy in percent per epoch."""
    fig = _train_val_curve(history, ("accuracy", "val_accuracy"), lang=lang,
                           title=t("chart.accuracy.title", lang), scale=100.0)
    fig.update_yaxes(title_text=t("chart.accuracy.y", lang), range=[0, 100])
    return fig


def _grad_norm_series(history):
    norms = _get(_get(history, "steps", {}), "grad_norm", {})
    return {name: norms[name] for name in sorted(norms, key=lambda s: (len(s), s)) if name.startswith("W")}


def gradient_norms(history, *, lang):
    """Norm of dW1, dW2, ... per training step (needs ``train(..., record_steps=True)``), log scale."""
    check_lang(lang)
    fig = go.Figure()
    for i, (name, values) in enumerate(_grad_norm_series(history).items()):
        x, y = thin(values)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name=f"‖d{name}‖",
                                 line={"color": LAYER_COLOURS[i % len(LAYER_COLOURS)], "width": 2}))
    _style(fig, lang, t("chart.gradnorm.title", lang), height=450)
    fig.update_xaxes(title_text=t("chart.step", lang))
    fig.update_yaxes(title_text=t("chart.gradnorm.y", lang), type="log", dtick="D2")
    return fig


def gradient_histogram(grads, *, lang, bins=60):
    """Histogram of the entries of dW1, dW2, ... (a dict from ``ml.backward``, keys "dW1" or "W1")."""
    check_lang(lang)
    fig = go.Figure()
    names = sorted((k for k in grads if k.lstrip("d").startswith("W")), key=lambda s: (len(s), s))
    for i, key in enumerate(names):
        values = np.asarray(grads[key], dtype=float).ravel()
        values = values[np.isfinite(values)]
        fig.add_trace(go.Histogram(x=values, nbinsx=bins, name="d" + key.lstrip("d"), opacity=0.65,
                                   marker_color=LAYER_COLOURS[i % len(LAYER_COLOURS)]))
    _style(fig, lang, t("chart.gradhist.title", lang), height=450)
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title_text=t("chart.gradhist.x", lang))
    fig.update_yaxes(title_text=t("chart.gradhist.y", lang), type="log")
    return fig


# ---- shapes of the forward (and backward) pass -----------------------------------------------------------

SHAPE_KINDS = ("param", "activation", "gradient")
_KIND_COLOURS = {"param": OKABE_ITO["blue"], "activation": OKABE_ITO["green"],
                 "gradient": OKABE_ITO["vermillion"]}


def _sizes(layers):
    """Layer sizes [784, n_1, ..., 10] from a list of sizes or from a params dict (W1, b1, W2, ...)."""
    if isinstance(layers, dict):
        n_layers = sum(1 for k in layers if k.startswith("W"))
        return [int(np.shape(layers["W1"])[1])] + [int(np.shape(layers[f"W{l}"])[0])
                                                    for l in range(1, n_layers + 1)]
    sizes = [int(n) for n in layers]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"layer sizes must be at least two positive integers like [784, 10, 10]; "
                         f"got {sizes}.")
    return sizes


def shape_rows(layers, m, *, backward=False, activation="relu"):
    """The matrices of the forward pass, one row per layer, and optionally of the backward pass.

    Returns a list of rows (formula, items); an item is ("matrix", name, n_rows, n_cols, kind) or
    ("op", text). The shapes are the ones ``init_params`` and ``forward`` produce: W_l (n_l, n_(l-1)),
    b_l (n_l, 1), Z_l and A_l (n_l, m).
    """
    sizes, m = _sizes(layers), int(m)
    if m < 1:
        raise ValueError(f"the batch size m must be at least 1; got {m}.")
    L = len(sizes) - 1
    rows = []
    for l in range(1, L + 1):
        prev = "X" if l == 1 else f"A{l - 1}"
        g = "softmax" if l == L else ("ReLU" if activation == "relu" else activation)
        rows.append((f"Z{l} = W{l} @ {prev} + b{l}   →   A{l} = {g}(Z{l})", [
            ("matrix", f"W{l}", sizes[l], sizes[l - 1], "param"), ("op", "@"),
            ("matrix", prev, sizes[l - 1], m, "activation"), ("op", "+"),
            ("matrix", f"b{l}", sizes[l], 1, "param"), ("op", "→"),
            ("matrix", f"Z{l}", sizes[l], m, "activation"), ("op", f"{g} →"),
            ("matrix", f"A{l}", sizes[l], m, "activation")]))
    if backward:
        for l in range(L, 0, -1):
            prev = "X" if l == 1 else f"A{l - 1}"
            start = f"dZ{L} = A{L} − Y,   " if l == L else ""
            rows.append((f"{start}dW{l} = dZ{l} @ {prev}ᵀ / m,   db{l} = Σ dZ{l}", [
                ("matrix", f"dZ{l}", sizes[l], m, "gradient"), ("op", "@"),
                ("matrix", f"{prev}ᵀ", m, sizes[l - 1], "activation"), ("op", "→"),
                ("matrix", f"dW{l}", sizes[l], sizes[l - 1], "gradient"), ("op", "  "),
                ("matrix", f"db{l}", sizes[l], 1, "gradient")]))
            if l > 1:
                rows.append((f"dZ{l - 1} = (W{l}ᵀ @ dZ{l}) ⊙ g′(Z{l - 1})", [
                    ("matrix", f"W{l}ᵀ", sizes[l - 1], sizes[l], "param"), ("op", "@"),
                    ("matrix", f"dZ{l}", sizes[l], m, "gradient"), ("op", "⊙ g′ →"),
                    ("matrix", f"dZ{l - 1}", sizes[l - 1], m, "gradient")]))
    return rows


def shape_label(name, n_rows, n_cols):
    """The label drawn under a matrix, e.g. "W1 · 10 × 784"."""
    return f"{name} · {n_rows} × {n_cols}"


def _side(n, scale):
    return math.sqrt(n) if scale == "sqrt" else 1.0 + math.log2(n)


def shapes_geometry(layers, m, *, backward=False, activation="relu", scale="sqrt", width_px=1100, font_px=15,
                    height_px=None):
    """Plain data of the shapes diagram, fast enough for a slider (no plotly objects are built).

    Returns a dict: "polygons" {kind: (xs, ys)} closed rectangles separated by None; "labels", "ops",
    "formulas": (xs, ys, texts); "x_range", "y_range". Side lengths grow with sqrt(n) (scale="sqrt") or
    1 + log2(n) (scale="log") so both 784 and 1 stay visible. The layout is computed for a plot area
    width_px wide (and at most height_px high, if given), so that labels of font_px do not overlap.
    """
    if scale not in ("sqrt", "log"):
        raise ValueError(f"scale must be 'sqrt' or 'log'; got {scale!r}.")
    rows = shape_rows(layers, m, backward=backward, activation=activation)
    char_px = 0.6 * font_px

    def widest_row_px(ppu):  # each slot is as wide as its rectangle or its label, whichever is wider
        return max(sum((len(item[1]) + 3) * char_px if item[0] == "op" else
                       max(_side(item[3], scale) * ppu, (len(shape_label(*item[1:4])) + 2) * char_px)
                       for item in items) for _, items in rows)

    def height_px_at(ppu):  # see the vertical layout below: formula line, tallest matrix, label, gap
        return sum(max(_side(item[2], scale) for item in items if item[0] == "matrix") * ppu + 4.2 * font_px
                   for _, items in rows) + 0.6 * font_px

    def fits(ppu):
        return widest_row_px(ppu) <= width_px and (height_px is None or height_px_at(ppu) <= height_px)

    lo, hi = 1e-4, 1e4  # pixels per unit: the largest scale at which the diagram fits the plot area
    for _ in range(60):
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    if widest_row_px(lo) > width_px:  # the labels cannot fit side by side: let them overlap, keep the shapes
        ppu = width_px / max(sum(_side(item[3], scale) for item in items if item[0] == "matrix")
                             for _, items in rows)
    else:
        ppu = lo
    unit = font_px / ppu  # one line of text in data units

    polys = {kind: ([], []) for kind in SHAPE_KINDS}
    labels, ops, formulas = ([], [], []), ([], [], []), ([], [], [])
    y_top = 0.0
    for formula, items in rows:
        formulas[0].append(0.0), formulas[1].append(y_top - 0.2 * unit), formulas[2].append(formula)
        height = max(_side(item[2], scale) for item in items if item[0] == "matrix")
        y_mid = y_top - 1.8 * unit - height / 2
        x = 0.0
        for item in items:
            if item[0] == "op":
                slot = (len(item[1]) + 3) * char_px / ppu
                ops[0].append(x + slot / 2), ops[1].append(y_mid), ops[2].append(item[1])
            else:
                _, name, n_rows, n_cols, kind = item
                w, h = _side(n_cols, scale), _side(n_rows, scale)
                label = shape_label(name, n_rows, n_cols)
                slot = max(w, (len(label) + 2) * char_px / ppu)
                x0, y0 = x + (slot - w) / 2, y_mid - h / 2
                xs, ys = polys[kind]
                xs += [x0, x0 + w, x0 + w, x0, x0, None]
                ys += [y0, y0, y0 + h, y0 + h, y0, None]
                labels[0].append(x + slot / 2), labels[1].append(y_mid - height / 2 - 0.2 * unit)
                labels[2].append(label)
            x += slot
        y_top -= height + 4.2 * unit

    bottom = y_top + 0.6 * unit if height_px is None else 0.5 * unit - height_px / ppu
    return {"polygons": polys, "labels": labels, "ops": ops, "formulas": formulas,
            "x_range": [0, width_px / ppu], "y_range": [bottom, 0.5 * unit]}


def shape_trace_data(geometry, *, legend=True):
    """The x, y (and text) of the 6 shapes traces, in trace order, as dicts for ``trace.update``."""
    g = geometry
    out = [{"x": xs, "y": ys, "showlegend": legend and bool(xs)}
           for xs, ys in (g["polygons"][k] for k in SHAPE_KINDS)]
    texts = (g[key] for key in ("labels", "ops", "formulas"))
    return out + [{"x": x, "y": y, "text": text} for x, y, text in texts]


def shapes_traces(layers, m, *, lang, backward=False, activation="relu", scale="sqrt", width_px=1100,
                  font_px=15, height_px=None):
    """The 6 traces of the shapes diagram and the axis ranges: (traces, x_range, y_range).

    One filled trace per kind (parameters, activations, gradients), then the labels under the
    rectangles ("W1 · 10 × 784"), the operators between them and each row's formula.
    """
    check_lang(lang)
    g = shapes_geometry(layers, m, backward=backward, activation=activation, scale=scale, width_px=width_px,
                        font_px=font_px, height_px=height_px)
    polys, labels, ops, formulas = g["polygons"], g["labels"], g["ops"], g["formulas"]
    names = {"param": "chart.shapes.params", "activation": "chart.shapes.activations",
             "gradient": "chart.shapes.gradients"}
    traces = [go.Scatter(x=polys[k][0], y=polys[k][1], fill="toself", mode="lines", name=t(names[k], lang),
                         fillcolor=_KIND_COLOURS[k], opacity=0.55,
                         line={"color": _KIND_COLOURS[k], "width": 1},
                         hoverinfo="name", showlegend=bool(polys[k][0])) for k in SHAPE_KINDS]
    traces += [
        go.Scatter(x=labels[0], y=labels[1], text=labels[2], mode="text", textposition="bottom center",
                   textfont={"size": font_px}, hoverinfo="text", showlegend=False,
                   name=t("chart.shapes.labels", lang)),
        go.Scatter(x=ops[0], y=ops[1], text=ops[2], mode="text", textfont={"size": font_px + 1},
                   hoverinfo="skip", showlegend=False, name=t("chart.shapes.operators", lang)),
        go.Scatter(x=formulas[0], y=formulas[1], text=formulas[2], mode="text", textposition="bottom right",
                   textfont={"size": font_px, "family": "monospace"}, hoverinfo="skip", showlegend=False,
                   name=t("chart.shapes.formulas", lang)),
    ]
    return traces, g["x_range"], g["y_range"]


def shapes_height(x_range, y_range, width):
    """Figure height in pixels that shows the diagram's ranges at equal scale in a figure `width` wide."""
    return max(300, int((y_range[1] - y_range[0]) / (x_range[1] - x_range[0]) * (width - 60) + 170))


def shapes_title(lang, scale="sqrt"):
    key = {"sqrt": "chart.shapes.scale_sqrt", "log": "chart.shapes.scale_log"}[scale]
    return t("chart.shapes.title", lang) + " · " + t(key, lang)


def shapes_diagram(layers, m, *, lang, backward=False, activation="relu", scale="sqrt", width=1100):
    """Every matrix of the forward pass (and with backward=True of the backward pass) as a rectangle.

    layers: layer sizes such as [784, 10, 10] or [784, 128, 64, 10], or a params dict. m: batch size.
    Each rectangle is labelled "W1 · 10 × 784"; each row reads like its formula, "W1 @ X + b1 → Z1".
    """
    traces, x_range, y_range = shapes_traces(layers, m, lang=lang, backward=backward, activation=activation,
                                             scale=scale, width_px=width - 60)
    fig = go.Figure(traces)
    height = shapes_height(x_range, y_range, width)
    _style(fig, lang, shapes_title(lang, scale), width=width, height=height)
    fig.update_layout(margin={"l": 30, "r": 30, "t": 80, "b": 90},
                      legend={"orientation": "h", "y": -0.02, "yanchor": "top"})
    fig.update_xaxes(visible=False, range=x_range)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor="x")
    return fig


# ---- the training panel's dashboard ----------------------------------------------------------------------

DASHBOARD_SHAPES_PX = (910, 300)  # width and height of the dashboard's shapes panel in a 1000 x 860 figure


def dashboard(layers, m, *, lang, activation="relu", max_layers=3):
    """The training panel's one figure: loss, accuracy and gradient norms per layer side by side, and the
    shapes of the network below them across the full width (laid out for a figure about 1000 px wide).

    Traces, in this fixed order so a FigureWidget can update them in place: 0 loss per step, 1 loss per
    epoch, 2 validation loss, 3 accuracy, 4 validation accuracy, 5 ... 5 + max_layers - 1 ‖dW_l‖ per step,
    then the 6 shapes traces (axes x4, y4). Fill the curves with ``dashboard_curves``.
    """
    check_lang(lang)
    fig = make_subplots(rows=2, cols=3, specs=[[{}, {}, {}], [{"colspan": 3}, None, None]],
                        row_heights=[0.55, 0.45], vertical_spacing=0.14, horizontal_spacing=0.08,
                        subplot_titles=[t("chart.loss.title", lang), t("chart.accuracy.title", lang),
                                        t("chart.gradnorm.title", lang), shapes_title(lang)])
    blue, orange = OKABE_ITO["blue"], OKABE_ITO["orange"]
    for name, colour, dash, width, group, shown in (
            ("chart.train_steps", OKABE_ITO["sky"], "solid", 1, "steps", True),
            ("chart.train", blue, "solid", 3, "train", True),
            ("chart.validation", orange, "dash", 3, "val", True)):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines" if group == "steps" else "lines+markers",
                                 name=t(name, lang), legendgroup=group, showlegend=shown,
                                 line={"color": colour, "dash": dash, "width": width}), row=1, col=1)
    for name, colour, dash, group in (("chart.train", blue, "solid", "train"),
                                      ("chart.validation", orange, "dash", "val")):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", name=t(name, lang), legendgroup=group,
                                 showlegend=False, line={"color": colour, "dash": dash, "width": 3}),
                      row=1, col=2)
    for l in range(1, max_layers + 1):
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=f"‖dW{l}‖", visible=False,
                                 line={"color": LAYER_COLOURS[l - 1], "width": 2}), row=1, col=3)
    width_px, height_px = DASHBOARD_SHAPES_PX
    traces, x_range, y_range = shapes_traces(layers, m, lang=lang, activation=activation, width_px=width_px,
                                             height_px=height_px, font_px=13)
    for trace in traces:
        trace.showlegend = False
        fig.add_trace(trace, row=2, col=1)
    _style(fig, lang, None, height=860, width=1000)  # fixed: the shapes panel is laid out for this size
    fig.update_layout(margin={"l": 70, "r": 20, "t": 50, "b": 20},
                      legend={"orientation": "h", "x": 0, "y": 1.06, "yanchor": "bottom"})
    fig.update_annotations(font_size=FONT_SIZE)
    for col, y_title in ((1, "chart.loss.y"), (2, "chart.accuracy.y"), (3, "chart.gradnorm.y")):
        fig.update_xaxes(title_text=t("chart.epoch", lang), row=1, col=col)
        fig.update_yaxes(title_text=t(y_title, lang), row=1, col=col)
    fig.update_yaxes(range=[0, 100], row=1, col=2)
    fig.update_yaxes(type="log", dtick="D2", row=1, col=3)  # log ticks at 1, 2, 5 x 10^k only
    fig.update_xaxes(visible=False, range=x_range, constrain="domain", row=2, col=1)
    fig.update_yaxes(visible=False, range=y_range, scaleanchor="x4", constrain="domain", row=2, col=1)
    return fig


def dashboard_curves(history, *, steps_per_epoch, max_layers=3, max_points=400):
    """Data of the dashboard's curve traces (0 ... 5 + max_layers - 1) as dicts for ``trace.update``.

    Per-step series are averaged down to about max_points and placed at x = step / steps_per_epoch, so
    they share the epoch axis with the per-epoch points. Non-finite values are dropped.
    """
    epochs = list(_get(history, "epoch"))
    steps = _get(history, "steps", {})

    def arrays(x, y, scale_x=1.0, scale_y=1.0):  # NumPy arrays: plotly validates them much faster than lists
        return {"x": np.asarray(x, dtype=float) * scale_x, "y": np.asarray(y, dtype=float) * scale_y}

    def per_step(values):
        return arrays(*thin(values, max_points), scale_x=1 / steps_per_epoch)

    out = [per_step(_get(steps, "loss"))]
    for key in ("loss", "val_loss"):
        out.append(arrays(*finite_xy(epochs, _get(history, key))))
    for key in ("accuracy", "val_accuracy"):
        out.append(arrays(*finite_xy(epochs, _get(history, key)), scale_y=100))
    norms = _grad_norm_series(history)
    for l in range(1, max_layers + 1):
        values = norms.get(f"W{l}")
        if values is None:
            out.append({**arrays([], []), "visible": False})
        else:
            data = per_step([v if v > 0 else float("nan") for v in values])  # log axis: drop zeros
            out.append({**data, "visible": True})
    return out
