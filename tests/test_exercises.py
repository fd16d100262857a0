"""Self-check exercises: right answers pass, wrong ones get a hint, in both languages; lessons use them."""

import re
from pathlib import Path

import numpy as np
import pytest

import mnistlab as ml
from mnistlab.exercises import exercises, lesson08c, lesson08d
from mnistlab.exercises import function_mistakes as bug
from mnistlab.i18n import LANGUAGES, placeholders

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
ALL = exercises()
CHECK_CALL = re.compile(r"""ml\.check\(\s*["'](\d\d\.[A-Za-z0-9_]+)["']""")


def used_in(lang):
    """Exercise names each lesson of `lang` checks: {"03_forward": {"03.shape_W1", ...}}."""
    return {path.stem: set(CHECK_CALL.findall(path.read_text(encoding="utf-8")))
            for path in sorted((LESSONS / lang / "py").glob("[0-9][0-9]*_*.py"))}


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
       "04.cross_entropy": ml.cross_entropy, "05.backward": ml.backward,
       "05.relative_error": ml.relative_error, "07.accuracy": ml.accuracy,
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
    ("05.relative_error", bug.relative_error_unguarded, "zero"),
    ("05.relative_error", bug.relative_error_signed, "signed"),
    ("05.relative_error", bug.relative_error_one_norm, "one_norm"),
    ("05.relative_error", bug.relative_error_entrywise, "entrywise"),
    ("05.relative_error", bug.relative_error_max, "max"),
    ("07.accuracy", bug.accuracy_count, "count"), ("07.accuracy", bug.accuracy_percent, "percent"),
    ("07.accuracy", bug.accuracy_errors, "errors"),
    ("07.confusion_matrix", bug.confusion_matrix_swapped, "swapped"),
    ("07.confusion_matrix", bug.confusion_matrix_small, "ten"),
    ("06.train_loop", bug.loop_uphill, "uphill"), ("06.train_loop", bug.loop_without_biases, "biases"),
    ("06.train_loop", bug.loop_last_loss_missing, "count"), ("06.train_loop", bug.loop_fixed_rate, "rate"),
    ("08.minibatch_epoch", bug.epoch_global_m, "global_m"),
    ("08.minibatch_epoch", bug.epoch_unshuffled, "order"),
    ("08.minibatch_epoch", bug.epoch_without_last_batch, "last_batch"),
    ("08.minibatch_epoch", bug.epoch_full_batch, "full_batch"),
    *[("08.momentum_step", getattr(lesson08c, f"momentum_{name}"), hint) for name, hint in (
        ("dampened", "dampened"), ("uses_gradient", "gradient"), ("old_velocity", "order"),
        ("uphill", "uphill"), ("swapped", "swapped"))],
    *[("08.adam_step", getattr(lesson08c, f"adam_{name}"), hint) for name, hint in (
        ("uncorrected", "uncorrected"), ("only_m_corrected", "only_m"), ("t_from_zero", "t_from_zero"),
        ("t_plus_one", "t_plus_one"), ("eps_inside", "eps_inside"), ("uses_gradient", "gradient"),
        ("unsquared", "unsquared"), ("momentum_sums", "sums"), ("uphill", "uphill"))],
    *[("08.l2_penalty", getattr(lesson08d, f"penalty_{name}"), hint) for name, hint in (
        ("with_biases", "biases"), ("without_half", "half"), ("of_norms", "norms"), ("first_layer", "first"),
        ("of_means", "means"))],
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

# --- Fair exercises (issue 11, section 4): each finding's right and wrong answers, with the hint expected.

def _hint_text(name, hint_id, lang):
    """The fixed start of hint `hint_id` of exercise `name` (up to its first {field})."""
    if hint_id.startswith("_"):
        from mnistlab.exercises import GENERIC_HINTS
        texts = GENERIC_HINTS[hint_id]
    else:
        texts = ALL[name].hints[hint_id]
    return texts[lang].split("{")[0]


def _mutating_most_confused(C):
    np.fill_diagonal(C, 0)  # zeroes the caller's matrix: the pair is right, the side effect is the bug
    return divmod(int(C.argmax()), C.shape[1])


def _mutating_accuracy(C):
    right = np.trace(C) / C.sum()
    C[:] = 0
    return right


