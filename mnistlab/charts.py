"""Charts: arrays (and ``lang``) in, a plotly ``go.Figure`` out. Used by lessons 01-09 and by the widgets.

Every builder is pure: it never calls ``.show()``, never trains, never reads files. All titles, axis labels
and legend names come from ``mnistlab.i18n.t`` in the language asked for. Colours are the Okabe-Ito palette
(safe for the common colour-vision deficiencies), fonts are large enough for a projector. Curves drop
non-finite values, so a diverged run never puts NaN on screen.

A ``history`` argument is the ``History`` that ``ml.train`` returns, or any mapping with the same keys
("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "steps").
"""

import contextlib
import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mnistlab.checks import check_X
from mnistlab.i18n import check_lang, fmt, t

OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}
LAYER_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "sky", "vermillion")]
FONT_SIZE = 18
TITLE_CHARS = 46  # a longer title does not fit a figure ~600 px wide (notebook at 1024 px, file browser open)
CAPTION_PX = 34  # room below a row of images for its captions: one line at FONT_SIZE - 2 and the gap above
ROW_PX = 72  # height of a row of 28 x 28 images in a wide notebook (a narrower one scales it down)


def _title(text):
    """A title that fits the narrowest notebook (~600 px at FONT_SIZE): a long one ending in "(...)" shows
    the part in parentheses as a subtitle below, instead of running off the figure's right edge."""
    if text is None or len(text) <= TITLE_CHARS or not text.endswith(")") or " (" not in text:
        return {"text": text, "x": 0.02}
    main, rest = text.split(" (", 1)
    return {"text": main, "x": 0.02, "subtitle": {"text": rest[:-1], "font": {"size": FONT_SIZE - 3}}}


def _style(fig, lang, title, *, height=None, width=None, legend=True):
    """Common look: white template, big fonts, German decimal commas for lang="de". The lesson figures get
    no `width`: they take the notebook's width (plotly's autosize), only their height is set."""
    fig.update_layout(template="plotly_white", font={"size": FONT_SIZE}, title=_title(title),
                      separators=",." if lang == "de" else ".,", margin={"l": 70, "r": 30, "t": 80, "b": 60},
                      showlegend=legend, legend={"font": {"size": FONT_SIZE - 2}})
    if height:
        fig.update_layout(height=height)
    if width:
        fig.update_layout(width=width)
    return fig


def _get(history, key, default=()):
    """history[key] for a History or a plain dict; `default` if it is missing or None (the one getter)."""
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


def _colorbar(title):
    """A colour bar with its title beside it (above it, the title covers the top tick label)."""
    return {"title": {"text": title, "side": "right"}}


def _image_axes(fig, **where):
    fig.update_xaxes(visible=False, constrain="domain", **where)
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", **where)


def _captions(y_true, y_pred):
    """One caption per image ("7", or "7→1" in vermillion for a wrong prediction) and the wrong indices."""
    captions, wrong = [], []
    for i, label in enumerate(y_true):
        if y_pred is not None and int(y_pred[i]) != int(label):
            colour = OKABE_ITO["vermillion"]
            captions.append(f'<span style="color:{colour}">{int(label)}→{int(y_pred[i])}</span>')
            wrong.append(i)
        else:
            captions.append(f"{int(label)}")
    return captions, wrong


def _image_rows(fig, z, origins, captions, hover):
    """One heatmap per row of the mosaic z, each in its own subplot; the captions are the x tick labels."""
    for r in range(math.ceil(z.shape[0] / 30)):  # rows of 28 pixels with 2 between them
        in_row = [i for i, (top, _) in enumerate(origins) if top == 30 * r]
        fig.add_trace(go.Heatmap(z=z[30 * r : 30 * r + 28], colorscale="Greys", zmin=0, zmax=1,
                                 showscale=False, hovertemplate=hover), row=r + 1, col=1)
        fig.update_xaxes(tickvals=[origins[i][1] + 13.5 for i in in_row],
                         ticktext=[captions[i] for i in in_row], row=r + 1, col=1)
        fig.update_yaxes(scaleanchor="x" if r == 0 else f"x{r + 1}", row=r + 1, col=1)  # square pixels
    fig.update_xaxes(range=[-1.5, z.shape[1] + 0.5], showgrid=False, zeroline=False, ticks="",
                     tickfont={"size": FONT_SIZE - 2, "color": OKABE_ITO["black"]}, constrain="domain",
                     fixedrange=True)
    fig.update_yaxes(visible=False, range=[28.5, -1.5], constrain="domain", fixedrange=True)


