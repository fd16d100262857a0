"""Helpers for the lessons' notebooks: show a package function's source, check the environment.

``show_source`` is how a lesson shows mnistlab's code without copying it. ``environment_check`` is the
self-check of lesson 00: versions, widget support, plotly's FigureWidget and the data source, each with
the fix when something is missing. ``widget_check`` shows a live slider wired to a chart - if it renders
and reacts, the browser side works too (that part cannot be seen from Python).
"""

import inspect
import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from mnistlab.i18n import check_lang, t


def show_source(obj):
    """Show the source code of a mnistlab function or class, highlighted (plain text outside Jupyter)."""
    source = inspect.getsource(obj)
    try:
        from IPython.display import Code
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return source
    return Code(source, language="python")


@dataclass
class CheckRow:
    what: str
    ok: bool
    found: str
    fix: str = ""


def _version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _figure_widget_problem():
    """None if plotly can create a FigureWidget in this kernel, else the error text."""
    try:
        import plotly.graph_objects as go

        go.FigureWidget()
    except Exception as error:  # ImportError for anywidget, or anything plotly raises
        return f"{type(error).__name__}: {error}"
    return None


class EnvironmentReport(list):
    """The rows of ``environment_check``; ``ok`` if every row is; shows itself as a table in a notebook."""

    lang = "en"

    @property
    def ok(self):
        return all(row.ok for row in self)

    def _repr_markdown_(self):
        head = [t("notebook.check.what", self.lang), t("notebook.check.status", self.lang),
                t("notebook.check.fix", self.lang)]
        lines = ["| " + " | ".join(head) + " |", "|---|---|---|"]
        for row in self:
            mark = "✓" if row.ok else "✗"
            lines.append(f"| {row.what} | {mark} {row.found} | {row.fix} |")
        summary = t("notebook.check.all_ok" if self.ok else "notebook.check.problems", self.lang)
        return "\n".join(lines) + f"\n\n**{summary}**"

    def __repr__(self):
        return "\n".join(f"{'✓' if r.ok else '✗'} {r.what}: {r.found}" + (f"  -> {r.fix}" if r.fix else "")
                         for r in self)


def environment_check(*, lang):
    """Check Python, the widget stack, plotly's FigureWidget and the data source; each row says the fix."""
    check_lang(lang)
    from mnistlab import __version__
    from mnistlab.data import data_source

    report = EnvironmentReport()
    report.lang = lang
    python_ok = sys.version_info >= (3, 11)
    report.append(CheckRow("Python", python_ok, platform.python_version(),
                           "" if python_ok else t("notebook.fix.python", lang)))
    report.append(CheckRow("mnistlab", True, __version__))
    for package, minimum in (("numpy", (1, 26)), ("ipywidgets", (8, 0)), ("jupyterlab_widgets", (3, 0)),
                             ("plotly", (6, 1)), ("anywidget", (0, 9))):
        version = _version(package)
        ok = version is not None and tuple(int(p) for p in version.split(".")[:2] if p.isdigit()) >= minimum
        found = version or t("notebook.check.missing", lang)
        fix = "" if ok else t("notebook.fix.install", lang, package=package)
        report.append(CheckRow(package, ok, found, fix))
    problem = _figure_widget_problem()
    report.append(CheckRow("plotly FigureWidget", problem is None, problem or "OK",
                           "" if problem is None else t("notebook.fix.install", lang, package="anywidget")))
    source = data_source(dataset="mnist", split="train", probe=True)
    full = source.kind != "sample"
    notice = source.describe(lang).removeprefix("mnistlab: ")
    report.append(CheckRow(t("notebook.check.data", lang), True, notice,
                           "" if full else t("notebook.fix.download", lang)))
    return report


def widget_check(*, lang):
    """A slider wired to a small live chart: if you can move it and the bar follows, widgets work."""
    import ipywidgets as widgets
    import plotly.graph_objects as go

    from mnistlab.widgets.width import fit_width

    check_lang(lang)
    slider = widgets.IntSlider(value=3, min=0, max=9, description=t("notebook.widget.slider", lang),
                               continuous_update=True, style={"description_width": "initial"},
                               layout={"width": "100%", "max_width": "480px"})
    figure = go.FigureWidget(go.Bar(x=list(range(10)), y=[float(d == 3) for d in range(10)]))
    figure.update_layout(template="plotly_white", height=220, yaxis_range=[0, 1],
                         margin={"l": 50, "r": 10, "t": 10, "b": 50}, xaxis={"dtick": 1},
                         xaxis_title=t("chart.proba.x", lang), font_size=15,
                         separators=",." if lang == "de" else ".,")

    def follow(change):
        figure.data[0].y = [float(d == change["new"]) for d in range(10)]

    slider.observe(follow, names="value")  # the chart is as wide as the notebook, at most 720 px
    return widgets.VBox([widgets.HTML(t("notebook.widget.prompt", lang)), slider,
                         fit_width(figure, start=480, most=720)])
