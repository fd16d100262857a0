"""Draw a digit (lesson 09): a canvas and a photo upload in the browser, the network's answer beside it."""

from pathlib import Path

import anywidget
import ipywidgets as ipw
import numpy as np
import plotly.graph_objects as go
import traitlets
from ipywidgets.widgets.trait_types import bytes_serialization

from mnistlab import charts
from mnistlab.drawing import preprocess_digit
from mnistlab.i18n import check_lang, t
from mnistlab.network import predict_proba

from .width import WidthProbe, figure_width

STATIC = Path(__file__).resolve().parents[1] / "static"  # mnistlab/static: draw.js and draw.css
UNIFORM = np.full(10, 0.1)  # the bars before anything is drawn
CANVAS_PX = 300  # the canvas (280 px, static/draw.css) with its border and margins
FIGURE_MIN_PX = 460  # narrower than this beside the canvas, the figure goes below it at the full width


class DigitCanvas(anywidget.AnyWidget):
    """A drawing canvas and a photo upload (static/draw.js). The browser sends a grey image to Python.

    ``pixels``: the grey values 0-255, row by row (height x width bytes); ``kind``: "draw" (white ink on
    black, as MNIST) or "photo" (any picture; inverted when the paper is light). The browser decodes
    uploaded PNG/JPEG files itself, so Python needs no imaging library.
    """

    _esm = STATIC / "draw.js"
    _css = STATIC / "draw.css"
    pixels = traitlets.Bytes(b"").tag(sync=True, **bytes_serialization)
    width = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(0).tag(sync=True)
    kind = traitlets.Unicode("draw").tag(sync=True)
    labels = traitlets.Dict({}).tag(sync=True)  # button texts in the lesson's language

    def image(self):
        """The last image as a (height, width) uint8 array, or None while the canvas is empty."""
        if not self.pixels or self.width * self.height != len(self.pixels):
            return None
        return np.frombuffer(self.pixels, dtype=np.uint8).reshape(self.height, self.width)

    def set_image(self, image, kind="draw"):
        """What the browser does after a stroke or an upload; for tests and for images made in Python."""
        image = np.asarray(image, dtype=np.uint8)
        with self.hold_trait_notifications():
            self.width, self.height, self.kind = image.shape[1], image.shape[0], kind
            self.pixels = image.tobytes()


class DrawDigit:
    """Canvas + upload on the left, "what the network sees" and its probabilities on the right. Lesson 09.

    model: a params dict (W1, b1, ...; give ``activation=`` if not "relu"), a training panel, or any object
    with ``predict_proba(X)`` that returns (10, m) probabilities for X (784, m), like ``ml.MLP``. A training
    panel answers with the snapshot of its network taken at the end of its last epoch, with the activation
    it was trained with - never with weights a running training is changing. State: ``x`` (784, 1) the
    preprocessed input, ``proba`` (10,) the probabilities, ``message``. CSS class "mnistlab-draw-digit".
    """

    def __init__(self, model, *, lang, activation=None):
        check_lang(lang)
        self.lang, self.model = lang, model
        self.activation = activation or getattr(model, "activation", None) or "relu"
        self._predict_proba(np.zeros((784, 1), dtype=np.float32))  # fails early on an unusable model
        self.x, self.proba = np.zeros((784, 1), dtype=np.float32), UNIFORM
        self.message = t("canvas.hint", lang)
        self.canvas = DigitCanvas(labels={"clear": t("canvas.clear", lang),
                                          "upload": t("canvas.upload", lang)})
        self.canvas.add_class("mnistlab-canvas")
        self.figure = go.FigureWidget(charts.prediction_view(self.x, self.proba, lang=lang))
        self.figure.layout.title.text = t("canvas.empty", lang)
        self.figure.add_class("mnistlab-prediction")
        self.message_box = ipw.HTML(self.message).add_class("mnistlab-message")
        self.canvas.observe(self.update, names="pixels")
        self.width_probe = WidthProbe()
        self.width_probe.observe(lambda change: self.fit(figure_width(change["new"])), names="width")
        left = ipw.VBox([self.canvas, self.message_box], layout={"width": f"{CANVAS_PX}px"})
        row = ipw.HBox([left, self.figure], layout={"flex_flow": "row wrap", "align_items": "flex-start",
                                                    "width": "100%"})
        self.widget = ipw.VBox([self.width_probe, row], layout={"width": "100%"})
        self.widget.add_class("mnistlab-draw-digit")

    def fit(self, width):
        """Size the figure for a notebook `width` pixels wide: beside the canvas where it has room, else
        below it at the full width."""
        if width:
            beside = width - CANVAS_PX - 8
            self.figure.layout.width = beside if beside >= FIGURE_MIN_PX else width

    def _predict_proba(self, X):
        model = self.model
        if isinstance(model, dict):
            return predict_proba(model, X, activation=self.activation)
        if hasattr(model, "predict_proba"):
            return np.asarray(model.predict_proba(X))
        raise TypeError("draw_digit needs a params dict, a training panel or an object with "
                        f"predict_proba(X); got {type(model).__name__}.")

    def predict(self, image, *, invert=False):
        """Preprocess one picture (see ``preprocess_digit``) and return its 10 probabilities."""
        self.x = preprocess_digit(image, invert=invert)
        self.proba = np.asarray(self._predict_proba(self.x), dtype=float).reshape(-1)
        return self.proba

    def update(self, change=None):
        """Called when the canvas sends a new image: preprocess, predict, redraw."""
        image = self.canvas.image()
        if image is None:
            return
        proba = self.predict(image, invert="auto" if self.canvas.kind == "photo" else False)
        empty = not self.x.any()
        if empty:
            update = charts.prediction_update(self.x, UNIFORM, lang=self.lang,
                                              title=t("canvas.empty", self.lang))
        else:
            update = charts.prediction_update(self.x, proba, lang=self.lang)
        charts.update_figure(self.figure, update)
        self.message = t("canvas.hint", self.lang) if empty else ""
        self.message_box.value = self.message

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def draw_digit(model, *, lang, activation=None):
    """Draw a digit (or upload a photo of one) and watch the network's probabilities. Lesson 09.

    model: a params dict (with ``activation=`` unless it is "relu" or the params record it), a training
    panel, or an object with ``predict_proba``.
    """
    return DrawDigit(model, lang=lang, activation=activation)