def _global_m_db2(dZ2):
    return dZ2.sum(axis=1, keepdims=True) / 100  # lesson 05's m = 100, not this batch's dZ2.shape[1]


def _mutating_mixed_up(C):
    C += C.T  # the right pair, but the caller's confusion matrix is changed
    return divmod(int(np.argmax(np.triu(C, 1))), len(C))


LN10 = float(np.log(10))
SURE_AND_WRONG = float(np.mean(-np.log([0.99, 0.01])) + np.log(0.3))  # loss_b - loss_a = 1.1036
FAIR = [  # (exercise, answer, None if right else the id of the hint it must get)
    ("02.neuron_output", (-2, 0), None),
    ("02.neuron_output", (np.float64(-2), np.array(0.0)), None),
    ("02.neuron_output", (-3, 0), "no_bias"),  # the forgotten bias: ReLU hides it in a alone
    ("02.neuron_output", (-2, -2), "z"),
    ("02.neuron_output", 0, "pair"),
    ("07.most_confused", lambda C: divmod(int((C - np.diag(np.diag(C))).argmax()), len(C)), None),
    ("07.most_confused", _mutating_most_confused, "mutated"),
    ("07.most_confused", lambda C: divmod(int((C - np.diag(np.diag(C))).argmax()), 10), "ten"),
    ("02.relu_prime_values", [0, 0.5, 1], "kink"),  # a half at the kink: only the choice at z = 0 differs
    ("02.relu_prime_values", [0, 0, 1], None),
    ("07.accuracy_from_cm", _mutating_accuracy, "mutated"),
    ("08.he_std", 0.125, None),
    ("08.he_std", 0.1221, None),  # 2.3 % below: four standard errors allow it
    ("08.he_std", 0.1288, None),
    ("08.he_std", float(np.sqrt(1 / 128)), "lecun"),
    ("08.he_std", float(np.sqrt(2 / 192)), "xavier"),
    ("08.he_std", 2 / 128, "variance"),
    ("08.he_std", 0.13, "decimals"),
    ("07.precision", 0.78, None),  # 40 / 51 = 0.7843 rounded to two decimals
    ("07.precision", 0.784, None),
    ("07.precision", 40 / 51, None),
    ("07.precision", 0.79, "other"),
    ("07.precision", 0.8, "recall"),
    ("07.precision", 78, "percent"),
    ("07.precision", 78.43, "percent"),
    ("06.lr_10", "diverge", None),
    ("06.lr_10", "diverges", None),
    ("06.lr_10", "diverged", None),
    ("06.lr_10", "It diverges.", None),
    ("06.lr_10", "divergiert", None),
    ("06.lr_10", "divergieren", None),
    ("06.lr_10", "Es divergiert!", None),
    ("06.lr_10", "faster", "faster"),
    ("06.lr_10", "langsamer", "slower"),
    ("06.lr_10", "does not diverge", "choice"),
    ("06.lr_10", "divergiert nicht", "choice"),
    ("05.db2", lambda dZ2: dZ2.mean(axis=1, keepdims=True), None),
    ("05.db2", _global_m_db2, "global_m"),
    ("05.db2", lambda dZ2: dZ2.sum(axis=1, keepdims=True), "no_mean"),
    ("05.relative_error", bug.relative_error_guarded, None),
    ("05.relative_error", lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(b), "one_norm"),
    ("05.relative_error", lambda a, b: np.abs(a - b).sum() / (np.abs(a).sum() + np.abs(b).sum()), "l1"),
    ("05.relative_error", lambda a, b: np.abs(a - b) / (np.abs(a) + np.abs(b)), "entrywise"),
    ("05.eps_float32", 0.024, None),  # float64's best 3e-5 moved by (2**29) ** (1/3) = 812
    ("05.eps_float32", 0.03, None),
    ("05.eps_float32", 3e-5, "float64"),
    ("05.eps_float32", 1e-3, "too_little"),
    ("05.eps_float32", 3e-5 * 2**29, "full_ratio"),
    ("05.eps_float32", 0.5, "too_big"),
    ("07.accuracy_from_cm", lambda C: np.trace(C) / C.sum(), None),
    ("07.accuracy_from_cm", lambda C: np.array([np.trace(C) / C.sum()]), None),
    ("07.accuracy_from_cm", lambda C: None, "_none"),
    ("07.accuracy_from_cm", lambda C: "0.9", "result"),
    ("07.accuracy_from_cm", lambda C: np.diag(C) / C.sum(), "result"),
    ("08.n_params", lambda sizes: np.int64(sum((a + 1) * b for a, b in zip(sizes, sizes[1:], strict=False))),
     None),
    ("08.n_params", lambda sizes: 5, "other"),
    ("08.n_params", lambda sizes: [1, 2], "number"),
    ("04.uniform_loss", LN10, None),
    ("04.sure_and_wrong", SURE_AND_WRONG, None),
    ("04.sure_and_wrong", 1.10, None),  # rounded to two decimals
    ("04.sure_and_wrong", -SURE_AND_WRONG, "swapped"),
    ("04.sure_and_wrong", float(np.mean(-np.log10([0.99, 0.01])) + np.log10(0.3)), "log10"),
    ("04.sure_and_wrong", 2 * SURE_AND_WRONG, "sum"),
    ("04.sure_and_wrong", float(np.mean(-np.log([0.99, 0.01]))), "one_loss"),
    ("04.sure_and_wrong", float(-np.log(0.3)), "one_loss"),
    ("04.sure_and_wrong", float(-np.log(0.5) + np.log(0.3)), "mean_p"),
    ("04.sure_and_wrong", float(-np.log(0.01) + np.log(0.3)), "wrong_only"),
    ("04.uniform_loss", 5 * LN10, "sum"),  # 11.5129: the sum over the lesson's 5 images
    ("04.uniform_loss", 2 * LN10, "sum"),
    ("04.uniform_loss", 10 * LN10, "sum"),
    ("06.updates_per_epoch", (1, 938), None),
    ("06.updates_per_epoch", (1, 937), "floor"),
    ("08.global_m_rate", 0.008, None),
    ("08.global_m_rate", 0.5 * 2000 / 32, "inverted"),  # 31.25: steps made larger, not smaller
    ("08.global_m_rate", 32 / 2000, "ratio"),  # the factor without the learning rate
    ("08.global_m_rate", 0.5 * 32 / 42_000, "original"),  # the original's 42,000 instead of her 2,000
    ("09.mixed_up", lambda C: divmod(int(np.argmax(np.triu(C + C.T, 1))), len(C)), None),
    ("09.mixed_up", lambda C: tuple(reversed(divmod(int(np.argmax(np.triu(C + C.T, 1))), len(C)))), None),
    ("09.mixed_up", lambda C: divmod(int(np.argmax(C - np.diag(np.diag(C)))), len(C)), "one_way"),  # 07's
    ("09.mixed_up", lambda C: divmod(int(np.argmax(np.triu(C + C.T, 1))), 10), "ten"),
    ("09.mixed_up", lambda C: divmod(int(np.argmax(C + C.T)), len(C)), "diagonal"),
    ("09.mixed_up", _mutating_mixed_up, "mutated"),
    ("09.mixed_up", lambda C: [0], "pair"),
]


