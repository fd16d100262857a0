"""Self-check exercises: right answers pass, wrong ones get a hint, in both languages; lessons use them."""

import re
from pathlib import Path

import pytest

import mnistlab as ml
from mnistlab.exercises import exercises
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
