"""UI strings in English and German: one table, both languages in each entry, ``t(key, lang, **values)``.

There is no global language: every caller passes ``lang`` ("en" or "de"), as the lessons do with their
``LANG = "en"`` line (why: see the package docstring). ``STRINGS`` joins the UI strings
(``mnistlab.ui_strings``) and the labels of the lessons' printed lines and tables ("lesson.*",
``mnistlab.lesson_strings``). Templates use ``str.format``
fields (``{loss:.3f}``); for German, numbers come out with a decimal comma and a thousands dot (0,412 ·
12.300). Keys are dotted, ``<where>.<what>``, and every
key appears literally in the source that uses it (a test checks that none is unused).
"""

import difflib
import string

import numpy as np

from .lesson_strings import LESSON_STRINGS
from .ui_strings import UI_STRINGS

LANGUAGES = ("en", "de")

STRINGS = {**UI_STRINGS, **LESSON_STRINGS}  # one table: every key once, in both languages


def check_lang(lang):
    """Raise a ValueError naming the choices unless lang is one of LANGUAGES."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(map(repr, LANGUAGES))} "
                         f"(e.g. LANG = \"en\" in the lesson's first cell).")


class _GermanNumber(float):
    """A float that formats with a decimal comma and a thousands dot: 12,300.5 -> 12.300,5."""

    def __format__(self, spec):
        return float.__format__(self, spec).translate(_SWAP)


class _GermanInt(int):
    def __format__(self, spec):
        return int.__format__(self, spec).translate(_SWAP)


_SWAP = str.maketrans(".,", ",.")


def _localised(value, lang):
    """value, made to format the German way for lang="de" if it is a number (Python or NumPy)."""
    if lang != "de" or isinstance(value, bool | np.bool_):
        return value
    if isinstance(value, int | np.integer):
        return _GermanInt(int(value))
    if isinstance(value, float | np.floating):
        return _GermanNumber(float(value))
    return value


def placeholders(template):
    """The names of the {fields} in a template, e.g. {"loss", "epoch"}."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fmt(template, lang, **values):
    """Fill a template's {fields} with `values`, numbers formatted for `lang` (German: 0,412 and 12.300).

    Used by ``t`` and by every other text a learner reads (exercise hints, messages of the engine).
    """
    check_lang(lang)
    missing = placeholders(template) - set(values)
    if missing:
        raise KeyError(f"the text {template[:60]!r} needs the value(s) {sorted(missing)}")
    return template.format(**{name: _localised(v, lang) for name, v in values.items()})


def t(key, lang, **values):
    """The UI string `key` in language `lang` ("en" or "de"), with {fields} filled from `values`."""
    check_lang(lang)
    if not isinstance(key, str):
        raise TypeError(f"t() needs the key of a UI string, such as 'panel.train'; got {key!r}")
    if key not in STRINGS:
        close = difflib.get_close_matches(key, STRINGS, n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"no UI string {key!r} in mnistlab.i18n.STRINGS.{hint} "
                       "Add it to mnistlab/ui_strings.py (or lesson_strings.py) with 'en' and 'de'.")
    template = STRINGS[key][lang]
    missing = placeholders(template) - set(values)
    if missing:
        raise KeyError(f"UI string {key!r} needs the value(s) {sorted(missing)}: t({key!r}, lang, "
                       + ", ".join(f"{name}=..." for name in sorted(missing)) + ")")
    return fmt(template, lang, **values)
