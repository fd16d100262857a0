"""Self-check exercises: right answers pass, wrong ones get a hint, in both languages; lessons use them."""

import re
from pathlib import Path

import numpy as np
import pytest

import mnistlab as ml
from mnistlab.exercises import exercises
from mnistlab.exercises import function_mistakes as bug
from mnistlab.i18n import LANGUAGES, placeholders

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
ALL = exercises()
CHECK_CALL = re.compile(r"""ml\.check\(\s*["'](\d\d\.[A-Za-z0-9_]+)["']""")


def used_in(lang):
    """Exercise names each lesson of `lang` checks: {"03_forward": {"03.shape_W1", ...}}."""
    return {path.stem: set(CHECK_CALL.findall(path.read_text(encoding="utf-8")))
            for path in sorted((LESSONS / lang / "py").glob("[0-9][0-9]_*.py"))}


@pytest.mark.parametrize("name", sorted(ALL))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_right_answers_pass_and_wrong_answers_get_a_hint(name, lang):
    item = ALL[name]
    assert item.right and item.wrong, f"{name} needs right and wrong example answers"
    for answer in item.right:
        feedback = ml.check(name, answer, lang=lang)
        assert feedback.ok, f"{name}: right answer {answer!r} was rejected: {feedback.message}"
    for answer in item.wrong:
        feedback = ml.check(name, answer, lang=lang)
        assert not feedback.ok and feedback.answered, f"{name}: wrong answer {answer!r} was accepted"
        assert feedback.message != ml.check(name, ..., lang=lang).message


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_hint_exists_in_both_languages_with_the_same_fields(name):
    for hint_id, texts in ALL[name].hints.items():
        assert placeholders(texts["en"]) == placeholders(texts["de"]), f"{name}/{hint_id}"
        assert texts["en"] != texts["de"], f"{name}/{hint_id} is not translated"


def test_an_unanswered_exercise_asks_for_an_answer_without_failing():
    name = sorted(ALL)[0]
    for lang in LANGUAGES:
        feedback = ml.check(name, ..., lang=lang)
        assert not feedback.ok and not feedback.answered
    assert ml.check(name, ..., lang="en").message != ml.check(name, ..., lang="de").message


def test_an_answer_that_raises_becomes_a_hint_not_a_crash():
    function_exercises = [n for n, item in ALL.items() if any(callable(a) for a in item.right)]
    if not function_exercises:
        pytest.skip("no exercise takes a function")

    def broken(*args):
        raise ZeroDivisionError("oops")

    feedback = ml.check(function_exercises[0], broken, lang="de")
    assert not feedback.ok and "ZeroDivisionError" in feedback.message


def test_an_unknown_exercise_names_the_known_ones():
    with pytest.raises(KeyError, match="known exercises"):
        ml.check("99.nothing", 1, lang="en")


def test_every_lesson_has_at_least_two_exercises_and_both_languages_use_the_same():
    en, de = used_in("en"), used_in("de")
    assert len(en) >= 10, f"found only the lesson sources {sorted(en)}"  # the glob must find the lessons
    assert en == de
    for lesson, names in en.items():
        assert len(names) >= 2, f"{lesson} has {len(names)} self-check exercises"


def test_every_exercise_is_used_by_a_lesson_and_every_used_one_exists():
    used = set().union(*used_in("en").values())
    assert used - set(ALL) == set(), "lessons check exercises that do not exist"
    assert set(ALL) - used == set(), "exercises no lesson uses"


def test_hints_write_numbers_the_way_the_lessons_language_does():
    german = ml.check("06.updates_per_epoch", (1, 937), lang="de").message
    assert "60.000 / 64 = 937,50" in german, german
    english = ml.check("06.updates_per_epoch", (1, 937), lang="en").message
    assert "60,000 / 64 = 937.50" in english, english


def test_check_without_a_name_says_what_it_needs():
    with pytest.raises(TypeError, match="exercise's name"):
        ml.check(None, 1, lang="en")


