"""The computational-graph figure (lesson 05a): its numbers are the graph's, and they are right - checked
against central differences of the loss written out independently - in the lesson's language."""

import re

import pytest

from mnistlab import graph_chart
from mnistlab.i18n import t
from mnistlab.scalar_graph import Graph

LANGS = ["en", "de"]
STEPS = [("p", "mul", "w1", "x"), ("h", "relu", "p"), ("q", "mul", "w2", "x"), ("s", "add", "h", "q"),
         ("L", "square_error", "s", 1.0)]
GRADIENT = re.compile(r"∂L/∂(\w+) = ([−-]?[\d.,]+)")


def lesson_graph(x=2.0, w1=1.5, w2=-0.25):
    return Graph({"w1": w1, "x": x, "w2": w2}, STEPS)


def loss(x, w1, w2):
    """The lesson's graph, written out by hand: L = (ReLU(w1·x) + w2·x − 1)²."""
    return (max(w1 * x, 0.0) + w2 * x - 1.0) ** 2


def central_differences(x, w1, w2, eps=1e-6):
    return {"x": (loss(x + eps, w1, w2) - loss(x - eps, w1, w2)) / (2 * eps),
            "w1": (loss(x, w1 + eps, w2) - loss(x, w1 - eps, w2)) / (2 * eps),
            "w2": (loss(x, w1, w2 + eps) - loss(x, w1, w2 - eps)) / (2 * eps)}


def read_number(text, lang):
    text = text.replace("−", "-")
    return float(text.replace(".", "").replace(",", ".") if lang == "de" else text)


def annotations(fig, prefix):
    """{name without prefix: text} of the figure's annotations named "<prefix>:..."."""
    return {a.name.split(":", 1)[1]: a.text for a in fig.layout.annotations
            if a.name.startswith(prefix + ":")}


def shown_gradients(fig, lang):
    """{node: the gradient its box shows}, read back from the figure's text."""
    out = {}
    for name, text in annotations(fig, "n").items():
        match = GRADIENT.search(text)
        assert match and match.group(1) == name, text
        out[name] = read_number(match.group(2), lang)
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("x", [2.0, -1.0, 0.7])
def test_the_gradients_the_figure_shows_equal_central_differences_of_the_loss(lang, x):
    fig = graph_chart.computational_graph(lesson_graph(x=x), lang=lang)
    shown = shown_gradients(fig, lang)
    expected = central_differences(x, 1.5, -0.25)
    for leaf, value in expected.items():
        assert shown[leaf] == pytest.approx(value, rel=1e-3, abs=1e-6), (leaf, shown[leaf], value)
    assert shown["L"] == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_two_edges_out_of_a_value_used_twice_carry_its_two_paths_and_its_box_shows_their_sum(lang):
    x, w1, w2 = 2.0, 1.5, -0.25
    fig = graph_chart.computational_graph(lesson_graph(x, w1, w2), lang=lang)
    edges = {name: read_number(text, lang) for name, text in annotations(fig, "e").items()}
    dL_ds = 2 * (max(w1 * x, 0) + w2 * x - 1)  # by hand: the + gate and the ReLU (w1·x > 0) pass it on
    assert edges["x->p"] == pytest.approx(w1 * dL_ds) and edges["x->q"] == pytest.approx(w2 * dL_ds)
    assert shown_gradients(fig, lang)["x"] == pytest.approx(edges["x->p"] + edges["x->q"])
    assert len(edges) == 8 and len(annotations(fig, "a")) == 8  # one label and one arrow per edge


def test_a_blocking_relu_carries_zero_back_along_its_path():
    fig = graph_chart.computational_graph(lesson_graph(x=-1.0), lang="en")
    edges = annotations(fig, "e")
    assert edges["p->h"] == "0" and edges["x->p"] == "0" and edges["w1->p"] == "0"
    assert shown_gradients(fig, "en")["w1"] == 0


def test_german_figures_speak_german_with_decimal_commas_and_english_ones_english():
    de = graph_chart.computational_graph(lesson_graph(), lang="de")
    en = graph_chart.computational_graph(lesson_graph(), lang="en")
    assert de.layout.title.text == "Rechengraph"
    assert de.layout.title.subtitle.text.startswith("Werte vorwärts")
    for fig, lang in ((de, "de"), (en, "en")):
        assert [trace.name for trace in fig.data] == [t("chart.graph.values", lang),
                                                       t("chart.graph.gradients", lang)]
    boxes_de, boxes_en = annotations(de, "n"), annotations(en, "n")
    assert boxes_de["w2"].startswith("w2 = −0,25") and "∂L/∂x = 3,75" in boxes_de["x"]
    assert boxes_en["w2"].startswith("w2 = −0.25") and "∂L/∂x = 3.75" in boxes_en["x"]
    assert boxes_de["L"].startswith("L = (s − 1)² = 2,25")


def test_the_forward_figure_shows_values_only_and_every_box_its_formula():
    fig = graph_chart.computational_graph(lesson_graph(), lang="en", gradients=False)
    boxes = annotations(fig, "n")
    assert not annotations(fig, "e") and not any("∂" in text for text in boxes.values())
    assert boxes["p"] == "p = w1 · x = 3" and boxes["h"] == "h = ReLU(p) = 3"
    assert boxes["s"] == "s = h + q = 2.5"
    assert fig.layout.title.text == t("chart.graph.title_forward", "en") and len(fig.data) == 1
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    row_px = plot_px / (fig.layout.yaxis.range[1] - fig.layout.yaxis.range[0])
    assert row_px == pytest.approx(graph_chart.ROW_PX_FORWARD, abs=0.5)  # one-line boxes: closer rows


def test_arrows_run_from_the_bottom_of_a_box_to_the_top_of_the_next_and_rows_keep_their_height():
    graph = lesson_graph()
    where = graph.positions()
    fig = graph_chart.computational_graph(graph, lang="en")
    for a in fig.layout.annotations:
        if a.name.startswith("a:"):
            source, target = a.name[2:].split("->")
            assert a.ay < -where[source][1] and a.y > -where[target][1]  # below its source, above its target
            assert a.ay > a.y  # downwards: the forward direction
    rows = 1 + max(row for _, row in where.values())
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    y_range = fig.layout.yaxis.range
    row_px = plot_px / (y_range[1] - y_range[0])
    assert row_px == pytest.approx(graph_chart.ROW_PX, abs=0.5)  # one row = ROW_PX (height: whole px)
    assert rows == 5


def test_the_chart_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        graph_chart.computational_graph(lesson_graph(), lang="fr")
