"""The training panel's view: one live figure (``dashboard_chart.dashboard``), a status line, a message box.

The kernel thread (slider moved, Reset) and a run's worker thread both write here; every write holds one
lock, ``Dashboard.lock``. The worker's updates while training are optional - when the lock is busy (a
learner's cell reading the figure, a slider redrawing the shapes) the worker skips that update and trains
on - while its final update at the end of a run waits for the lock.
"""

import math
import threading
import time

import ipywidgets as ipw
import plotly.graph_objects as go

from mnistlab import charts, dashboard_chart
from mnistlab.i18n import t

MESSAGE_COLOURS = {"info": charts.OKABE_ITO["blue"], "success": charts.OKABE_ITO["green"],
                   "warning": charts.OKABE_ITO["orange"], "danger": charts.OKABE_ITO["vermillion"]}


def last_finite(values):
    """The last finite number in `values` (NaN if there is none): what the text shows of a diverged run."""
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    return finite[-1] if finite else float("nan")


class Dashboard:
    """Figure, status line and message box of one training panel, updated under ``lock``.

    ``draw_count`` and ``draw_seconds`` count the curve updates and the time they took (for the benchmark).
    """

    def __init__(self, settings, m, *, lang):
        self.lang, self.lock = lang, threading.RLock()
        self.width = None  # the notebook's width in pixels, once the browser has told it (see ``fit``)
        self._shapes_for = (settings.layer_sizes, settings.images_per_step(m), settings.activation)
        figure = dashboard_chart.dashboard(settings.layer_sizes, settings.images_per_step(m), lang=lang,
                                          activation=settings.activation)
        self.figure = go.FigureWidget(figure)
        self.figure.add_class("mnistlab-dashboard")
        self.status = ipw.HTML().add_class("mnistlab-status")
        self.message_box = ipw.HTML().add_class("mnistlab-message")
        self.message = ""
        self.draw_count, self.draw_seconds = 0, 0.0
        self._shown = {}  # trace key -> summary of the data last sent: unchanged traces are not sent again
        self._axes = dashboard_chart.dashboard_axes(None, lang=lang)  # the axes last sent
        self._frame = None  # the layout of the panels last sent (see _draw_shapes)

    def curves(self, history, *, steps_per_epoch, status, wait=True, planned_epochs=0):
        """Show `history` (None: empty curves) and the status line; True if drawn, False if the lock was
        busy and wait=False (then nothing was drawn). planned_epochs: where a running run will end (the
        epoch axes reach that far)."""
        start = time.perf_counter()
        curves = dashboard_chart.dashboard_curves(history, steps_per_epoch=steps_per_epoch)
        axes = dashboard_chart.dashboard_axes(history, lang=self.lang, steps_per_epoch=steps_per_epoch,
                                             planned_epochs=planned_epochs)
        if not self.lock.acquire(blocking=wait):
            return False
        try:
            changed = {key: data for key, data in curves.items() if self._shown.get(key) != _summary(data)}
            update = {"traces": changed, "layout": axes if axes != self._axes else None}
            charts.update_figure(self.figure, update, together=True)  # x and y always change
            self._shown.update((key, _summary(data)) for key, data in changed.items())
            self._axes = axes
            self.status.value = status
        finally:
            self.lock.release()
        self.draw_count += 1
        self.draw_seconds += time.perf_counter() - start
        return True

    def shapes(self, settings, m):
        """Redraw the shapes panel for the network `settings` build, trained on batches from m images."""
        self._shapes_for = (settings.layer_sizes, settings.images_per_step(m), settings.activation)
        self._draw_shapes()

    def _draw_shapes(self):
        layers, batch, activation = self._shapes_for
        update = dashboard_chart.dashboard_shapes_update(layers, batch, lang=self.lang, activation=activation,
                                                        width=self.width)
        frame = _without_ranges(update["layout"])  # domains, height, titles: sent only when they change
        if frame == self._frame:
            update["layout"] = {axis: {"range": update["layout"][axis]["range"]} for axis in SHAPES_AXES}
        with self.lock:
            charts.update_figure(self.figure, update)
            self._frame = frame

    def fit(self, width):
        """Make the figure `width` pixels wide (the notebook's width, as the browser reports it) and lay it
        out for it: the charts side by side or one below the other, the shapes redrawn for their width."""
        if not width or width == self.width:
            return
        self.width = width
        with self.lock:
            self.figure.layout.width = width
        self._draw_shapes()  # and the layout for the width

    def show(self, text, kind):
        """Show a message in the box above the figure; kind: "info", "success", "warning" or "danger"."""
        with self.lock:
            self.message = text
            self.message_box.value = (f'<div style="border-left: 6px solid {MESSAGE_COLOURS[kind]}; '
                                      f'padding: 4px 10px; font-size: 1.15em">{text}</div>')


SHAPES_AXES = dashboard_chart.DASHBOARD_SHAPES_AXES


def _without_ranges(layout):
    """A dashboard layout update without the shapes panel's axis ranges (which change with every network)."""
    return {key: ({k: v for k, v in value.items() if k != "range"} if key in SHAPES_AXES else value)
            for key, value in layout.items()}


def _summary(data):
    """What identifies a curve's data for the "changed?" test: length, last point, visibility."""
    x, y = data["x"], data["y"]
    return len(x), float(x[-1]) if len(x) else None, float(y[-1]) if len(y) else None, data.get("visible")


def status_html(history, *, lang, state, run_number, speed):
    """The status line: epoch, loss, accuracy, images/s of `history` (empty before any training), with the
    panel's state ("ready", "running", "stopped", "finished", "diverged", "failed"), the run's number and
    the last epoch as data attributes, for tests that check state instead of timing."""
    epochs = history.epoch if history is not None else []
    text = "" if not epochs else t("panel.status", lang, epoch=epochs[-1], loss=last_finite(history.loss),
                                   accuracy=100 * last_finite(history.accuracy), speed=speed)
    return (f'<b class="mnistlab-status-text" data-state="{state}" data-run="{run_number}" '
            f'data-epoch="{epochs[-1] if epochs else ""}">{text}</b>')