# ---- function exercises: mnistlab's own function passes, each known mistake gets its own hint ----


OWN = {"02.relu": ml.relu, "02.relu_prime": ml.relu_prime, "02.sigmoid": ml.sigmoid,
       "03.softmax": ml.softmax, "03.forward": ml.forward, "04.one_hot": ml.one_hot,
       "04.cross_entropy": ml.cross_entropy, "05.backward": ml.backward, "07.accuracy": ml.accuracy,
       "07.confusion_matrix": ml.confusion_matrix}

TARGETED = [
    ("02.relu", bug.identity, "negative"), ("02.relu", bug.relu_mutating, "mutates"),
    ("02.relu_prime", bug.relu_prime_kink, "kink"), ("02.relu_prime", ml.relu, "relu"),
    ("02.sigmoid", bug.sigmoid_overflowing, "overflow"),
    ("02.sigmoid", bug.sigmoid_warning, "overflow_warning"),
    ("03.softmax", bug.softmax_original, "overflow"), ("03.softmax", bug.softmax_rows, "rows"),
    ("03.softmax", bug.softmax_all, "total"),
    ("03.forward", bug.forward_without_bias, "bias"), ("03.forward", bug.forward_transposed, "transposed"),
    ("03.forward", bug.forward_no_cache, "cache"),
    ("04.one_hot", bug.one_hot_max_plus_one, "max_plus_one"),
    ("04.one_hot", bug.one_hot_transposed, "transposed"),
    ("04.cross_entropy", bug.cross_entropy_sum, "sum"),
    ("04.cross_entropy", bug.cross_entropy_unclipped, "log0"),
    ("04.cross_entropy", bug.cross_entropy_all_classes, "all_classes"),
    ("05.backward", bug.backward_bias_sum, "bias_sum"), ("05.backward", bug.backward_without_m, "one_over_m"),
    ("05.backward", bug.backward_relu_prime_of_Z2, "relu_prime"),
    ("07.accuracy", bug.accuracy_count, "count"), ("07.accuracy", bug.accuracy_percent, "percent"),
    ("07.accuracy", bug.accuracy_errors, "errors"),
    ("07.confusion_matrix", bug.confusion_matrix_swapped, "swapped"),
    ("07.confusion_matrix", bug.confusion_matrix_small, "ten"),
]


@pytest.mark.parametrize("name", sorted(OWN))
def test_mnistlabs_own_function_passes_its_own_exercise(name):
    assert ml.check(name, OWN[name], lang="en").ok


@pytest.mark.parametrize("name, wrong, hint", TARGETED, ids=[f"{n}-{h}" for n, _, h in TARGETED])
def test_a_known_mistake_gets_the_hint_that_names_it(name, wrong, hint):
    verdict = ALL[name].checker(wrong)
    assert (verdict[0] if isinstance(verdict, tuple) else verdict) == hint
    for lang in LANGUAGES:
        values = verdict[1] if isinstance(verdict, tuple) else {}
        assert ml.fmt(ALL[name].hints[hint][lang], lang, **values) in ml.check(name, wrong, lang=lang).message


@pytest.mark.parametrize("name", sorted(OWN))
def test_a_function_exercise_answers_a_non_function_and_a_missing_return_with_a_hint(name):
    assert ALL[name].checker(3) == "function"

    def forgot_return(*args):
        pass

    assert ALL[name].checker(forgot_return) == "none"


def test_the_check_hands_the_learner_copies_so_that_changing_them_cannot_fool_it():
    def sneaky_softmax(Z):
        Z[...] = 0  # changes the input (the check's data would be spoiled without copies)
        E = np.exp(Z)
        return E / E.sum(axis=0, keepdims=True)

    assert not ml.check("03.softmax", sneaky_softmax, lang="en").ok
    assert ml.check("03.softmax", ml.softmax, lang="en").ok
