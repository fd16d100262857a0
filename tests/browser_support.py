"""Plumbing for the real-browser test (tests/test_browser.py): a private JupyterLab server, one page of
headless Chromium with JupyterLab loaded, and helpers that open a notebook in it, Run All, and find, use
and read its widgets (ipywidgets DOM, plotly graph divs).

Nothing here touches the repository's notebooks: the server's root is a temporary copy of ``lessons/`` and
autosave is off. The JupyterLab app is exposed as ``window.jupyterapp`` (``--LabApp.expose_app_in_browser``)
so the test reads the notebook model (execution counts, error outputs, widget outputs) instead of guessing
from the rendered page.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

import mnistlab

REQUIRED = os.environ.get("MNISTLAB_BROWSER", "").strip().lower() == "required"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# User settings written into the server's private JUPYTERLAB_SETTINGS_DIR (plugin id -> settings).
LAB_SETTINGS = {
    # No news / update toast over the screenshots (and no request to the internet).
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # Never write the (temporary) notebooks while the test runs.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def chromium_or_skip():
    """The path of Debian's chromium; skip (or fail with MNISTLAB_BROWSER=required) if it or playwright
    is missing. Never downloads a browser: `playwright install` does not work on our machines."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install playwright)")
    executable = shutil.which("chromium")
    if executable is None:
        missing.append("a chromium executable on PATH (apt-get install chromium)")
    if missing:
        reason = "the real-browser test needs " + " and ".join(missing)
        if REQUIRED:
            pytest.fail(reason + "; MNISTLAB_BROWSER=required is set, so this is a failure", pytrace=False)
        pytest.skip(reason + " (set MNISTLAB_BROWSER=required to make this a failure)")
    return executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PortTakenError(RuntimeError):
    """The free port found for the server was taken by someone else before the server bound it."""


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 with a random port and token, serving `root`; its config,
    settings, workspaces, runtime and data dirs all live under `home` (nothing of the user's is read)."""

    def __init__(self, root, home):
        self.root, self.home = Path(root), Path(home)
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.process, self.log_path = None, self.home / "jupyterlab.log"

    def start(self, timeout=120, attempts=2):
        """Start the server and wait until it answers; a port taken in the meantime gets one more try."""
        for attempt in range(attempts):
            try:
                return self._start(timeout)
            except PortTakenError:
                if attempt == attempts - 1:
                    raise
                self.port = free_port()
                self.base = f"http://127.0.0.1:{self.port}"

    def _start(self, timeout):
        dirs = {name: self.home / name for name in ("config", "settings", "workspaces", "runtime", "data")}
        for folder in dirs.values():
            folder.mkdir(parents=True, exist_ok=True)
        for plugin, values in LAB_SETTINGS.items():
            path = dirs["settings"] / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        # The kernel imports the same mnistlab as this test (whose UI strings it compares with).
        package_root = str(Path(mnistlab.__file__).resolve().parents[1])
        python_path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(dirs["config"]),
               "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
               "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
               "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
               "JUPYTER_DATA_DIR": str(dirs["data"]),  # no user-level kernelspecs or extensions
               "PYTHONPATH": python_path, "MNISTLAB_OFFLINE": "1",
               "MNISTLAB_WORKBOOK": str(Path(dirs["data"]).parent / "workbook")}  # never this machine's home
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--port-retries=0", f"--IdentityProvider.token={self.token}",
                   "--allow-root", f"--ServerApp.root_dir={self.root}", "--LabApp.expose_app_in_browser=True"]
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log_tail()
                error = PortTakenError if "already in use" in log else RuntimeError
                raise error(f"JupyterLab exited with code {self.process.returncode} at start:\n{log}")
            try:
                self.api("GET", "/api/status", timeout=2)
                return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)  # polling the port, not synchronising with the page
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer on port {self.port} within {timeout} s:\n"
                           + self.log_tail())

    def api(self, method, path, timeout=10):
        request = urllib.request.Request(self.base + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def url(self, path, workspace):
        """The URL that opens `path` (relative to root; "" for none) in a fresh, named workspace."""
        tree = f"/tree/{quote(path)}" if path else ""
        return f"{self.base}/lab/workspaces/{quote(workspace)}{tree}?reset&token={self.token}"

    def shutdown_kernels(self):
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, n=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no server log)"

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            self.api("POST", "/api/shutdown", timeout=5)  # also shuts down the kernels
            self.process.wait(20)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


