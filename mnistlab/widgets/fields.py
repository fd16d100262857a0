"""Labelled controls that fit any notebook width: the label above, the control below at the field's full
width, and for sliders a readout in the lesson's number format that also takes typed input.

Why not ipywidgets' own description and readout: a long description (German labels are long) squeezes the
slider's track to nothing, and the readout's format (d3-format, always a decimal point) shows α = 1 as
"1.000" - one thousand to a German reader. Here the slider has ``readout=False``; a small text box beside it
shows ``format_number(value, lang)`` ("0,1" in German) and reads what the learner types, "0,05" or "0.05".

Fields are flex items: a row of fields wraps onto more lines when the notebook is narrow, so a slider's
track never gets narrower than ``MIN_TRACK``. CSS classes: "mnistlab-field" on the field, "mnistlab-label"
on its label, "mnistlab-readout" on a slider's readout.
"""

import html
import math
import re

import ipywidgets as ipw

from mnistlab.i18n import check_lang, fmt

MIN_TRACK = "160px"  # a slider's track never gets narrower than this
READOUT_WIDTH = "5.5em"  # "0,0001" and "1024" fit
LABEL_STYLE = "white-space: normal; line-height: 1.25; padding: 2px 0"  # long labels wrap, never squeeze


def format_number(value, lang, *, digits=4):
    """A readout's text: whole numbers as they are ("512"), others with up to `digits` significant digits
    and no trailing zeros, in the lesson's format ("0,1" and "0,0005" in German, "0.1" in English)."""
    check_lang(lang)
    if float(value).is_integer() and abs(value) < 10**digits:
        return str(int(value))
    return fmt("{value:." + str(digits) + "g}", lang, value=float(value))


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def parse_number(text, lang):
    """The number a learner typed, in either format: "0,05" and "0.05" both give 0.05 (a German class types
    commas, a copied value has a point); None if it is not a number. Thousands separators are not read: a
    readout never shows them."""
    check_lang(lang)
    if not isinstance(text, str):
        return None
    cleaned = text.strip().replace(" ", "").replace("\u2212", "-")  # "−0,5" typed with a real minus sign
    if not _NUMBER.fullmatch(cleaned):
        return None
    value = float(cleaned.replace(",", "."))
    return value if math.isfinite(value) else None


def label(text, tooltip=""):
    """A field's label: wraps onto a second line instead of squeezing the control beside it."""
    title = f' title="{html.escape(tooltip)}"' if tooltip else ""
    text = html.escape(text)
    return ipw.HTML(f'<div style="{LABEL_STYLE}"{title}>{text}</div>').add_class("mnistlab-label")


def field(text, *controls, tooltip="", basis="220px", grow=1, shrink=True):
    """A field: `text` above `controls` (side by side, the first one as wide as the field allows).

    basis: the field's preferred width; fields in a wrapping row grow from there to fill the row.
    shrink=False: never narrower than its content (a checkbox's text), it moves to the next line instead.
    """
    for control in controls[:1]:
        control.layout.flex, control.layout.width = "1 1 auto", "auto"
        control.layout.min_width = control.layout.min_width or "0"  # a long option never widens the field
    inner = ipw.HBox(list(controls), layout={"width": "100%", "align_items": "center"})
    box = ipw.VBox([label(text, tooltip), inner],
                   layout={"flex": f"{grow} {int(shrink)} {basis}", "min_width": "0" if shrink else "auto",
                           "margin": "0 16px 8px 0"})
    return box.add_class("mnistlab-field")


def fields_row(fields):
    """Fields side by side, wrapping onto the next line where the notebook is too narrow."""
    layout = {"flex_flow": "row wrap", "align_items": "flex-end", "width": "100%"}
    return ipw.HBox(list(fields), layout=layout)


class Readout:
    """A text box beside a slider: shows the slider's value in the lesson's format and sets the slider to
    what the learner types (Enter or leaving the box); text that is not a number is replaced by the value.
    Values outside the slider's range are clamped by the slider, as its own readout does."""

    def __init__(self, slider, lang):
        self.slider, self.lang = slider, lang
        self.text = ipw.Text(value=self.formatted(), continuous_update=False,
                             layout={"width": READOUT_WIDTH, "flex": "0 0 auto", "margin": "0 0 0 6px"})
        self.text.add_class("mnistlab-readout")
        slider.observe(self._show, names="value")
        self.text.observe(self._typed, names="value")

    def formatted(self):
        return format_number(self.slider.value, self.lang)

    def _show(self, change=None):
        if self.text.value != self.formatted():
            self.text.value = self.formatted()

    def _typed(self, change):
        if change["new"] == self.formatted():  # the box shows the value (set by _show): nothing typed
            return
        value = parse_number(change["new"], self.lang)
        if value is not None:
            if isinstance(self.slider, ipw.IntSlider):
                value = round(value)
            self.slider.value = max(self._bounds()[0], min(self._bounds()[1], value))
        self._show()

    def _bounds(self):
        s = self.slider
        if isinstance(s, ipw.FloatLogSlider):
            return s.base ** s.min, s.base ** s.max
        return s.min, s.max


def slider_field(text, slider, lang, *, tooltip="", basis="260px"):
    """A slider under its label with a readout in the lesson's format: (field, readout)."""
    slider.readout = False
    slider.description = ""
    slider.layout.min_width = MIN_TRACK
    readout = Readout(slider, lang)
    return field(text, slider, readout.text, tooltip=tooltip, basis=basis), readout
