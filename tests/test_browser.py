"""The course driven in a real browser: JupyterLab + headless Chromium (Debian's) through Playwright.

For the shapes lesson (03) and the learning-rate lesson (06b) in both languages, and the handwriting
lesson (09): open the notebook, run all cells (JupyterLab's command), then use the widgets as a learner
would - move a slider, press Train and Stop, draw a digit - and check what the page shows. The layout
test measures lessons 00, 02, 03, 05a, 05c, 06b, 07, 08b and 09 in both languages at 1024 x 768 and
1600 x 1000 with the file browser open (tests/browser_layout.py: slider tracks, right edges, overlapping
texts, German readouts).
Widgets are found by their CSS classes (mnistlab-training-panel, mnistlab-train, ...), traces by their keys
(meta), never by English texts or positions. Catches what tests of Python objects cannot:
"Error displaying widget: model not found", JS errors, a widget that never reaches the browser.

Skips when playwright or chromium is missing, unless MNISTLAB_BROWSER=required (CI) - then it fails.
Screenshots go to $MNISTLAB_SCREENSHOTS (or a temp folder); the path is printed and named in failures.
MNISTLAB_BROWSER_LESSONS=<folder> drives another lessons folder (en/, de/), e.g. a deliberately broken copy.
Run alone: MNISTLAB_BROWSER=required python3 -m pytest -p no:cacheprovider -n0 tests/test_browser.py -v
"""

import math
import os
import re
import shutil
from pathlib import Path

import browser_layout as layout
import browser_support as bs
import pytest

from mnistlab.i18n import STRINGS, t
from mnistlab.network_charts import shapes_title

LESSONS = Path(os.environ.get("MNISTLAB_BROWSER_LESSONS") or Path(__file__).resolve().parents[1] / "lessons")
LANGS = ("en", "de")
TIMEOUT = 60_000  # ms for a single UI reaction; generous: CI runs other tests on the second core
# The layout test: a classroom projector (the file browser open, as a Binder link opens the lab, leaves the
# notebook ~690 px) and a desktop; the lessons with panels (02, 03, 06b, 09), wide charts (05c, 08b), image
# grids (00, 07, 09) and the computational graph (05a: its boxes and edge labels are annotations, so overlaps
# are measured).
SIZES = ((1024, 768), (1600, 1000))
LAYOUT_LESSONS = ("00", "02", "03", "05a", "05c", "06b", "07", "08b", "08c", "08d", "09")
MAX_SHOWN = 40  # layout problems listed in a failure (a grid with every caption on an image has 60)


def fixed_prefix(key, lang):
    """The text of a UI string up to its first {placeholder}: "Stopped after epoch " for panel.stopped."""
    return STRINGS[key][lang].split("{", 1)[0]


