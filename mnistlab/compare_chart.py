"""Several training runs in one figure: validation loss above, validation accuracy below, one colour per run.

``compare_runs({"SGD": h1, "Adam": h2}, lang=LANG)`` takes the Histories that ``ml.train`` returned (each
with X_val/y_val) under the names the lesson gives them (already in its language). With ``train=True`` each
run's training loss is drawn dotted in the run's colour, so overfitting shows as a gap that opens; a run that
stopped early marks its best epoch (the one whose parameters it kept) with a star.
"""

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from mnistlab.charts import FONT_SIZE, OKABE_ITO, _get, _style, finite_xy
from mnistlab.i18n import check_lang, t

RUN_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky", "black")]
MAX_RUNS = len(RUN_COLOURS)


def compare_runs(runs, *, lang, title=None, train=False, log_y=False, height=620):
    """A figure of the validation loss and accuracy per epoch of each run in `runs` ({name: History}).

    log_y: the loss on a logarithmic axis - a training loss near 0 and a validation loss that rises by a few
    hundredths both stay visible next to the loss of about 2.3 before training."""
    check_lang(lang)
    if not isinstance(runs, dict) or not runs:
        raise ValueError("compare_runs needs a dict {name: History}, like {'SGD': history_sgd, 'Adam': "
                         f"history_adam}}; got {type(runs).__name__}")
    if len(runs) > MAX_RUNS:
        raise ValueError(f"compare_runs shows at most {MAX_RUNS} runs (colours that stay distinguishable); "
                         f"got {len(runs)}")
    for name, history in runs.items():
        if not list(_get(history, "val_loss")):
            raise ValueError(f"compare_runs: run {name!r} has no validation curve: train it with X_val and "
                             "y_val (e.g. from ml.train_val_split)")
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        subplot_titles=(t("chart.compare.loss", lang), t("chart.compare.accuracy", lang)))
    for i, (name, history) in enumerate(runs.items()):
        colour, epochs = RUN_COLOURS[i], list(_get(history, "epoch"))
        x, y = finite_xy(epochs, _get(history, "val_loss"))
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name=str(name), legendgroup=str(name),
                                 line={"color": colour, "width": 3}), row=1, col=1)
        if train:
            x, y = finite_xy(epochs, _get(history, "loss"))
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines", name=f"{name} · {t('chart.train', lang)}",
                                     legendgroup=str(name), showlegend=False,
                                     line={"color": colour, "width": 2, "dash": "dot"}), row=1, col=1)
        x, y = finite_xy(epochs, _get(history, "val_accuracy"))
        fig.add_trace(go.Scatter(x=x, y=[100 * v for v in y], mode="lines", name=str(name),
                                 legendgroup=str(name), showlegend=False, line={"color": colour, "width": 3}),
                      row=2, col=1)
        best = _get(history, "best_epoch", None)
        if best is not None and best in epochs:
            where = epochs.index(best)
            fig.add_trace(go.Scatter(x=[best], y=[_get(history, "val_loss")[where]], mode="markers",
                                     name=t("chart.compare.best", lang), legendgroup=str(name),
                                     showlegend=False,
                                     hovertext=f"{name}: {t('chart.compare.best', lang)}",
                                     marker={"symbol": "star", "size": 16, "color": colour,
                                             "line": {"color": "white", "width": 1}}), row=1, col=1)
    _style(fig, lang, title, height=height)
    # the legend below the x-axis title, which reaches down to about -0.12 of the plot in a wide notebook
    fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.17, "x": 0,
                              "font": {"size": FONT_SIZE - 2}}, margin={"b": 130})
    fig.update_yaxes(title_text=t("chart.loss.y", lang), row=1, col=1)
    if log_y:  # labelled at the powers of ten only, as charts.loss_curve(log_y=True)
        fig.update_yaxes(type="log", dtick=1, exponentformat="none", row=1, col=1)
    fig.update_yaxes(title_text=t("chart.accuracy.y", lang), row=2, col=1)
    fig.update_xaxes(title_text=t("chart.epoch", lang), row=2, col=1)
    return fig
