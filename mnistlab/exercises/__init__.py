"""Self-check exercises: the learner writes an answer, ``ml.check(name, answer, lang=LANG)`` replies.

In a lesson::

    answer = ...                      # the learner replaces ... with an answer
    ml.check("03.shape_W1", answer, lang=LANG)

The reply is ✓ or a hint in the lesson's language; an unanswered exercise (``...``) only asks for an
answer, so "Run All" passes. Each lesson's exercises live in their own module here (``lesson03.py``, …);
an exercise is a checker function registered under ``"<lesson>.<name>"`` with its hints in both
languages. The checker gets the answer and returns ``None`` when it is right, or the id of a hint, or
``(hint id, {values for its fields})``. Answers can be numbers, shapes, arrays or functions - a checker
may call the learner's function and compare it with mnistlab's own. Every exercise lists right and
wrong example answers; ``tests/test_exercises.py`` checks each one.
"""

from dataclasses import dataclass, field
from importlib import import_module

from mnistlab import workbook
from mnistlab.i18n import LANGUAGES, check_lang, fmt, t

LESSON_MODULES = [f"lesson{n:02d}" for n in range(10)] + ["function_exercises"]


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
    item = registry[name]
    try:
        verdict = item.checker(answer)
    except Exception as error:  # the learner's function may raise anything: that is a hint, not a crash
        return Feedback(False, t("exercise.raised", lang, error=f"{type(error).__name__}: {error}"))
    if verdict is None:
        if save and callable(answer) and workbook.save(name, answer) is not None:
            return Feedback(True, t("exercise.correct_saved", lang))
        return Feedback(True, t("exercise.correct", lang))
    hint_id, values = verdict if isinstance(verdict, tuple) else (verdict, {})
    hint = fmt(item.hints[hint_id][lang], lang, **values)  # numbers as the lesson's language writes them
    return Feedback(False, t("exercise.hint", lang, hint=hint))