# ---- in the page ---------------------------------------------------------------------------------------

# The current notebook's code cells as the notebook model has them (execution count, error outputs), and
# per cell how many widget outputs it has and how many of them the page shows as a widget: a widget view
# whose model never arrives stays an empty output (or reads "Error displaying widget: model not found").
JS_CELLS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model || !panel.sessionContext) return null;
  const cells = [];
  for (const [index, view] of panel.content.widgets.entries()) {
    const cell = view.model;
    if (cell.type !== "code") continue;
    const outputs = cell.outputs.toJSON();
    const errors = outputs.filter(o => o.output_type === "error").map(o => `${o.ename}: ${o.evalue}`);
    const widgets = outputs.filter(o => o.data && o.data["application/vnd.jupyter.widget-view+json"]).length;
    const shown = Array.from(view.node.querySelectorAll(".jp-OutputArea-output"))
                       .filter(o => o.querySelector(".lm-Widget")).length;
    cells.push({index, count: cell.executionCount, source: cell.sharedModel.getSource().slice(0, 60),
                errors, widgets, shown});
  }
  const session = panel.sessionContext.session;
  const status = session && session.kernel ? session.kernel.status : "none";
  const pending = panel.content.widgets.filter(w => w.model.type === "code" &&
                                                    w.model.executionState === "running").length;
  return {cells, status, pending};
}"""

# The training dashboard's curves (dashboard_chart.dashboard: every trace whose key, in its meta, does not
# start with "shapes."): points in all, points per trace, the per-epoch loss points (key "loss.train" -
# unlike the per-step curves this one only grows during a run), and every value that is not a finite number
# (a NaN that reached the browser, or a null made from one).
JS_CURVES = """gd => {
  const curves = gd.data.filter(t => !String(t.meta).startsWith("shapes."));
  const bad = [];
  curves.forEach((t, i) => ["x", "y"].forEach(axis => Array.from(t[axis] || []).forEach((v, j) => {
    if (typeof v !== "number" || !Number.isFinite(v)) bad.push(`trace ${i} ${axis}[${j}] = ${v}`);
  })));
  const length = t => (t && t.x ? t.x.length : 0);
  return {points: curves.reduce((n, t) => n + length(t), 0), lengths: curves.map(length),
          epochs: length(gd.data.find(t => t.meta === "loss.train")), bad: bad.slice(0, 10)};
}"""

JS_TEXTS = """gd => gd.data.flatMap(t => t.text == null ? [] : Array.isArray(t.text) ? t.text.map(String)
                                                                              : [String(t.text)])"""

WIDGET_ERRORS = ("Error displaying widget", "model not found")

# Browser console errors that are not ours and say nothing about the course, as regular expressions, each
# with the reason it is harmless. Empty: with JupyterLab 4.6.6, ipywidgets 8.1.9, plotly 7.1.0, anywidget
# 0.11.0 and Chromium 156 a clean run logs no console error at all, so every one is reported.
HARMLESS_CONSOLE = ()


class LabPage:
    """One browser page with JupyterLab loaded once; the lessons are opened in it one after the other (a
    page load costs several seconds on a small machine). Collects console errors and uncaught page errors."""

    def __init__(self, browser, lab, timeout=60_000):
        self.lab, self.timeout, self.errors, self.fresh = lab, timeout, [], False
        self.page = browser.new_page(viewport={"width": 1500, "height": 1400})
        self.page.set_default_timeout(timeout)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def _on_console(self, message):
        if message.type == "error" and not any(re.search(p, message.text) for p in HARMLESS_CONSOLE):
            self.errors.append(f"console.error: {message.text}")

    def load(self, timeout=120_000):
        """(Re)load JupyterLab in a fresh workspace with nothing open."""
        self.page.goto(self.lab.url("", "browser-test"))
        self.page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=timeout)
        self.page.evaluate("async () => { await window.jupyterapp.restored; }")
        self.page.locator("#jp-main-statusbar").wait_for(timeout=timeout)
        self.errors.clear()
        self.fresh = True

    def close_documents(self):
        """Shut down the kernels of the open notebooks and close them without saving (never a dialog)."""
        self.page.evaluate("""async () => {
          for (const widget of Array.from(window.jupyterapp.shell.widgets("main"))) {
            if (widget.sessionContext) { try { await widget.sessionContext.shutdown(); } catch (e) {} }
            if (widget.context && widget.context.model) widget.context.model.dirty = false;
            widget.dispose();
          }
        }""")


class Lesson:
    """One notebook opened in the shared JupyterLab page, with helpers to find and use its widgets."""

    def __init__(self, lab_page, path, screenshots, tag):
        self.lab_page, self.page, self.path = lab_page, lab_page.page, path
        self.screenshots, self.tag, self.timeout = screenshots, tag, lab_page.timeout
        self.console_errors = lab_page.errors  # the page's list: errors from now on belong to this lesson
        self.console_errors.clear()
        self.shots, self.timings, self.t0 = [], {}, time.monotonic()

    # ---- the notebook ----------------------------------------------------------------------------------
    def open_and_run_all(self, open_timeout=120_000, run_timeout=300_000):
        """Open the notebook, wait until its kernel is idle (an earlier Run All is silently dropped), run
        JupyterLab's command notebook:run-all-cells, wait until every code cell ran, then check the page."""
        page, start = self.page, time.monotonic()
        page.evaluate("""async (path) => {
          const widget = await window.jupyterapp.commands.execute("docmanager:open",
                                                                   {path, factory: "Notebook"});
          await widget.context.ready;
          window.jupyterapp.shell.activateById(widget.id);
        }""", self.path)
        page.wait_for_function(f"""() => {{ const s = ({JS_CELLS})(); return s && s.status === "idle"; }}""",
                               timeout=open_timeout, polling=250)
        self.timings["open"] = time.monotonic() - start
        started = f"""() => {{ const s = ({JS_CELLS})();
                              return s.pending > 0 || s.cells.some(c => c.count !== null); }}"""
        for attempt in range(2):  # should the command still come too early, it is dropped: once more
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            try:
                page.wait_for_function(started, timeout=20_000, polling=100)
                break
            except Exception as error:
                if attempt == 1:
                    raise AssertionError(self.explain(f"Run All did not start any cell: {error}")) from None
        page.wait_for_function(f"""() => {{
          const s = ({JS_CELLS})();
          if (!s || s.status !== "idle" || s.pending) return false;
          return s.cells.every(c => c.count !== null) || s.cells.some(c => c.errors.length);
        }}""", timeout=run_timeout, polling=250)
        self.timings["run_all"] = time.monotonic() - start - self.timings["open"]
        with contextlib.suppress(Exception):  # check_clean names the widgets that did not appear
            page.wait_for_function(f"""() => ({JS_CELLS})().cells.every(c => c.shown >= c.widgets)""",
                                   timeout=self.timeout, polling=250)
        self.shot("0_ran_all")
        self.check_clean()

    def cell_problems(self):
        """What is wrong in the notebook's cells; the first bad cell is scrolled into view (screenshot)."""
        problems, first_bad = [], None
        for i, cell in enumerate(self.page.evaluate(JS_CELLS)["cells"]):
            found = [f"code cell {i + 1} ({cell['source']!r}...): {e}" for e in cell["errors"]]
            if cell["count"] is None and not problems:
                found.append(f"code cell {i + 1} ({cell['source']!r}...) did not run")
            if cell["shown"] < cell["widgets"]:
                found.append(f"code cell {i + 1} ({cell['source']!r}...): {cell['widgets']} widget "
                             f"output(s), but only {cell['shown']} shown as a widget")
            if found and first_bad is None:
                first_bad = cell["index"]
            problems += found
        if first_bad is not None:
            self.page.evaluate("i => window.jupyterapp.shell.currentWidget.content.widgets[i].node"
                               ".scrollIntoView()", first_bad)
        return problems

    def check_clean(self):
        """No cell error, no widget that failed to display, no console error so far."""
        problems = self.cell_problems()
        text = self.page.locator(".jp-Notebook").inner_text()
        problems += [f"the page shows {phrase!r}" for phrase in WIDGET_ERRORS if phrase in text]
        problems += self.console_errors
        assert not problems, self.explain("\n".join(problems))

    # ---- finding widgets ------------------------------------------------------------------------------
    # Every mnistlab panel and control carries a CSS class (mnistlab.widgets: "mnistlab-training-panel",
    # "mnistlab-train", "mnistlab-learning-rate", ...): the test finds them whatever the language.
    def panel(self, kind):
        """The (first) panel of a kind: "training-panel", "shapes-explorer" or "draw-digit"."""
        found = self.page.locator(f".jp-Notebook .mnistlab-{kind}").first
        self._wait_for(found, f"a panel .mnistlab-{kind}")
        return found

    def control(self, panel, name):
        """The control `name` (e.g. "learning-rate", "train") inside `panel`."""
        found = panel.locator(f".mnistlab-{name}").first
        self._wait_for(found, f"a control .mnistlab-{name}")
        return found

    def has_control(self, panel, name):
        return panel.locator(f".mnistlab-{name}").count() > 0

    def _wait_for(self, locator, what):
        try:
            locator.wait_for(timeout=self.timeout)
        except Exception as error:
            found = self.page.evaluate("""() => Array.from(document.querySelectorAll(".jp-Notebook [class]"))
                .flatMap(e => Array.from(e.classList)).filter(c => c.startsWith("mnistlab-"))""")
            raise AssertionError(self.explain(
                f"found no {what} in the notebook; it has the mnistlab classes {sorted(set(found))}\n"
                f"({type(error).__name__})")) from None

    def graph(self, widget):
        """The plotly graph div inside `widget`, scrolled into view and drawn (its traces known)."""
        graph = widget.locator(".js-plotly-plot").first
        graph.scroll_into_view_if_needed()
        self.page.wait_for_function("gd => gd.data && gd.data.length > 0 && gd.querySelector('.main-svg')",
                                    arg=graph.element_handle(), timeout=self.timeout)
        return graph

    # ---- using widgets ---------------------------------------------------------------------------------
    def has_option(self, dropdown, label):
        return dropdown.locator(f"option:text-is({_js_string(label)})").count() > 0

    def choose(self, dropdown, label):
        """Choose the option `label` in a dropdown control."""
        dropdown.locator("select").select_option(label=label)

    def type_into_readout(self, slider, value):
        """Type a value into the slider's readout and press Enter, as a learner can: mnistlab's own readout
        (a text box beside the slider, .mnistlab-readout) where the field has one, else ipywidgets' own."""
        own = slider.locator(".mnistlab-readout input")
        readout = own.first if own.count() else slider.locator(".widget-readout").first
        readout.fill(str(value))
        readout.press("Enter")

    def press_right_on(self, slider):
        """Focus the slider's handle (ARIA role "slider") and press the right arrow key once."""
        slider.get_by_role("slider").first.focus()
        self.page.keyboard.press("ArrowRight")

    def expect_settings(self, panel, *parts):
        """Wait until the training panel's settings text (the state Python holds) contains every part."""
        box = panel.locator(".mnistlab-settings input")
        if not box.count():
            return
        self.page.wait_for_function("([input, parts]) => parts.every(p => input.value.includes(p))",
                                    arg=[box.first.element_handle(), list(parts)], timeout=self.timeout)

    def expect_text(self, locator, text):
        from playwright.sync_api import expect

        try:
            expect(locator).to_contain_text(text, timeout=self.timeout)
        except AssertionError as error:
            raise AssertionError(self.explain(f"expected {text!r} in the widget: {error}")) from None

    def wait_enabled(self, button):
        self.page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=self.timeout)

    def panel_state(self, panel):
        """The training panel's state from its status line: {"state", "run", "epoch"} (data attributes)."""
        return panel.locator(".mnistlab-status-text").evaluate(
            "e => ({state: e.dataset.state, run: Number(e.dataset.run), "
            "epoch: e.dataset.epoch === '' ? null : Number(e.dataset.epoch)})")

    def wait_for_state(self, panel, state):
        """Wait until the training panel reports `state` ("stopped", "finished", "diverged", ...)."""
        try:
            panel.locator(f".mnistlab-status-text[data-state={_js_string(state)}]").wait_for(
                state="attached", timeout=self.timeout)  # attached: the text is empty before training
        except Exception as error:
            raise AssertionError(self.explain(f"the panel never reported {state!r} (it reports "
                                              f"{self.panel_state(panel)}): {error}")) from None
        return self.panel_state(panel)

    # ---- reading plotly graph divs ---------------------------------------------------------------------
    def plot_title(self, graph):
        return graph.evaluate("gd => (gd.layout && gd.layout.title && gd.layout.title.text) || ''")

    def wait_for_title(self, graph, title, equal=True):
        """Wait until the graph's title is `title` (equal=False: is a non-empty text other than `title`)."""
        test = "text === title" if equal else "text && text !== title"
        try:
            self.page.wait_for_function(
                f"([gd, title]) => {{ const text = (gd.layout.title || {{}}).text; return {test}; }}",
                arg=[graph.element_handle(), title], timeout=self.timeout)
        except Exception as error:
            raise AssertionError(self.explain(f"the chart title stayed {self.plot_title(graph)!r} "
                                              f"({'expected' if equal else 'expected other than'} "
                                              f"{title!r}): {error}")) from None

    def plot_texts(self, graph):
        return graph.evaluate(JS_TEXTS)

    def w1_rows(self, graph):
        """n_h from the shapes chart's label "W1 · n_h × 784"."""
        labels = [s for s in self.plot_texts(graph) if re.fullmatch(r"W1 · \d+ × 784", s)]
        assert len(labels) == 1, self.explain(f"expected one W1 label in the shapes chart, got {labels}")
        return int(labels[0].split()[2])

    def wait_for_w1_rows(self, graph, n):
        label = f"W1 · {n} × 784"
        try:
            self.page.wait_for_function(f"gd => ({JS_TEXTS})(gd).includes({_js_string(label)})",
                                        arg=graph.element_handle(), timeout=self.timeout)
        except Exception as error:
            raise AssertionError(self.explain(f"the shapes chart never showed {label!r} (it shows "
                                              f"{self.plot_texts(graph)[:6]}): {error}")) from None

    def curve_summary(self, graph):
        return graph.evaluate(JS_CURVES)

    def wait_for_epochs(self, graph, more_than=None, exactly=None):
        """Wait until the dashboard's per-epoch loss curve has more than `more_than` (or `exactly`) points;
        return the count."""
        test = f"n > {more_than}" if exactly is None else f"n === {exactly}"
        try:
            self.page.wait_for_function(f"gd => {{ const n = ({JS_CURVES})(gd).epochs; return {test}; }}",
                                        arg=graph.element_handle(), timeout=self.timeout, polling=100)
        except Exception as error:
            raise AssertionError(self.explain(f"the live chart never had {test} points per epoch "
                                              f"({self.curve_summary(graph)}): {error}")) from None
        return self.curve_summary(graph)["epochs"]

    def bar_values(self, graph):
        return graph.evaluate("gd => Array.from((gd.data.find(t => t.meta === 'drawing.proba') || {}).y "
                              "|| [])")

    def heatmap_values(self, graph):
        """All z values of the graph's heatmap, flattened (rows may be arrays or typed arrays)."""
        return graph.evaluate("""gd => Array.from((gd.data.find(t => t.meta === "drawing.input") || {}).z
                                              || [])
                                   .flatMap(row => typeof row === "number" ? [row] : Array.from(row))""")

    # ---- evidence ------------------------------------------------------------------------------------
    def shot(self, name, locator=None):
        """A screenshot of the widget `locator` (all of it, even if taller than the window), or of the
        window."""
        path = self.screenshots / f"{self.tag}_{name}.png"
        if locator is not None:
            locator.screenshot(path=path, animations="disabled")
        else:
            self.page.screenshot(path=path)
        self.shots.append(path)
        return path

    def explain(self, message):
        return (f"{self.tag} ({self.path}): {message}\n  screenshots: {self.screenshots}"
                + (f"\n  console errors so far: {self.console_errors[:5]}" if self.console_errors else ""))

    def close(self, failed=False):
        """Close the notebook; after a failure reload JupyterLab, so the next lesson starts clean."""
        if failed:
            with contextlib.suppress(Exception):  # the page may be gone; pytest reports the failure itself
                self.shot("FAILED")
        try:
            self.lab_page.close_documents()
            if failed:
                self.lab_page.load()
        except Exception:
            self.lab_page.fresh = False  # the next lesson reloads the page
        total = time.monotonic() - self.t0
        print(f"{self.tag}: " + ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
              + f", widgets {total - sum(self.timings.values()):.1f} s, total {total:.1f} s")


def _js_string(text):
    """`text` quoted for a Playwright selector or a JS expression."""
    return json.dumps(text, ensure_ascii=False)
