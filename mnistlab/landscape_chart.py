"""Pictures of the loss surface (lesson: the step size): a quadratic valley with gradient-descent paths,
an explorer whose learning-rate slider redraws the path, and a 2-D slice of a real network's loss.

The numbers come from ``mnistlab.landscape``; this module only draws them (plotly, ipywidgets on use).
"""

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mnistlab.charts import OKABE_ITO, _style
from mnistlab.i18n import check_lang, fmt, t
from mnistlab.landscape import quadratic_loss, quadratic_path, stable_limit

PATH_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "vermillion", "green", "purple")]
VALLEY_START = (-2.5, 1.2)  # where the paths start: off both axes, so both curvatures matter
VIEW = 3.0  # the valley figure shows w1, w2 in [-VIEW, VIEW]


def verdict(curvatures, learning_rate, lang):
    """"converges" / "oscillates forever" / "diverges", with alpha against the limit 2 / max curvature."""
    limit = stable_limit(curvatures)
    key = ("landscape.converges" if learning_rate < limit * (1 - 1e-9) else
           "landscape.diverges" if learning_rate > limit * (1 + 1e-9) else "landscape.oscillates")
    return t(key, lang, alpha=learning_rate, limit=limit)


def _panel_title(curvatures, learning_rate, lang):
    """"α = 0.19: converges": the learning rate and what gradient descent does with it."""
    fate = verdict(curvatures, learning_rate, lang).split(": ")[-1]
    return fmt("α = {alpha:.3g}: ", lang, alpha=learning_rate) + fate


def _valley_contour(curvatures, lang, n=61):
    w = np.linspace(-VIEW, VIEW, n)
    W1, W2 = np.meshgrid(w, w)
    Z = quadratic_loss(curvatures, np.stack([W1, W2], axis=-1))
    return go.Contour(x=w, y=w, z=np.log10(Z + 1e-3), showscale=False, colorscale="Greys", reversescale=True,
                      contours={"coloring": "heatmap", "showlines": True}, opacity=0.55, hoverinfo="skip",
                      name=t("landscape.loss", lang))


def _clipped(path):
    """The path's points until it first leaves the view (a diverging path is cut where it leaves)."""
    inside = np.all(np.isfinite(path), axis=1) & np.all(np.abs(path) <= 1.5 * VIEW, axis=1)
    stop = len(path) if inside.all() else int(np.argmin(inside)) + 1
    return np.clip(path[:stop], -1.5 * VIEW, 1.5 * VIEW)


def valley_paths(curvatures, learning_rates, *, lang, start=VALLEY_START, n_steps=25, n_cols=2):
    """Gradient descent on the valley L = (l1 w1^2 + l2 w2^2) / 2 for each learning rate: one small chart per
    rate, `n_cols` in a row (two fit a projector's narrow notebook), all on the same axes."""
    check_lang(lang)
    curvatures = tuple(float(c) for c in curvatures)
    if len(curvatures) != 2:
        raise ValueError(f"valley_paths draws a 2-D valley: give two curvatures, like (1, 10); got "
                         f"{curvatures}")
    if not 1 <= len(learning_rates) <= len(PATH_COLOURS):
        raise ValueError(f"valley_paths shows 1 to {len(PATH_COLOURS)} learning rates; got "
                         f"{len(learning_rates)}")
    n_cols = min(n_cols, len(learning_rates))
    n_rows = math.ceil(len(learning_rates) / n_cols)
    fig = make_subplots(rows=n_rows, cols=n_cols, horizontal_spacing=0.08, vertical_spacing=0.2,
                        shared_yaxes=True,
                        subplot_titles=[_panel_title(curvatures, a, lang) for a in learning_rates])
    for k, alpha in enumerate(learning_rates):
        row, col = k // n_cols + 1, k % n_cols + 1
        fig.add_trace(_valley_contour(curvatures, lang), row=row, col=col)
        path = _clipped(quadratic_path(curvatures, alpha, start, n_steps))
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers",
                                 line={"color": PATH_COLOURS[k], "width": 2}, marker={"size": 6},
                                 name=verdict(curvatures, alpha, lang), showlegend=False), row=row, col=col)
    limit = stable_limit(curvatures)
    title = t("landscape.valley.title", lang, l1=curvatures[0], l2=curvatures[1], limit=limit)
    _style(fig, lang, title, height=150 + 250 * n_rows, legend=False)
    fig.update_layout(margin={"t": 130})  # the title's second line sits above the charts' titles
    ticks = {"tickvals": [-2, 0, 2]}  # no tick at the corners, where the two axes' labels would meet
    fig.update_xaxes(range=[-VIEW, VIEW], **ticks)
    fig.update_yaxes(range=[-VIEW, VIEW], **ticks)
    for row in range(1, n_rows + 1):
        fig.update_yaxes(title_text="w₂", row=row, col=1)
    for col in range(1, n_cols + 1):
        fig.update_xaxes(title_text="w₁", row=n_rows, col=col)
    return fig