def digit_grid(X, y_true=None, y_pred=None, *, lang, n_cols=10, max_images=40):
    """The first images of X (784, m) in a grid, with true labels and, if given, predictions.

    Wrong predictions are framed in vermillion and labelled "true → predicted". Each row of images is a
    subplot whose x-axis tick labels are the captions: plotly draws them below the row, in a gap of
    CAPTION_PX pixels before the next row, so at any width no caption lies on an image. The figure takes
    the notebook's width; the images stay square and shrink when it is narrow.
    """
    check_lang(lang)
    X = check_X(X, where="charts.digit_grid")[:, :max_images]
    n = X.shape[1]
    n_cols = max(1, min(n_cols, n))
    n_rows = max(1, math.ceil(n / n_cols))
    z, origins = _mosaic(X.T.reshape(n, 28, 28), n_cols)
    captions, wrong = _captions(y_true[:n], y_pred) if y_true is not None else ([""] * n, [])
    gap = CAPTION_PX if y_true is not None else 8
    plot_height = n_rows * ROW_PX + (n_rows - 1) * gap
    fig = make_subplots(rows=n_rows, cols=1, vertical_spacing=gap / plot_height)
    _image_rows(fig, z, origins, captions, t("chart.digits.hover", lang) + "<extra></extra>")
    for i in wrong:
        top, left = origins[i]
        ref = "" if top == 0 else str(top // 30 + 1)
        fig.add_shape(type="rect", x0=left - 1, y0=-1, x1=left + 28, y1=28, xref=f"x{ref}", yref=f"y{ref}",
                      line={"color": OKABE_ITO["vermillion"], "width": 3})
    if y_pred is not None and y_true is not None:
        title = t("chart.digits.title_predicted", lang, n=n, wrong=len(wrong))
    else:
        title = t("chart.digits.title", lang, n=n)
    _style(fig, lang, title, legend=False)
    top, bottom = (100 if fig.layout.title.subtitle.text else 70), max(gap, 16)  # title; last captions
    fig.update_layout(margin={"l": 20, "r": 20, "t": top, "b": bottom}, height=top + plot_height + bottom)
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
                               colorbar=_colorbar(t("chart.weights.colorbar", lang)),
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
    relu, sigmoid = t("activation.relu", lang), t("activation.sigmoid", lang)
    curves = [(relu, functions.relu, OKABE_ITO["blue"], "solid"),
              (relu, functions.relu_prime, OKABE_ITO["blue"], "dash"),
              (sigmoid, functions.sigmoid, OKABE_ITO["orange"], "solid"),
              (sigmoid, functions.sigmoid_prime, OKABE_ITO["orange"], "dash")]
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
                           text=[fmt("{v:.0%}", lang, v=v) if v >= 0.01 else "" for v in p],
                           textposition="outside",
                           hovertemplate=t("chart.proba.hover", lang) + "<extra></extra>"))
    title = t("chart.proba.title", lang, digit=best, p=100 * p[best])
    if true_label is not None:
        title += " · " + t("chart.proba.true", lang, digit=int(true_label))
    _style(fig, lang, title, legend=False, height=420)
    fig.update_xaxes(title_text=t("chart.proba.x", lang), tickmode="linear", dtick=1)
    fig.update_yaxes(title_text=t("chart.proba.y", lang), range=[0, 1.15], tickformat=".0%")
    return fig


def prediction_view(x, p, *, lang):
    """Two panels for draw-a-digit: the 28 x 28 input the network sees (trace key "drawing.input"), and its
    probabilities ("drawing.proba")."""
    check_lang(lang)
    x = np.asarray(x, dtype=float).reshape(28, 28)
    bars = probabilities(p, lang=lang)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.35, 0.65], horizontal_spacing=0.08,
                        subplot_titles=[t("chart.drawing.input", lang), t("chart.proba.x", lang)])
    fig.add_trace(go.Heatmap(z=x, colorscale="Greys", zmin=0, zmax=1, showscale=False, meta="drawing.input",
                             hovertemplate=t("chart.digits.hover", lang) + "<extra></extra>"), row=1, col=1)
    fig.add_trace(bars.data[0].update(meta="drawing.proba"), row=1, col=2)
    _style(fig, lang, bars.layout.title.text, legend=False, height=420)
    _image_axes(fig, row=1, col=1)
    fig.update_xaxes(tickmode="linear", dtick=1, row=1, col=2)
    fig.update_yaxes(range=[0, 1.15], tickformat=".0%", row=1, col=2)
    return fig