@pytest.mark.parametrize(("name", "answer", "hint_id"), FAIR)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_fair_exercise_finding_accepts_right_answers_and_gives_its_targeted_hint(name, answer, hint_id,
                                                                                      lang):
    feedback = ml.check(name, answer, lang=lang)
    if hint_id is None:
        assert feedback.ok, f"{name}: {answer!r} was rejected: {feedback.message}"
    else:
        assert not feedback.ok and feedback.answered, f"{name}: {answer!r} was accepted"
        assert _hint_text(name, hint_id, lang) in feedback.message, f"{name}: {answer!r}: {feedback.message}"


@pytest.mark.parametrize("seed", range(12))
def test_an_honest_empirical_he_std_passes_for_any_seed(seed):
    W2 = ml.init_params([784, 128, 64, 10], rng=np.random.default_rng(seed))["W2"]
    assert ml.check("08.he_std", W2.std(), lang="en").ok, f"seed {seed}: W2.std() = {W2.std():.5f}"


def test_the_n_params_hint_never_gives_the_answer_away():
    for texts in ALL["08.n_params"].hints.values():
        assert not any(re.search(r"109[.,\s]?386", text) for text in texts.values()), texts
    for lang in LANGUAGES:
        for wrong in ALL["08.n_params"].wrong + (lambda sizes: 7,):
            if callable(wrong) and wrong([3, 4, 2]) == 109386:
                continue  # a hint may quote what the learner's own function returns
            message = ml.check("08.n_params", wrong, lang=lang).message
            assert not re.search(r"109[.,\s]?386", message), message


