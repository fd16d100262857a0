"""Layout measurements for the real-browser test (tests/test_browser.py): what a learner sees at a given
window size, measured in the page after Run All - slider tracks, right edges of outputs against the
notebook's, horizontal scrolling inside outputs, overlapping texts in plotly figures, German readouts.

``measure(lesson)`` returns the raw numbers (JS_LAYOUT below); ``problems(numbers, lang)`` turns them into
one readable line per problem, each naming the element; test_browser.py adds lesson, size and language.
"""

import re

MIN_TRACK_PX = 150  # a slider track shorter than this jumps by large steps per pixel (the issue: 2-39 px)
TOLERANCE_PX = 1  # sub-pixel rounding of bounding boxes

# Everything is measured relative to the notebook's visible content box (its vertical scrollbar excluded).
# Plotly texts: titles, subtitles, axis titles, tick labels, annotations (subplot titles, captions),
# legend and colour-bar texts. Trace texts (the counts written into the confusion matrix's cells, the
# shapes diagram's labels inside its rectangles) belong on the marks and are not checked. Images: heatmap
# images and layout images.
JS_LAYOUT = """tol => {
  const panel = window.jupyterapp.shell.currentWidget;
  const scroller = panel.content.node;
  const outer = scroller.getBoundingClientRect();
  const right = outer.left + scroller.clientLeft + scroller.clientWidth;
  const box = e => { const b = e.getBoundingClientRect();
                     return [b.left, b.top, b.right, b.bottom].map(v => Math.round(v * 10) / 10); };
  const shown = e => e.getClientRects().length > 0 && (!e.checkVisibility || e.checkVisibility());
  const cells = Array.from(scroller.querySelectorAll(".jp-Cell"));
  const cellOf = e => cells.indexOf(e.closest(".jp-Cell")) + 1;
  const classes = e => String(e.className.baseVal !== undefined ? e.className.baseVal : e.className).trim();
  const named = e => [e.tagName.toLowerCase(), ...classes(e).split(/\\s+/).slice(0, 3)].join(".");
  const generic = ["mnistlab-field", "mnistlab-label", "mnistlab-readout"];
  const mnistlabClass = e => { for (let n = e; n && n !== scroller; n = n.parentElement) {
      const c = Array.from(n.classList || []).find(c => c.startsWith("mnistlab-") && !generic.includes(c));
      if (c) return c; }
    return ""; };
  const text = e => (e && (e.value !== undefined ? e.value : e.textContent) || "").trim();
  const leftStack = document.querySelector("#jp-left-stack");
  const result = {notebookRight: right, notebookWidth: Math.round(scroller.clientWidth),
                  fileBrowser: !!leftStack && shown(leftStack) && leftStack.getBoundingClientRect().width > 0,
                  sliders: [], wide: [], scrolling: [], figures: []};

  for (const s of scroller.querySelectorAll(".widget-slider")) {
    if (!shown(s)) continue;
    const track = s.querySelector(".slider-container") || s.querySelector(".noUi-target") || s;
    const handle = s.querySelector("[role=slider]");
    const field = s.closest(".mnistlab-field") || s;  // mnistlab's fields: label above, readout beside
    const readouts = field.querySelectorAll(".mnistlab-readout input, .widget-readout");
    const readout = Array.from(readouts).find(shown);
    const label = Array.from(field.querySelectorAll(".widget-label, .mnistlab-label")).find(shown);
    result.sliders.push({label: text(label), cls: mnistlabClass(s), cell: cellOf(s), readout: text(readout),
                         track: Math.round(track.getBoundingClientRect().width),
                         valuenow: handle ? Number(handle.getAttribute("aria-valuenow")) : null});
  }

  for (const output of scroller.querySelectorAll(".jp-OutputArea-output")) {
    if (!shown(output)) continue;
    const parts = [output, ...output.querySelectorAll(
        ":scope > .lm-Widget, .jupyter-widgets, .js-plotly-plot, .svg-container > svg:first-child, img, " +
        "canvas")];
    for (const e of parts) {
      if (!shown(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > right + tol)
        result.wide.push({cell: cellOf(e), what: named(e), cls: mnistlabClass(e), right: Math.round(r.right),
                          over: Math.round(r.right - right)});
    }
    for (const e of [output, ...output.querySelectorAll("*")]) {
      if (!(e instanceof HTMLElement) || !shown(e)) continue;
      const overflow = getComputedStyle(e).overflowX;
      if ((overflow === "auto" || overflow === "scroll") && e.scrollWidth > e.clientWidth + tol)
        result.scrolling.push({cell: cellOf(e), what: named(e), cls: mnistlabClass(e),
                               scrollWidth: e.scrollWidth, clientWidth: e.clientWidth});
    }
  }

  for (const [index, gd] of Array.from(scroller.querySelectorAll(".js-plotly-plot")).entries()) {
    if (!shown(gd)) continue;
    const texts = Array.from(gd.querySelectorAll(
        ".gtitle, .gtitle-subtitle, .g-xtitle text, .g-ytitle text, .g-x2title text, .g-y2title text, " +
        ".xtick text, .ytick text, .annotation-text-g text, .legendtext, .cbtitle text, .cbaxis text, " +
        "[class^='g-x'][class$='title'] text, [class^='g-y'][class$='title'] text"))
      .filter(e => shown(e) && e.textContent.trim());
    const unique = Array.from(new Set(texts)).map(e => ({text: e.textContent.trim(), box: box(e)}))
      .filter(t => t.box[2] > t.box[0] && t.box[3] > t.box[1]);
    const images = Array.from(gd.querySelectorAll(".hm image, .imagelayer image, .layer-above image"))
      .filter(shown).map(box);
    const title = gd.layout && gd.layout.title ? (gd.layout.title.text || "") : "";
    const names = (gd.data || []).map(t => t.meta).filter(Boolean).slice(0, 1);
    const svg = gd.querySelector(".main-svg");
    result.figures.push({cell: cellOf(gd), cls: mnistlabClass(gd), box: box(gd), texts: unique, images, index,
                         width: svg ? Math.round(svg.getBoundingClientRect().width) : 0,
                         title: title || names.join("") || "(untitled)"});
  }
  return result;
}"""


