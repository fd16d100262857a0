"""Interactive panels for the lessons: training panel (06, 08), shapes explorer (03), draw a digit (09).

UI only: the math comes from ``mnistlab.network``/``mnistlab.training``, the figures from ``mnistlab.charts``,
the strings from ``mnistlab.i18n``. All state lives on the panel objects; there are no module globals.

    settings.py   Settings, their bounds and PRESETS        run.py        a training run in its worker thread
    controls.py   the panel's controls and their fields     fields.py     label above control, readouts
    panel.py      TrainingPanel: layout, actions            dashboard.py  its figure, status and messages
    explorer.py   ShapesExplorer                            draw.py       DigitCanvas and DrawDigit
    width.py      WidthProbe: the notebook's width, so that figures fit it (fit_width(figure))

Each panel is displayed by ending a cell with it (it has ``_repr_mimebundle_``); ``panel.widget`` is the
ipywidgets box itself. The buttons call public methods (``train``, ``stop``, ``step``, ``reset``), so
everything can also be driven - and tested - from code without a browser. Every panel and control has a
CSS class "mnistlab-..." for browser tests.
"""

from .draw import DigitCanvas, DrawDigit, draw_digit
from .explorer import ShapesExplorer, shapes_explorer
from .panel import TrainingPanel, training_panel
from .settings import PRESETS, Settings
from .width import WidthProbe, fit_width

__all__ = ["PRESETS", "DigitCanvas", "DrawDigit", "Settings", "ShapesExplorer", "TrainingPanel", "draw_digit",
           "WidthProbe", "fit_width", "shapes_explorer", "training_panel"]