@pytest.fixture(scope="module")
def screenshots(request, tmp_path_factory):
    """The screenshot folder, printed past pytest's capture (with xdist only the failure messages and
    .ci/run's own line name it)."""
    folder = Path(os.environ.get("MNISTLAB_SCREENSHOTS") or tmp_path_factory.mktemp("browser-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nbrowser test: screenshots in {folder}")
    return folder


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One JupyterLab for the module, serving a temporary copy of lessons/ (the repo's notebooks are never
    opened, so nothing can be saved into them)."""
    bs.chromium_or_skip()
    home = tmp_path_factory.mktemp("jupyterlab")
    root = home / "lessons"
    shutil.copytree(LESSONS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    server = bs.JupyterLab(root, home / "lab").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                              args=bs.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def lab_page(lab, browser):
    """One page with JupyterLab loaded once for the module; the lessons are opened in it in turn."""
    page = bs.LabPage(browser, lab, timeout=TIMEOUT)
    yield page
    page.page.close()


@pytest.fixture
def lesson(request, lab, lab_page, screenshots):
    """lesson(number, lang) -> a bs.Lesson: the notebook opened, all cells run and checked."""
    opened, failures_before = [], request.session.testsfailed

    def open_lesson(number, lang):
        found = sorted((lab.root / lang).glob(f"{number}_*.ipynb"))
        if not found:  # a renamed or missing lesson is a failure, not a silent skip
            pytest.fail(f"lessons/{lang}/{number}_*.ipynb does not exist", pytrace=False)
        if not lab_page.fresh:
            lab_page.load()
        item = bs.Lesson(lab_page, found[0].relative_to(lab.root).as_posix(), screenshots, f"{number}_{lang}")
        opened.append(item)
        item.open_and_run_all()
        return item

    yield open_lesson
    failed = request.session.testsfailed > failures_before  # the call's report is counted before teardown
    for item in opened:
        item.close(failed=failed)
    lab.shutdown_kernels()


@pytest.fixture
def window(lab_page):
    """window(width, height) resizes the browser window for one test; the module's size comes back after."""
    before = lab_page.page.viewport_size
    yield lambda width, height: lab_page.page.set_viewport_size({"width": width, "height": height})
    lab_page.page.set_viewport_size(before)


def shoot_figures(nb, numbers, width, height):
    """A screenshot of each figure (grids, panels' charts, curves) measured in `numbers`."""
    figures = nb.page.locator(".jp-Notebook .js-plotly-plot")
    for fig in numbers["figures"]:
        name = f"layout_{width}x{height}_fig{fig['index'] + 1}_cell{fig['cell']}"
        figure = figures.nth(fig["index"])
        if fig["box"][3] - fig["box"][1] < height - 150:
            nb.shot(name, figure)
        else:  # taller than the window: its top part, as the learner sees it (an element shot garbles)
            figure.evaluate("e => e.scrollIntoView({block: 'start'})")
            nb.shot(name)


@pytest.mark.parametrize("number", LAYOUT_LESSONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_output_fits_the_notebook_and_no_text_overlaps_at_projector_and_desktop_size(
        lesson, window, lang, number):
    """After Run All at 1024 x 768 with the file browser open, and again at 1600 x 1000: every slider has
    a usable track, no output reaches past the notebook's right edge or scrolls sideways, no text of a
    figure overlaps another text or an image or is cut off, and German readouts have no decimal point.
    All problems of the lesson at both sizes are reported together, each with lesson, size and language."""
    window(*SIZES[0])
    nb = lesson(number, lang)
    found = []
    for width, height in SIZES:
        window(width, height)
        layout.open_file_browser(nb.page)
        layout.visit_outputs(nb.page)
        numbers = layout.settled(nb)
        problems = layout.problems(numbers, lang)
        print(f"layout {number} {lang} {width}x{height}: {layout.summary(numbers)}")
        layout.scroll_to_cell(nb.page, layout.focus_cell(numbers, problems))
        nb.shot(f"layout_{width}x{height}")
        shoot_figures(nb, numbers, width, height)
        found += [f"lesson {number} ({lang}) at {width}x{height}: {problem}" for problem in problems]
    shown = found[:MAX_SHOWN] + ([f"... and {len(found) - MAX_SHOWN} more"] if len(found) > MAX_SHOWN else [])
    assert not found, nb.explain(f"{len(found)} layout problem(s):\n" + "\n".join(shown))


@pytest.mark.parametrize("lang", LANGS)
def test_shapes_explorer_relabels_the_chart_when_the_hidden_size_slider_moves(lesson, lang):
    nb = lesson("03", lang)
    widget = nb.panel("shapes-explorer")
    slider = nb.control(widget, "hidden1")
    graph = nb.graph(widget)
    assert nb.plot_title(graph) == shapes_title(lang), nb.explain("the chart is not in the lesson's language")
    before = nb.w1_rows(graph)
    nb.shot("1_explorer", widget)

    new = 64 if before != 64 else 32
    nb.type_into_readout(slider, new)
    nb.wait_for_w1_rows(graph, new)
    assert f"Z1 · {new} × " in " ".join(nb.plot_texts(graph)), nb.explain("Z1 label did not follow W1")

    nb.press_right_on(slider)  # the slider itself, by keyboard: one step right
    nb.wait_for_w1_rows(graph, new + 1)
    nb.shot("2_explorer_moved", widget)
    nb.check_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_training_panel_trains_stops_and_reports_divergence_in_its_language(lesson, lang):
    nb = lesson("06b", lang)
    panel = nb.panel("training-panel")
    train, stop = nb.control(panel, "train"), nb.control(panel, "stop")
    graph = nb.graph(panel)
    lr = nb.control(panel, "learning-rate")

    # A sensible learning rate; mini-batches of 16, the widest layer (512) and 500 epochs, so that the run
    # lasts long enough (tens of seconds; with 128 units it took ~6 s here) to watch it learn and to stop it -
    # the lesson's own setting is a short full-batch run on 500 images.
    nb.type_into_readout(lr, 0.1)
    nb.type_into_readout(nb.control(panel, "hidden1"), 512)
    nb.type_into_readout(nb.control(panel, "n-epochs"), 500)
    nb.choose(nb.control(panel, "batch-size"), "16")
    nb.expect_settings(panel, "lr=0.1;", "h=512;", "ep=500;", "bs=16;")
    if nb.has_control(panel, "reset"):  # empty charts first, so that only the new run is counted
        nb.control(panel, "reset").click()
        nb.wait_for_state(panel, "ready")
        nb.wait_for_epochs(graph, exactly=0)
    runs_before = nb.panel_state(panel)["run"]
    train.click()
    first = nb.wait_for_epochs(graph, more_than=0)
    nb.wait_for_epochs(graph, more_than=first)  # the live chart gains points while training runs
    assert stop.is_enabled(), nb.explain("Stop is not enabled while training runs")
    nb.shot("1_training", panel)

    stop.click()
    nb.expect_text(panel, fixed_prefix("panel.stopped", lang))
    state = nb.wait_for_state(panel, "stopped")  # written last, when the run's thread has drawn everything
    nb.wait_enabled(train)
    assert not stop.is_enabled(), nb.explain("Stop still enabled after training stopped")
    assert state["run"] == runs_before + 1, nb.explain(f"expected run {runs_before + 1}; the panel: {state}")
    assert state["epoch"] < 500, nb.explain("training ran to the end: Stop came too late")
    nb.wait_for_epochs(graph, exactly=state["epoch"] + 1)  # the chart ends where the stopped run ended
    nb.shot("2_stopped", panel)

    # Far too large a learning rate: the preset if the lesson shows the preset menu, else the slider.
    preset = t("preset.lr_too_high", lang)
    presets = nb.control(panel, "preset") if nb.has_control(panel, "preset") else None
    if presets is not None and nb.has_option(presets, preset):
        nb.choose(presets, preset)
    else:
        nb.type_into_readout(lr, 10)
    nb.expect_settings(panel, "lr=10;")
    train.click()
    nb.expect_text(panel, fixed_prefix("panel.diverged", lang))
    nb.wait_for_state(panel, "diverged")
    nb.wait_enabled(train)
    other = "de" if lang == "en" else "en"
    assert fixed_prefix("panel.diverged", other) not in panel.inner_text(), \
        nb.explain("the divergence message is (also) in the other language")
    summary = nb.curve_summary(graph)
    assert summary["bad"] == [], nb.explain(f"the chart holds non-finite values: {summary['bad']}")
    assert summary["points"] > 0, nb.explain("the chart should still show the last good values")
    assert "nan" not in panel.inner_text().lower(), nb.explain("the panel shows NaN")
    nb.shot("3_diverged", panel)
    nb.check_clean()


@pytest.mark.parametrize("lang", ["en"])  # German too costs ~30 s more (the lesson trains two networks)
def test_drawing_a_stroke_on_the_canvas_shows_probabilities(lesson, lang):
    nb = lesson("09", lang)
    widget = nb.panel("draw-digit")
    canvas = nb.control(widget, "canvas").locator("canvas")
    graph = nb.graph(widget)
    empty_title = t("canvas.empty", lang)
    nb.control(widget, "draw-clear").click()  # the lesson may have sent a picture from code
    nb.wait_for_title(graph, empty_title)
    nb.shot("1_cleared", widget)

    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    stroke = [(0.3, 0.2), (0.7, 0.2), (0.65, 0.35), (0.55, 0.55), (0.45, 0.8)]  # a "7"
    mouse = nb.page.mouse
    mouse.move(box["x"] + stroke[0][0] * box["width"], box["y"] + stroke[0][1] * box["height"])
    mouse.down()
    for (x0, y0), (x1, y1) in zip(stroke, stroke[1:], strict=False):
        for k in range(1, 11):
            mouse.move(box["x"] + (x0 + (x1 - x0) * k / 10) * box["width"],
                       box["y"] + (y0 + (y1 - y0) * k / 10) * box["height"])
    mouse.up()

    nb.wait_for_title(graph, empty_title, equal=False)
    proba = nb.bar_values(graph)
    assert len(proba) == 10 and math.isclose(sum(proba), 1, abs_tol=1e-3), nb.explain(f"bars {proba}")
    assert max(proba) > 0.1 + 1e-6, nb.explain(f"the bars still show the uniform start: {proba}")
    digit = re.search(r"\d", nb.plot_title(graph))
    assert digit, nb.explain(f"no predicted digit in the title {nb.plot_title(graph)!r}")
    seen = nb.heatmap_values(graph)
    assert len(seen) == 784 and max(seen) > 0.5, nb.explain("'what the network sees' shows no ink")
    nb.shot("2_drawn", widget)
    nb.check_clean()
