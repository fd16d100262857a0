"""The learner's workbook: the functions they wrote and checked, kept for the later lessons.

When ``ml.check`` accepts a function (exercise "02.relu", "03.forward", "05.backward", ...), it saves the
function's source here. A later lesson asks ``ml.workbook.mine(lang=LANG)`` for the network's functions
and gets the learner's own where they wrote one that still passes its check, mnistlab's otherwise - and a
table that says which is which. So the network trained in lesson 06a is built from *their* forward and
backward passes.

Where: ``$MNISTLAB_WORKBOOK`` if set, else ``~/.mnistlab/workbook`` - a folder in the learner's home, which
is writable on Binder and on a JupyterHub (where the installed package is not). One file per exercise,
``02.relu.py``, holding the function's source as written in the notebook. A saved function may use ``np``,
``ml``, ``math`` and the learner's other saved functions. ``ml.workbook.reset()`` empties the workbook.
Nothing is read or written at import; a workbook that cannot be written only means nothing is saved.
"""

import inspect
import math
import os
import textwrap
from pathlib import Path

import numpy as np

# exercise -> the name the later lessons use for it, and mnistlab's own function of that name
FUNCTIONS = {"02.relu": "relu", "02.relu_prime": "relu_prime", "02.sigmoid": "sigmoid",
             "03.softmax": "softmax", "03.forward": "forward", "04.one_hot": "one_hot",
             "04.cross_entropy": "cross_entropy", "05.backward": "backward", "07.accuracy": "accuracy",
             "07.confusion_matrix": "confusion_matrix"}


def folder():
    """The workbook's folder (not created until something is saved)."""
    value = os.environ.get("MNISTLAB_WORKBOOK", "").strip()
    return Path(value).expanduser() if value else Path.home() / ".mnistlab" / "workbook"


def save(exercise, function):
    """Keep `function` (which passed `exercise`) for later lessons; returns the file, or None if its source
    cannot be read (a lambda typed in a console, a built-in) or the folder cannot be written."""
    if exercise not in FUNCTIONS or not callable(function):
        return None
    if getattr(function, "__module__", "").split(".")[0] == "mnistlab":
        return None  # mnistlab's own function: nothing of the learner's to keep
    try:
        source = textwrap.dedent(inspect.getsource(function))
        name = function.__name__
    except (OSError, TypeError, AttributeError):
        return None
    if name == "<lambda>" or not source.lstrip().startswith("def "):
        return None
    try:
        folder().mkdir(parents=True, exist_ok=True)
        path = folder() / f"{exercise}.py"
        header = f"# {exercise}: saved by ml.check; the function is {name}\n"
        path.write_text(header + source, encoding="utf-8")
    except OSError:
        return None
    return path


def saved():
    """{exercise: path} of the functions in the workbook."""
    if not folder().is_dir():
        return {}
    return {path.stem: path for path in sorted(folder().glob("*.py")) if path.stem in FUNCTIONS}


def reset():
    """Empty the workbook: later lessons use mnistlab's functions again. Returns how many were removed."""
    removed = 0
    for path in saved().values():
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def _load_all():
    """{exercise: function or the reason it could not be loaded}, all loaded into one namespace."""
    import mnistlab as ml

    namespace = {"np": np, "ml": ml, "math": math}
    names = {}
    for exercise, path in saved().items():
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        names[exercise] = first.rsplit(" ", 1)[-1] if "the function is" in first else ""
        try:
            exec(compile(text, str(path), "exec"), namespace)  # the learner's own code, from their notebook
        except Exception as error:  # noqa: BLE001 - a broken file is reported, never raised
            names[exercise] = error
    return {exercise: (namespace.get(name, KeyError(name)) if isinstance(name, str) else name)
            for exercise, name in names.items()}


class Mine:
    """The network's functions: the learner's where they wrote one that passes, mnistlab's otherwise.

    Attributes relu, relu_prime, sigmoid, softmax, forward, one_hot, cross_entropy, backward, accuracy,
    confusion_matrix; ``whose[name]`` is "yours" or "mnistlab"; shown in a notebook it is a table.
    """

    def __init__(self, lang):
        import mnistlab as ml
        from mnistlab.exercises import check
        from mnistlab.i18n import check_lang

        check_lang(lang)
        self.lang, self.whose, self.why = lang, {}, {}
        loaded = _load_all()
        for exercise, name in FUNCTIONS.items():
            own = loaded.get(exercise)
            if callable(own) and check(exercise, own, lang=lang, save=False).ok:
                function, self.whose[name] = own, "yours"
            else:
                function, self.whose[name] = getattr(ml, name), "mnistlab"
                self.why[name] = "missing" if own is None else "failing"
            setattr(self, name, function)
        if self.whose["forward"] == "yours":
            self.forward = _with_input(self.forward)

    def table(self):
        from mnistlab.i18n import t

        rows = [f"| {t('workbook.function', self.lang)} | {t('workbook.from', self.lang)} |", "|---|---|"]
        for name, whose in self.whose.items():
            where = t("workbook.yours", self.lang) if whose == "yours" else \
                t("workbook.missing" if self.why[name] == "missing" else "workbook.failing", self.lang)
            rows.append(f"| `{name}` | {where} |")
        return "\n".join(rows)

    def _repr_markdown_(self):
        return self.table()

    def __repr__(self):
        return self.table()


def _with_input(forward):
    """The learner's forward, with the input kept in the cache as "A0" (backward needs X)."""
    def run(params, X):
        A, cache = forward(params, X)
        cache = dict(cache)
        cache.setdefault("A0", X)
        return A, cache

    run.__name__ = getattr(forward, "__name__", "forward")
    return run


def mine(*, lang):
    """The network's functions for a later lesson: yours where you wrote them, mnistlab's otherwise."""
    return Mine(lang)
