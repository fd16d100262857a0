"""A German learner sees German in every output of a German lesson, an English learner English.

Each lesson is executed as nbval does (offline, an empty data folder) and everything it shows - printed
lines, tables, figures, widgets - is scanned for words and numbers of the other language (see
tests/language_scan.py for the rules, and what may stay: code, shapes, NumPy's own output). The scanner
itself is tested first, on texts with known mistakes, so that an empty finding means something.
"""

from pathlib import Path

import numpy as np
import pytest
from language_scan import execute, foreign, scan, visible_texts, vocabularies

import mnistlab as ml

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("*/[0-9][0-9]*_*.ipynb"))


@pytest.fixture(scope="module")
def vocabulary():
    return vocabularies()


# ---- the scanner finds what it should, and leaves code alone ----

@pytest.mark.parametrize("text, expected", [
    ("mnistlab: MNIST train from the bundled sample (1,000 of 4,000 real digits)",
     ["train", "from", "the", "bundled", "sample", "of", "real", "digits", "1,000", "4,000"]),
    ("trained 100 epochs", ["trained", "epochs"]),
    ("Genauigkeit: 93.4%", ["93.4"]),
    ("Parameter: 109,386", ["109,386"]),
    ("recall       94%   97%", ["recall"]),
])
def test_the_scanner_finds_english_words_and_numbers_in_german_output(text, expected, vocabulary):
    assert foreign(text, "de", vocabulary) == expected


@pytest.mark.parametrize("text, expected", [
    ("Training: 97,0 %   Test: 87,8 %", ["97,0", "87,8"]),
    ("3 Epochen trainiert", ["Epochen", "trainiert"]),
    ("größer als", ["größer", "als"]),
])
def test_the_scanner_finds_german_words_and_numbers_in_english_output(text, expected, vocabulary):
    assert foreign(text, "en", vocabulary) == expected


@pytest.mark.parametrize("text", [
    "history.loss[0] = 2.3642   history.loss[-1] = 0.0474",  # code, as Python prints it
    "ml.cross_entropy(A2, y) = 2.321159839630127",
    "(predictions == y).mean() = 0.09",
    "0.9 ** m = 43.05%",
    "Z2[:, 0] = [-0.35 -0.34 -0.26  0.17]",  # NumPy's own output
    "X: (784, 4000) float32",  # shapes and dtypes
    "RuntimeWarning: overflow encountered in exp",
    "Verlust (loss)",  # the English term in parentheses after the German one
    "Python 3.11.7   numpy 2.1.3",
    "Training: 97,0 %   Test: 87,8 %   Parameter: 109.386",
])
def test_the_scanner_lets_code_numpy_output_and_german_formats_pass_in_a_german_lesson(text, vocabulary):
    assert foreign(text, "de", vocabulary) == []


def test_the_scanner_reads_figures_and_widgets_not_only_printed_text():
    notebook = {"cells": [{"outputs": [{"output_type": "display_data", "data": {
        "application/vnd.plotly.v1+json": {"layout": {"title": {"text": "accuracy (%)"}}, "data": []}}}]}],
        "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {
            "abc": {"model_name": "FloatLogSliderModel", "state": {"description": "learning rate"}}}}}}}
    texts = [text for _, text in visible_texts(notebook)]
    assert "accuracy (%)" in texts and "learning rate" in texts
    assert [item for _, item, _ in scan(notebook, "de")] == ["accuracy", "learning", "rate"]


def test_a_print_split_into_two_stream_outputs_is_read_as_one_line():
    """A busy kernel may send print("dL_dx =", 4.5) as "dL_dx =" and " 4.5": the scan reads them together
    (a code-style line, allowed), not " 4.5" alone (a bare number with an English decimal point)."""
    pieces = [{"output_type": "stream", "name": "stdout", "text": "dL_dx ="},
              {"output_type": "stream", "name": "stdout", "text": " 4.5\n"}]
    notebook = {"cells": [{"outputs": pieces}]}
    assert [text for _, text in visible_texts(notebook)] == ["dL_dx = 4.5\n"]
    assert scan(notebook, "de") == []
    alone = {"cells": [{"outputs": [{"output_type": "stream", "name": "stdout", "text": "Ergebnis 4.5\n"}]}]}
    assert [item for _, item, _ in scan(alone, "de")] == ["4.5"]  # the scan still sees a foreign number


def test_the_scanner_reads_a_figures_hover_template_as_shown_without_its_markup():
    notebook = {"cells": [{"outputs": [{"output_type": "display_data", "data": {
        "application/vnd.plotly.v1+json": {"data": [{"hovertemplate": "Pixelwert %{z:.2f}<extra></extra>"}],
                                           "layout": {}}}}]}]}
    assert [text.strip() for _, text in visible_texts(notebook)] == ["Pixelwert %{z:.2f}"]
    widget = {"cells": [], "metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {
        "abc": {"model_name": "AnyModel", "state": {"_widget_data": [
            {"hovertemplate": "Ziffer %{x}: %{y:.1%}<extra></extra>"}]}}}}}}}
    assert [text.strip() for _, text in visible_texts(widget)] == ["Ziffer %{x}: %{y:.1%}"]


# ---- the package speaks the caller's language ----

def test_load_mnist_says_where_its_data_came_from_in_german(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("MNISTLAB_OFFLINE", "1")
    monkeypatch.setenv("MNISTLAB_DATA", str(tmp_path))
    ml.load_mnist("train", n=1000, lang="de")
    notice = capsys.readouterr().out
    assert "Trainingsdaten aus der mitgelieferten Stichprobe" in notice and "1.000 von 4.000" in notice
    assert foreign(notice, "de", vocabularies()) == []
    assert ml.data_source().describe("en") == str(ml.data_source())
    assert "from the bundled sample (1,000 of 4,000 real digits" in str(ml.data_source())


def test_train_and_the_gradient_check_report_in_german():
    rng = np.random.default_rng(0)
    X, y = rng.random((784, 30)), rng.integers(0, 10, 30)
    params = ml.init_params([784, 8, 10], rng=rng)
    assert ml.train(params, X, y, n_epochs=2, learning_rate=0.1, lang="de").message == "2 Epochen trainiert"
    diverged = ml.train(params, X, y, n_epochs=2, learning_rate=500.0, lang="de")
    assert diverged.diverged and diverged.message.startswith("Die Lernrate 500 ist zu groß")
    table = repr(ml.gradient_check(params, X, ml.one_hot(y), lang="de"))
    assert table.startswith("Parameter") and "relativer Fehler" in table and "e-" in table
    assert foreign(table + "\n" + diverged.message, "de", vocabularies()) == []


# ---- every lesson, run ----

@pytest.mark.parametrize("path", LESSONS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_lesson_shows_only_its_own_language(path, vocabulary):
    lang = path.parent.name
    found = scan(execute(path), lang, vocabulary)
    listing = "\n".join(f"  {where}: {item!r} in {text.strip()[:120]!r}" for where, item, text in found)
    assert not found, f"{len(found)} words or numbers not in {lang!r} in {path.name}:\n{listing}"