def prediction_update(x, p, *, lang, title=None):
    """The update (see ``update_figure``) that shows a new input x and probabilities p in a
    ``prediction_view`` figure; `title` replaces the one naming the most probable digit."""
    fresh = prediction_view(x, p, lang=lang)
    heat, bars = fresh.data
    return {"traces": {heat.meta: {"z": heat.z},
                       bars.meta: {"y": bars.y, "text": bars.text, "marker": {"color": bars.marker.color}}},
            "layout": {"title": {"text": fresh.layout.title.text if title is None else title}}}


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
                               colorbar=_colorbar(t("chart.confusion.colorbar", lang)),
                               hovertemplate=t("chart.confusion.hover", lang) + "<extra></extra>"))
    _style(fig, lang, t("chart.confusion.title", lang, accuracy=accuracy), legend=False, height=600)
    fig.update_xaxes(title_text=t("chart.confusion.x", lang), tickmode="linear", dtick=1, side="bottom",
                     range=[-0.5, k - 0.5], constrain="domain")
    fig.update_yaxes(title_text=t("chart.confusion.y", lang), tickmode="linear", dtick=1,
                     range=[k - 0.5, -0.5], scaleanchor="x", constrain="domain")  # square cells
    return fig


def _log_axis(fig):
    """A logarithmic y-axis labelled at the powers of ten only (0.01, 0.1, 1, 10): plotly's default also
    labels 2 and 5 in between, which read as "1, 5, 2, 0,1, 5" on a small chart."""
    fig.update_yaxes(type="log", dtick=1, exponentformat="none")  # 10000, not 10k


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
    fig.update_yaxes(title_text=t("chart.loss.y", lang))
    if log_y:
        _log_axis(fig)
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
    fig.update_yaxes(title_text=t("chart.gradnorm.y", lang))
    _log_axis(fig)
    return fig


def descent_paths(paths, *, lang, limit=2.5, n_cols=3):
    """Gradient descent on the parabola L(w) = w²/2 (lesson 06b): `paths` maps a learning rate to the
    positions w after 0, 1, 2, ... steps; one small chart per rate (``n_cols`` in a row), all on the same
    axes. The y-axis is fixed at ±`limit`, so that a path that diverges visibly leaves its chart instead of
    squashing the others to a flat line."""
    check_lang(lang)
    n_rows = max(1, math.ceil(len(paths) / n_cols))
    names = [fmt("α = {rate:g}", lang, rate=rate) for rate in paths]
    fig = make_subplots(rows=n_rows, cols=n_cols, shared_xaxes=True, shared_yaxes=True, subplot_titles=names,
                        horizontal_spacing=0.04, vertical_spacing=0.16)
    for i, (name, path) in enumerate(zip(names, paths.values(), strict=True)):
        x, y = finite_xy(range(len(path)), path)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=name, marker={"size": 5},
                                 line={"color": LAYER_COLOURS[i % len(LAYER_COLOURS)], "width": 2}),
                      row=i // n_cols + 1, col=i % n_cols + 1)
    _style(fig, lang, t("chart.descent.title", lang), height=260 + 170 * n_rows, legend=False)
    fig.update_yaxes(range=[-limit, limit], zeroline=True, zerolinecolor="#888", dtick=1)
    for row in range(1, n_rows + 1):
        fig.update_yaxes(title_text=t("chart.descent.y", lang), row=row, col=1)
    for col in range(1, n_cols + 1):
        fig.update_xaxes(title_text=t("chart.descent.x", lang), row=n_rows, col=col)
    fig.update_annotations(font={"size": FONT_SIZE - 2})
    return fig


