"""How wide the notebook is: a widget without height that the browser tells its width (``WidthProbe``).

A panel's figure is as wide as the notebook (plotly sizes it in the browser), but where its charts go -
side by side or one below the other - and how large the shapes diagram's text may be are decided in
Python. plotly's FigureWidget does not report the width it got back to Python, so each panel holds one of
these next to its figure and lays the figure out again when the width changes by more than a few pixels.
Without a browser (tests, nbval) the width stays 0 and the figure keeps its default layout.
"""

import anywidget
import traitlets

WIDGET_MARGINS_PX = 4  # ipywidgets puts 2 px of margin left and right of each widget in a box


def figure_width(box_width):
    """The width in pixels a figure may have beside a probe that reports `box_width` (0: not known)."""
    return box_width - WIDGET_MARGINS_PX if box_width else 0

_ESM = """
export default {
  render({ model, el }) {
    el.style.width = "100%";
    el.style.height = "0px";
    let last = 0, timer = null;
    const report = () => {
      const width = Math.round(el.getBoundingClientRect().width);
      if (width > 0 && Math.abs(width - last) >= 10) {  // a hidden view (0) or a scrollbar's worth: keep
        last = width;
        model.set("width", width);
        model.save_changes();
      }
    };
    const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(report, 150); });
    observer.observe(el);
    return () => { observer.disconnect(); clearTimeout(timer); };
  },
};
"""


class WidthProbe(anywidget.AnyWidget):
    """Zero pixels high, as wide as its box; ``width`` is that width in pixels (0 until a browser shows it).

    Observe it: ``probe.observe(lambda change: fit(change["new"]), names="width")``.
    """

    _esm = _ESM
    width = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(layout={"width": "100%", "height": "0px", "margin": "0"}, **kwargs)
        self.add_class("mnistlab-width-probe")


def fit_width(figure, *, start=560, most=None):
    """A box holding `figure` (a FigureWidget) that keeps it as wide as the notebook: `start` pixels until
    the browser says the width (560 fits a 1024 x 768 projector beside the file browser), at most `most`."""
    import ipywidgets as ipw

    probe = WidthProbe()
    figure.layout.width = start

    def fit(change):
        width = figure_width(change["new"])
        if width:
            figure.layout.width = min(width, most) if most else width

    probe.observe(fit, names="width")
    return ipw.VBox([probe, figure], layout={"width": "100%"})
