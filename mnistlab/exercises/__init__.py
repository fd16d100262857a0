"""Self-check exercises: the learner writes an answer, ``ml.check(name, answer, lang=LANG)`` replies.

In a lesson::

    answer = ...                      # the learner replaces ... with an answer
    ml.check("03.shape_W1", answer, lang=LANG)

The reply is ✓ or a hint in the lesson's language; an unanswered exercise (``...``) only asks for an
answer, so "Run All" passes. Each lesson's exercises live in their own module here (``lesson03.py``, …);
an exercise is a checker function registered under ``"<lesson>.<name>"`` with its hints in both
languages. The checker gets the answer and returns ``None`` when it is right, or the id of a hint, or
``(hint id, {values for its fields})``. Answers can be numbers, shapes, arrays or functions - a checker
may call the learner's function and compare it with mnistlab's own: if that function raises or
returns None (the exercise's own "none" hint, else a shared one), or returns something the checker
cannot digest, the learner gets a hint, never a traceback. Numeric checkers read answers with
``compare.as_number``. Every exercise lists right and wrong example answers; ``tests/test_exercises.py``
checks each one.
"""

from dataclasses import dataclass, field
from importlib import import_module

from mnistlab import workbook
from mnistlab.i18n import LANGUAGES, check_lang, fmt, t

LESSON_MODULES = [f"lesson{n:02d}" for n in range(10)] + ["lesson05a", "lesson08c", "lesson08d",
                                                                "function_exercises"]


@dataclass(frozen=True)
class Exercise:
    name: str
    checker: object  # answer -> None (right) | hint id | (hint id, {values})
    hints: dict  # hint id -> {"en": text, "de": text}, texts may hold {fields}
    right: tuple = ()  # example answers that must pass
    wrong: tuple = ()  # example answers that must get a hint


_EXERCISES = {}


def exercise(name, *, hints, right=(), wrong=()):
    """Register the decorated checker as exercise `name` ("<lesson>.<what>") with its `hints`."""
    for hint_id, texts in hints.items():
        if set(texts) != set(LANGUAGES):
            raise ValueError(f"exercise {name!r}: hint {hint_id!r} needs exactly {LANGUAGES}, "
                             f"has {sorted(texts)}")

    def register(checker):
        if name in _EXERCISES:
            raise ValueError(f"exercise {name!r} is registered twice")
        _EXERCISES[name] = Exercise(name, checker, hints, tuple(right), tuple(wrong))
        return checker

    return register


def exercises():
    """All registered exercises by name (imports every lesson's exercise module once)."""
    for module in LESSON_MODULES:
        try:
            import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{module}":
                raise
    return dict(_EXERCISES)


@dataclass
class Feedback:
    """What ``check`` answers: ``ok`` and one message line, coloured in a notebook."""

    ok: bool
    message: str
    answered: bool = field(default=True)

    def __repr__(self):
        return self.message

    def _repr_markdown_(self):
        colour = "#009E73" if self.ok else ("#0072B2" if not self.answered else "#D55E00")
        return f'<span style="color:{colour}; font-weight:600">{self.message}</span>'

    def __bool__(self):
        return self.ok


# Hints every exercise shares: the learner's function returned None, or something the checker cannot use.
GENERIC_HINTS = {
    "_none": {"en": "Your function returns nothing (None): end it with return and its result.",
              "de": "Deine Funktion gibt nichts zurück (None): Beende sie mit return und ihrem Ergebnis."},
    "_unusable_result": {
        "en": "Your function returns a value of type {kind}, which this exercise cannot use: read again what "
              "it should return.",
        "de": "Deine Funktion gibt einen Wert vom Typ {kind} zurück, mit dem diese Aufgabe nichts anfangen "
              "kann: Lies noch einmal nach, was sie zurückgeben soll."},
    "_unusable_answer": {
        "en": "Your answer (of type {kind}) does not fit this exercise: read again what it asks for.",
        "de": "Deine Antwort (vom Typ {kind}) passt nicht zu dieser Aufgabe: Lies noch einmal nach, was "
              "gefragt ist."},
}


class _LearnerRaisedError(Exception):
    """The learner's function raised `error` (as opposed to the checker failing on its result)."""

    def __init__(self, error):
        super().__init__(f"{type(error).__name__}: {error}")


class _LearnerReturnedNoneError(Exception):
    """The learner's function returned None (usually a forgotten return)."""


class _Traced:
    """The learner's function, remembering its last result and marking its own exceptions."""

    def __init__(self, function):
        self.function, self.results = function, []

    def __call__(self, *args, **kwargs):
        try:
            result = self.function(*args, **kwargs)
        except Exception as error:
            raise _LearnerRaisedError(error) from error
        if result is None:
            raise _LearnerReturnedNoneError
        self.results.append(result)
        return result


def diagnose(name, answer):
    """The verdict on `answer` to exercise `name`: None if right, else (hint id, {values}).

    Hint ids starting with "_" are GENERIC_HINTS ("_raised" uses the UI string exercise.raised; "_none"
    uses the exercise's own "none" hint if it has one). The checker may call the learner's function
    freely: whatever it raises or returns (None, a string, ...) becomes a hint, never an exception.
    """
    item = exercises()[name]
    traced = _Traced(answer) if callable(answer) else None
    try:
        verdict = item.checker(traced or answer)
    except _LearnerRaisedError as error:
        return "_raised", {"error": str(error)}
    except _LearnerReturnedNoneError:
        return ("none" if "none" in item.hints else "_none"), {}
    except Exception:  # the checker could not digest the answer or the function's result
        if traced is None:
            return "_unusable_answer", {"kind": type(answer).__name__}
        return "_unusable_result", {"kind": type(traced.results[-1]).__name__ if traced.results else "?"}
    if verdict is None:
        return None
    return verdict if isinstance(verdict, tuple) else (verdict, {})


def check(name, answer, *, lang, save=True):
    """Check the learner's `answer` to exercise `name`; returns Feedback (✓ or a hint) in `lang`.

    A function that passes a function exercise ("02.relu", ..., see ``mnistlab.workbook``) is saved in the
    learner's workbook (``save=False``: not), so that later lessons can use it.
    """
    check_lang(lang)
    if not isinstance(name, str):
        raise TypeError(f"ml.check needs the exercise's name first, such as \"03.shape_W1\"; got {name!r}")
    registry = exercises()
    if name not in registry:
        raise KeyError(f"no exercise {name!r}; known exercises: {', '.join(sorted(registry))}")
    if answer is Ellipsis:
        return Feedback(False, t("exercise.unanswered", lang), answered=False)
    verdict = diagnose(name, answer)
    if verdict is None:
        if save and callable(answer) and workbook.save(name, answer) is not None:
            return Feedback(True, t("exercise.correct_saved", lang))
        return Feedback(True, t("exercise.correct", lang))
    hint_id, values = verdict
    if hint_id == "_raised":
        return Feedback(False, t("exercise.raised", lang, **values))
    texts = GENERIC_HINTS[hint_id] if hint_id.startswith("_") else registry[name].hints[hint_id]
    hint = fmt(texts[lang], lang, **values)  # numbers as the lesson's language writes them
    return Feedback(False, t("exercise.hint", lang, hint=hint))
