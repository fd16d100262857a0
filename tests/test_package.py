"""The package as a whole: importing is cheap and silent, the public names exist, one notation table."""

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mnistlab as ml

ROOT = Path(__file__).resolve().parents[1]

IMPORT_PROBE = r"""
import sys
events = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and not args[0].endswith((".py", ".pyc", ".so", ".pth")):
        events.append((event, args[0]))
    elif event in {"socket.connect", "socket.getaddrinfo", "subprocess.Popen"}:
        events.append((event, str(args[0])))
sys.addaudithook(hook)
import mnistlab
print(repr(events))
print(sorted(m for m in sys.modules if m.split(".")[0] in {"plotly", "ipywidgets", "anywidget", "pooch"}))
"""


def test_importing_mnistlab_does_no_io_and_loads_no_ui_library():
    result = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, check=True)
    events, ui_modules = result.stdout.strip().splitlines()
    assert events == "[]", f"import mnistlab touched files or the network: {events}"
    assert ui_modules == "[]", f"import mnistlab imported {ui_modules}"


@pytest.mark.parametrize("name", ml.__all__)
def test_every_public_name_resolves_to_what_its_module_defines(name):
    module = importlib.import_module(f"mnistlab.{ml._WHERE[name]}")
    value = getattr(ml, name)
    assert value is getattr(module, name)
    assert getattr(value, "__module__", module.__name__).startswith("mnistlab."), value


def test_an_unknown_name_gives_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        ml.no_such_thing  # noqa: B018


def notation_rows(text):
    rows = [line.strip() for line in text.splitlines() if re.match(r"^\s*(#\s*)?\|", line)]
    rows = [re.sub(r"^#\s*", "", row) for row in rows]
    start = next(i for i, row in enumerate(rows) if row.startswith("| $X$"))
    return rows[start:start + 8]


def test_readme_docstring_and_lesson_00_show_the_same_notation_table():
    readme = notation_rows((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(readme) == 8 and readme[-1].startswith("| $\\alpha$")
    assert notation_rows(ml.__doc__) == readme
    assert notation_rows((ROOT / "lessons/en/py/00_start.py").read_text(encoding="utf-8")) == readme


MATH_CORE = ("errors", "checks", "functions", "network", "optimizers", "blas", "training", "gradcheck",
             "evaluate", "augment", "landscape")
# the only modules that may import plotly, ipywidgets, anywidget
UI = ("charts", "network_charts", "dashboard_chart", "graph_chart", "compare_chart", "landscape_chart",
      "widgets")
MODULE_PROBE = r"""
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in
                        {"mnistlab", "plotly", "ipywidgets", "anywidget", "pooch", "requests"})))
"""


def modules_loaded_by_importing(name):
    result = subprocess.run([sys.executable, "-c", MODULE_PROBE, f"mnistlab.{name}"], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    return set(json.loads(result.stdout))


def package_modules():
    import pkgutil

    return sorted(info.name for info in pkgutil.iter_modules(ml.__path__) if info.name not in ("__main__",))


@pytest.mark.parametrize("name", [name for name in package_modules() if name not in UI])
def test_only_charts_and_widgets_import_a_ui_library(name):
    loaded = modules_loaded_by_importing(name)
    ui = sorted(m for m in loaded if m.split(".")[0] in {"plotly", "ipywidgets", "anywidget"})
    assert ui == [], f"mnistlab.{name} imports {ui[:3]}: only {', '.join(UI)} may import UI libraries"
    assert not {f"mnistlab.{ui_module}" for ui_module in UI} & loaded, f"mnistlab.{name} imports the UI"


@pytest.mark.parametrize("name", MATH_CORE)
def test_the_math_core_imports_neither_the_data_code_nor_download_libraries(name):
    loaded = modules_loaded_by_importing(name)
    beside = {"mnistlab.data", "mnistlab.idx", "mnistlab.fetch", "mnistlab.model_file", "pooch", "requests"}
    assert not beside & loaded, f"mnistlab.{name} imports {sorted(beside & loaded)}"