NUMERIC = {"00.n_pixels": 784, "01.pixel_index": 150, "01.memory": 188_160_000,
           "02.sigmoid_prime_max": 0.25, "04.sure_and_wrong": SURE_AND_WRONG, "04.uniform_loss": LN10,
           "05.eps_float32": 0.03, "07.precision": 40 / 51, "08.he_std": 0.125, "08.global_m_rate": 0.008,
           "08.early_stop_epoch": 13}


@pytest.mark.parametrize("name", sorted(NUMERIC))
def test_every_number_exercise_takes_numpy_scalars_and_one_element_arrays_and_rejects_other_shapes(name):
    value = NUMERIC[name]
    for answer in (value, np.float64(value), np.float32(value), np.array(value), np.array([value]),
                   np.array([[value]])):
        assert ml.check(name, answer, lang="en").ok, f"{name}: {answer!r} ({type(answer).__name__}) rejected"
    for answer in (np.array([value, value]), [value], str(value), True):
        for lang in LANGUAGES:
            feedback = ml.check(name, answer, lang=lang)
            assert not feedback.ok and feedback.answered, f"{name}: {answer!r} accepted"
            assert _hint_text(name, "number", lang) in feedback.message, feedback.message


FUNCTION_EXERCISES = sorted(n for n, item in ALL.items() if any(callable(a) for a in item.right))


@pytest.mark.parametrize("name", FUNCTION_EXERCISES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_function_that_returns_none_or_nonsense_or_raises_gets_a_hint_in_the_lessons_language(name, lang):
    def returns_none(*args):
        return None

    def returns_text(*args):
        return "42"

    def raises(*args):
        raise ValueError("mine")

    other = "de" if lang == "en" else "en"
    none_hint = _hint_text(name, "none" if "none" in ALL[name].hints else "_none", lang)
    assert none_hint in ml.check(name, returns_none, lang=lang).message
    text = ml.check(name, returns_text, lang=lang)
    assert not text.ok and text.answered and "Traceback" not in text.message
    assert text.message != ml.check(name, returns_text, lang=other).message
    raised = ml.check(name, raises, lang=lang)
    assert not raised.ok and "ValueError: mine" in raised.message


def test_the_updates_per_epoch_question_states_the_partial_batch_convention_in_both_languages():
    for lang, words in (("en", "smaller batch"), ("de", "kleineren Stapel")):
        source = (LESSONS / lang / "py" / "06b_learning_rate.py").read_text(encoding="utf-8")
        question = source[:source.index('ml.check("06.updates_per_epoch", answer')].rsplit("# ###", 1)[1]
        assert words in question and "ml.train" in question, question


def test_the_optimizer_step_exercises_follow_the_engine_over_several_steps_and_reject_a_one_step_fake():
    """The checks feed the learner's step its own results: a function right for the first step only (it
    ignores the velocity or moments it is given) must fail, and the engine's optimizers must pass."""
    def momentum_first_step_only(W, dW, v, learning_rate, beta):
        return W - learning_rate * dW, dW  # right while v = 0

    def adam_first_step_only(W, dW, m, v, t, learning_rate, beta1, beta2, eps):
        return W - learning_rate * dW / (np.abs(dW) + eps), (1 - beta1) * dW, (1 - beta2) * dW**2

    assert not ml.check("08.momentum_step", momentum_first_step_only, lang="en").ok
    assert not ml.check("08.adam_step", adam_first_step_only, lang="en").ok
    assert ml.check("08.momentum_step", lesson08c._engine_momentum, lang="en").ok
    assert ml.check("08.adam_step", lesson08c._engine_adam, lang="en").ok


def test_the_l2_penalty_reference_is_what_train_reports_as_its_penalty():
    params = ml.init_params([784, 6, 10], rng=np.random.default_rng(0))
    X, y = np.random.default_rng(1).random((784, 20)), np.arange(20) % 10
    history = ml.train(params, X, y, learning_rate=0.1, n_epochs=2, weight_decay=0.01)
    assert history.penalty[-1] == pytest.approx(lesson08d.l2_penalty_reference(params, 0.01), rel=1e-5)