def layer_gradient_norms(norms, *, lang):
    """‖dW1‖, ‖dW2‖, ... of one backward pass against the layer number l, one line per network, log scale.

    norms: {legend name: [‖dW1‖, ..., ‖dWL‖]}, e.g. {"sigmoid": [...], "relu": [...]} (lesson 08b).
    """
    check_lang(lang)
    fig = go.Figure()
    colours = [OKABE_ITO[c] for c in ("vermillion", "sky", "blue", "orange", "green", "purple")]
    symbols = ("circle", "square", "diamond", "triangle-up", "x", "cross")
    for i, (name, values) in enumerate(norms.items()):
        x, y = finite_xy(range(1, len(values) + 1), values)
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=str(name),
                                 line={"color": colours[i % len(colours)], "width": 3},
                                 marker={"size": 10, "symbol": symbols[i % len(symbols)]}))
    _style(fig, lang, t("chart.gradlayer.title", lang), height=480)
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
                      margin={"t": 110})
    fig.update_xaxes(title_text=t("chart.layer", lang), dtick=1)
    fig.update_yaxes(title_text=t("chart.gradnorm.y", lang))
    _log_axis(fig)
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
    fig.update_yaxes(title_text=t("chart.gradhist.y", lang))
    _log_axis(fig)
    return fig


# ---- gradient check ---------------------------------------------------------------------------------------

_SWEEP_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple")]


def eps_sweep(eps, errors, *, lang, terms=None):
    """The relative error of a central difference against its step eps, log-log (lesson 05c).

    errors: {label: relative errors, one per eps} - one line with markers per number type ("float64",
    "float32"), its smallest error ringed. terms: {label: values per eps} - the error terms the lesson
    computes (truncation, round-off), drawn as dashed lines. Errors of 0 or NaN are left out (log scale).
    """
    check_lang(lang)
    fig = go.Figure()
    eps = [float(e) for e in eps]
    rings = []
    for i, (label, values) in enumerate(errors.items()):
        colour = _SWEEP_COLOURS[i % len(_SWEEP_COLOURS)]
        x, y = finite_xy(eps, [v if v > 0 else None for v in values])
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines+markers", name=label,
                                 line={"color": colour, "width": 3}, marker={"size": 7}))
        if y:
            best = int(np.argmin(y))
            rings.append(go.Scatter(x=[x[best]], y=[y[best]], mode="markers", showlegend=False,
                                    hovertext=t("chart.eps.best", lang, name=label), hoverinfo="text+x+y",
                                    marker={"size": 18, "color": "rgba(0,0,0,0)",
                                            "line": {"color": colour, "width": 3}}))
    for i, (label, values) in enumerate((terms or {}).items()):  # drawn over the measurements they explain
        x, y = finite_xy(eps, [v if v > 0 else None for v in values])
        colour = OKABE_ITO["black"] if i == 0 else _SWEEP_COLOURS[(i - 1) % len(_SWEEP_COLOURS)]
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name=label,
                                 line={"color": colour, "width": 2, "dash": "dash" if i == 0 else "dot"}))
    fig.add_traces(rings)
    _style(fig, lang, t("chart.eps.title", lang), height=560)
    # the legend below the plot (beside it, it leaves a projector's ~600 px figure a narrow plot), in rows
    fig.update_layout(margin={"b": 175}, legend={"orientation": "h", "yref": "container", "y": 0.01,
                                                 "yanchor": "bottom", "x": 0, "xanchor": "left"})
    fig.update_xaxes(title_text=t("chart.eps.x", lang), type="log", dtick=2, exponentformat="power")
    fig.update_yaxes(title_text=t("chart.eps.y", lang), type="log", dtick=2, exponentformat="power")
    measured = [v for values in errors.values() for v in values if v is not None and 0 < v < math.inf]
    if measured:  # the error terms run far below the measured errors: show the range of the measurements
        fig.update_yaxes(range=[math.floor(math.log10(min(measured))) - 1,
                                math.ceil(math.log10(max(measured)) + 0.2)])
    return fig


def update_figure(fig, update, *, together=False):
    """Apply an update {"traces": {key: data}, "layout": {...}} to a figure (a FigureWidget); a trace's key
    is its `meta`.

    Each trace is updated on its own unless together=True: in one batch, plotly marks a value that did not
    change (the operators' texts when only sizes change) as "undefined" for the browser, and a FigureWidget
    not yet on screen then loses it - the lessons' panels showed no operators and formulas. together=True
    (one message) is for updates where every value changes, like the curves during training.
    """
    traces = update.get("traces", {})
    with fig.batch_update() if together else contextlib.nullcontext():
        for trace in fig.data:
            if trace.meta in traces:
                trace.update(traces[trace.meta])
    if update.get("layout"):
        fig.update_layout(update["layout"])