def valley_race(curvatures, paths, *, lang, title=None):
    """Several paths down the same valley side by side, one panel each: `paths` is {panel title: points
    (n, 2)}, e.g. the steps of SGD, momentum and Adam from one start (the lesson names them in its language).
    A path that leaves the view is cut where it leaves."""
    check_lang(lang)
    curvatures = tuple(float(c) for c in curvatures)
    if len(curvatures) != 2 or not isinstance(paths, dict) or not 1 <= len(paths) <= len(PATH_COLOURS):
        raise ValueError(f"valley_race needs two curvatures and a dict of 1 to {len(PATH_COLOURS)} paths "
                         f"{{title: points (n, 2)}}; got {len(curvatures)} curvatures and "
                         f"{type(paths).__name__}")
    fig = make_subplots(rows=1, cols=len(paths), horizontal_spacing=0.04, shared_yaxes=True,
                        subplot_titles=[str(name) for name in paths])
    for k, (name, points) in enumerate(paths.items()):
        points = np.asarray(points, dtype=float)
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"valley_race: path {name!r} must be points of shape (n, 2); got {points.shape}")
        fig.add_trace(_valley_contour(curvatures, lang), row=1, col=k + 1)
        path = _clipped(points)
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers", name=str(name),
                                 line={"color": PATH_COLOURS[k], "width": 2}, marker={"size": 5},
                                 showlegend=False), row=1, col=k + 1)
    n_steps = max(len(p) for p in paths.values()) - 1
    title = title or t("landscape.race.title", lang, l1=curvatures[0], l2=curvatures[1], n=n_steps)
    _style(fig, lang, title, height=380, legend=False)
    fig.update_xaxes(range=[-VIEW, VIEW], title_text="w₁", constrain="domain")
    fig.update_yaxes(range=[-VIEW, VIEW], scaleanchor="x", constrain="domain")
    fig.update_yaxes(title_text="w₂", row=1, col=1)
    return fig


def valley_explorer(curvatures=(1.0, 10.0), *, lang, start=VALLEY_START, n_steps=25, learning_rate=0.1):
    """A learning-rate slider (log scale) above the valley: every move redraws the path and says whether
    it converges; the limit 2 / max curvature is marked on the slider's text."""
    import ipywidgets as ipw

    from mnistlab.widgets.fields import slider_field
    from mnistlab.widgets.width import fit_width

    check_lang(lang)
    curvatures = tuple(float(c) for c in curvatures)
    figure = go.FigureWidget(valley_paths(curvatures, [learning_rate], lang=lang, start=start,
                                          n_steps=n_steps))
    limit = stable_limit(curvatures)
    slider = ipw.FloatLogSlider(value=learning_rate, base=10, min=np.log10(limit) - 2,
                                max=np.log10(limit) + 0.5, step=0.01, continuous_update=True)
    field, _ = slider_field(t("landscape.alpha", lang, limit=limit), slider, lang)
    status = ipw.HTML()

    def redraw(change=None):
        alpha = slider.value
        path = _clipped(quadratic_path(curvatures, alpha, start, n_steps))
        with figure.batch_update():
            figure.data[1].x, figure.data[1].y = path[:, 0], path[:, 1]
            figure.layout.annotations[0].text = _panel_title(curvatures, alpha, lang)
        status.value = f"<b>{verdict(curvatures, alpha, lang)}</b>"

    slider.observe(redraw, names="value")
    redraw()
    box = ipw.VBox([field, status, fit_width(figure)], layout={"width": "100%"})
    box.slider, box.figure, box.status, box.redraw = slider, figure, status, redraw  # for tests and lessons
    return box


def loss_slice_figure(slice_, *, lang, title=None, epochs=None):
    """A 2-D slice of a network's loss (``ml.landscape.loss_slice``): contour lines of the loss, the
    trained parameters at (0, 0) and, if the slice has one, the training path projected onto it. epochs: the
    epoch of each point of the path, shown when the mouse is over it (default: 0, 1, 2, ...)."""
    check_lang(lang)
    fig = go.Figure(go.Contour(x=slice_["a"], y=slice_["b"], z=slice_["loss"], colorscale="Viridis",
                               ncontours=24, name=t("landscape.loss", lang),
                               colorbar={"title": {"text": t("chart.loss.y", lang), "side": "right"}}))
    if "path" in slice_:
        a, b = slice_["path"][:, 0], slice_["path"][:, 1]
        epochs = range(len(a)) if epochs is None else epochs
        if len(epochs) != len(a):
            raise ValueError(f"loss_slice_figure: the path has {len(a)} points but epochs has {len(epochs)}")
        fig.add_trace(go.Scatter(x=a, y=b, mode="lines+markers", name=t("landscape.path", lang),
                                 line={"color": OKABE_ITO["vermillion"], "width": 3},
                                 marker={"size": 7}, text=[str(e) for e in epochs],
                                 hovertemplate=f"{t('chart.epoch', lang)} %{{text}}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers", name=t("landscape.trained", lang),
                             marker={"symbol": "star", "size": 18, "color": "white",
                                     "line": {"color": "black", "width": 1.5}}))
    _style(fig, lang, title or t("landscape.slice.title", lang), height=480)
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0}, margin={"b": 120})
    fig.update_xaxes(title_text=t("landscape.a", lang))
    fig.update_yaxes(title_text=t("landscape.b", lang))
    return fig
