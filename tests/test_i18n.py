"""UI strings: one table, both languages per entry, no unused or missing keys, no global language."""

import ast
import re
from pathlib import Path

import pytest

import mnistlab as ml
from mnistlab.i18n import LANGUAGES, STRINGS, placeholders

PACKAGE = Path(ml.__file__).parent
KEY_PATTERN = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")  # dotted, lower case: "panel.train"
PREFIXES = {key.split(".")[0] for key in STRINGS}


LESSON_SOURCES = sorted((PACKAGE.parent / "lessons").glob("*/py/[0-9][0-9]*_*.py"))


def string_literals():
    """Every string constant in mnistlab's modules (except the tables themselves) and in the lessons' code
    cells: (value, file, line)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")) + LESSON_SOURCES:
        if path.name in ("i18n.py", "ui_strings.py", "lesson_strings.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append((node.value, path.name, node.lineno))
    return found


def test_every_key_has_english_and_german_with_the_same_placeholders():
    for key, entry in STRINGS.items():
        assert set(entry) == set(LANGUAGES), f"{key} has languages {sorted(entry)}"
        assert all(entry[lang].strip() for lang in LANGUAGES), f"{key} has an empty text"
        assert placeholders(entry["en"]) == placeholders(entry["de"]), f"{key}: placeholders differ"


def test_every_key_is_used_literally_somewhere_in_the_package_or_a_lesson():
    literals = {value for value, _, _ in string_literals()}
    unused = sorted(set(STRINGS) - literals)
    assert unused == [], f"keys nobody uses: {unused}"


def test_every_key_like_string_in_the_package_exists_in_the_table():
    missing = [(v, f, n) for v, f, n in string_literals()
               if KEY_PATTERN.match(v) and v.split(".")[0] in PREFIXES and v not in STRINGS]
    assert missing == [], f"keys used but not in STRINGS: {missing}"


def test_keys_follow_the_naming_pattern_the_usage_scan_relies_on():
    assert [key for key in STRINGS if not KEY_PATTERN.match(key)] == []


def test_german_numbers_get_a_decimal_comma_and_a_thousands_dot():
    values = {"epoch": 3, "loss": 0.4123, "accuracy": 88.14, "speed": 12300.0}
    assert ml.t("panel.status", "de", **values) == (
        "Epoche 3 · Verlust 0,412 · Genauigkeit 88,1 % · 12.300 Bilder/s")
    assert ml.t("panel.status", "en", **values) == (
        "epoch 3 · loss 0.412 · accuracy 88.1 % · 12,300 images/s")


def test_there_is_no_global_language_each_call_says_its_own():
    assert ml.t("panel.train", "de") == "Trainieren"
    assert ml.t("panel.train", "en") == "Train"
    assert ml.t("panel.train", "de") == "Trainieren"


def test_an_unknown_key_names_the_closest_keys():
    with pytest.raises(KeyError, match="panel.train"):
        ml.t("panel.trian", "en")


def test_an_unknown_language_lists_the_choices():
    with pytest.raises(ValueError, match="'en', 'de'"):
        ml.t("panel.train", "fr")


def test_a_missing_value_names_the_placeholder():
    with pytest.raises(KeyError, match="n_epochs"):
        ml.t("panel.training", "en")


def test_plotly_hover_templates_keep_their_braces():
    assert ml.t("chart.proba.hover", "en") == "digit %{x}: %{y:.1%}"


def test_the_ui_and_the_lesson_tables_never_define_the_same_key():
    from mnistlab.lesson_strings import LESSON_STRINGS
    from mnistlab.ui_strings import UI_STRINGS

    assert set(UI_STRINGS) & set(LESSON_STRINGS) == set()
    assert len(STRINGS) == len(UI_STRINGS) + len(LESSON_STRINGS)