def measure(lesson):
    return lesson.page.evaluate(JS_LAYOUT, TOLERANCE_PX)


def _overlap(a, b):
    """True if boxes [left, top, right, bottom] share more than TOLERANCE_PX in both directions."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE_PX
            and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE_PX)


def _where(item):
    return f"cell {item['cell']}" + (f" .{item['cls']}" if item.get("cls") else "")


def figure_problems(fig):
    """Texts of one plotly figure that overlap another text or an image, or stick out of the figure."""
    found, texts, name = [], fig["texts"], f"figure {fig['title'][:50]!r} ({_where(fig)})"
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a["box"], b["box"]):
                found.append(f"{name}: text {a['text']!r} overlaps text {b['text']!r} "
                             f"({a['box']} / {b['box']})")
        for k, image in enumerate(fig["images"]):
            if _overlap(a["box"], image):
                found.append(f"{name}: text {a['text']!r} lies on image {k + 1} ({a['box']} on {image})")
        if a["box"][0] < fig["box"][0] - TOLERANCE_PX or a["box"][2] > fig["box"][2] + TOLERANCE_PX:
            found.append(f"{name}: text {a['text']!r} is cut off at the figure's edge ({a['box']} outside "
                         f"{fig['box']})")
    return found


DECIMAL_POINT = re.compile(r"\d\.\d")
GROUPED_INTEGER = re.compile(r"-?\d{1,3}(\.\d{3})+")


def readout_problem(slider):
    """A German readout with a decimal point ("1.000" for α = 1, "0.1000"); "1.024" is fine if the slider
    holds 1024 (a thousands dot), read from the handle's aria-valuenow (or 2**, 10** of it: log sliders)."""
    text = slider["readout"].strip()
    if not DECIMAL_POINT.search(text):
        return None
    if GROUPED_INTEGER.fullmatch(text) and slider["valuenow"] is not None:
        number, now = int(text.replace(".", "")), slider["valuenow"]
        if number in (now, 2 ** now, 10 ** now):
            return None
    return f"slider {slider['label']!r} ({_where(slider)}): readout {text!r} uses a decimal point"


def problems(numbers, lang):
    """One line per layout problem in `numbers` (from ``measure``); "cell 5" is the notebook's fifth cell."""
    found = []
    if not numbers["fileBrowser"]:
        found.append("the file browser is not open (the layout is measured with it open, as Binder opens it)")
    for s in numbers["sliders"]:
        if s["track"] < MIN_TRACK_PX:
            found.append(f"slider {s['label']!r} ({_where(s)}): track {s['track']} px < {MIN_TRACK_PX} px")
        if lang == "de" and readout_problem(s):
            found.append(readout_problem(s))
    for w in {(w["cell"], w["cls"], w["right"]): w for w in numbers["wide"]}.values():  # once per element
        found.append(f"{w['what']} ({_where(w)}) ends at x = {w['right']} px, {w['over']} px right of the "
                     f"notebook's edge ({round(numbers['notebookRight'])} px)")
    for s in numbers["scrolling"]:
        found.append(f"{s['what']} ({_where(s)}) scrolls horizontally: {s['scrollWidth']} px of content in "
                     f"{s['clientWidth']} px")
    for fig in numbers["figures"]:
        found += figure_problems(fig)
    return found


def summary(numbers):
    """A short line of the numbers, printed by the test (the before/after record)."""
    tracks = ", ".join(f"{s['label'] or s['cls']}={s['track']}" for s in numbers["sliders"])
    widest = max((w["over"] for w in numbers["wide"]), default=0)
    browser = "open" if numbers["fileBrowser"] else "closed"
    widths = ", ".join(str(f["width"]) for f in numbers["figures"])
    return (f"notebook {numbers['notebookWidth']} px, file browser {browser}; figure widths [{widths}] px; "
            f"slider tracks [{tracks}] px; {len(numbers['wide'])} elements too wide (max {widest} px); "
            f"{len(numbers['scrolling'])} scrolling")


def open_file_browser(page):
    """Open JupyterLab's file browser in the left sidebar (a Binder link opens the lab so)."""
    page.evaluate("""async () => { const shell = window.jupyterapp.shell;
                                   if (shell.leftCollapsed) await window.jupyterapp.commands.execute(
                                       "filebrowser:activate"); }""")


# JupyterLab renders off-screen cells lazily (content-visibility), and a widget's ResizeObserver (mnistlab's
# WidthProbe) only fires once its cell is rendered: a learner scrolls past every output, so does the test.
JS_VISIT_OUTPUTS = """async pause => {
  const scroller = window.jupyterapp.shell.currentWidget.content.node;
  const outputs = Array.from(scroller.querySelectorAll(".jp-OutputArea-output"))
    .filter(o => o.querySelector(".jupyter-widgets, .js-plotly-plot"));
  for (const output of outputs) {
    output.scrollIntoView({block: "center"});
    await new Promise(done => setTimeout(done, pause));
  }
  return outputs.length;
}"""


def visit_outputs(page, pause_ms=300):
    """Scroll every widget and figure output into view once, as a learner scrolling through would."""
    return page.evaluate(JS_VISIT_OUTPUTS, pause_ms)


def _shape(numbers):
    return ([s["track"] for s in numbers["sliders"]], [f["box"] for f in numbers["figures"]],
            [w["right"] for w in numbers["wide"]])


def settled(lesson, attempts=20, pause_ms=300):
    """The measurements once two in a row agree: plotly and the widgets re-lay themselves out after a
    resize (debounced); up to attempts * pause_ms, then the last measurement."""
    previous = measure(lesson)
    for _ in range(attempts):
        lesson.page.wait_for_timeout(pause_ms)  # a pause between two samples, not a wait for a state
        current = measure(lesson)
        if _shape(current) == _shape(previous):
            return current
        previous = current
    return previous


def focus_cell(numbers, found):
    """The cell to show in the screenshot: the first with a problem, else the first mnistlab panel, else the
    first figure with images, else the first figure; 0 for none."""
    cells = [int(m.group(1)) for m in (re.search(r"\(cell (\d+)", p) for p in found) if m]
    panels = [f["cell"] for f in numbers["figures"] if f["cls"]]
    grids = [f["cell"] for f in numbers["figures"] if f["images"]]
    return next(iter(cells + panels + grids + [f["cell"] for f in numbers["figures"]]), 0)


# Scrolls cell n (1-based) to the top of the notebook if asked; returns its top relative to the notebook's.
JS_CELL_TOP = """([n, scroll]) => {
  const scroller = window.jupyterapp.shell.currentWidget.content.node;
  const cell = scroller.querySelectorAll(".jp-Cell")[n - 1];
  if (!cell) return 0;
  if (scroll) cell.scrollIntoView({block: "start"});
  return cell.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
}"""


def scroll_to_cell(page, number, attempts=5):
    """Scroll cell `number` (1-based, as in the problem lines) to the top of the notebook; again while the
    cells above it still change height (JupyterLab lays out off-screen cells lazily)."""
    for _ in range(attempts if number else 0):
        page.evaluate(JS_CELL_TOP, [number, True])
        page.wait_for_timeout(200)  # lets lazily laid out cells settle before looking again
        if abs(page.evaluate(JS_CELL_TOP, [number, False])) < 5:
            return
