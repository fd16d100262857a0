"""Bad input, table-driven: every public function answers it with a clear error - the right kind of exception
and a message that names the problem (and usually the fix) - never a NumPy internal error or a silently wrong
number. One row per case: (category, what is wrong, the call, the exception, a pattern of its message)."""
# ruff: noqa: E501  (a table: one case per row reads better than wrapped rows)

import json
import math
import re

import numpy as np
import pytest

import mnistlab as ml
from mnistlab import model_file

RNG = np.random.default_rng(0)
X = RNG.random((784, 5)).astype(np.float32)
Y = np.array([0, 1, 2, 3, 4])


def params(sizes=(784, 16, 10)):
    return ml.init_params(list(sizes), rng=np.random.default_rng(0))


def edited(**changes):
    """A fresh 784-16-10 parameter dict with entries replaced (None removes one)."""
    p = dict(params())
    for name, value in changes.items():
        if value is None:
            del p[name]
        else:
            p[name] = value
    return p


def nan_params():
    p = params()
    p["W2"][3, 4] = np.nan
    return p


def cache():
    return ml.forward(params(), X)[1]


def saved_with_header(tmp_path, **header_changes):
    """A model file whose JSON header has been edited by hand."""
    path = ml.save_model(tmp_path / "m.npz", params())
    with np.load(path) as npz:
        arrays = {name: npz[name] for name in npz.files}
    header = json.loads(str(arrays[model_file.HEADER]))
    header.update(header_changes)
    arrays[model_file.HEADER] = np.array(json.dumps(header))
    np.savez(tmp_path / "edited.npz", **arrays)
    return tmp_path / "edited.npz"


NETWORK = [
    ("params without b1", lambda: ml.predict(edited(b1=None), X), ValueError, r"no 'b1'.*weights and its biases"),
    ("b1 of shape (16,)", lambda: ml.forward(edited(b1=np.zeros(16, np.float32)), X), ValueError,
     r"b1 has shape \(16,\) but must be \(16, 1\).*reshape\(-1, 1\)"),
    ("W2 that does not follow W1", lambda: ml.predict(edited(W2=np.zeros((10, 32), np.float32)), X),
     ValueError, r"W2 has shape \(10, 32\), but layer 1 has 16 neurons"),
    ("b2 left over without W2", lambda: ml.predict(edited(W2=None), X), ValueError,
     r"'b2' without the layers before it"),
    ("a (params, meta) pair", lambda: ml.predict((params(), {"activation": "relu"}), X), TypeError,
     r"pair \(params, meta\).*params, meta = ml.load_model"),
    ("arguments swapped", lambda: ml.predict(X, params()), TypeError, r"arguments swapped.*ml.predict\(params, X\)"),
    ("integer weights", lambda: ml.forward(edited(W1=np.zeros((16, 784), int)), X), TypeError,
     r"W1'\] has dtype int64.*astype\(np.float32\)"),
    ("a list as a weight matrix", lambda: ml.forward(edited(W1=[[0.0] * 784] * 16), X), TypeError,
     r"W1'\] is a list.*np.asarray"),
    ("a string as params", lambda: ml.predict("model.npz", X), TypeError, r"params must be a dict"),
    ("an unknown extra entry", lambda: ml.predict({**params(), "dW1": np.zeros(1)}, X), ValueError,
     r"'dW1', which is not a parameter"),
    ("no parameters at all", lambda: ml.predict({}, X), ValueError, r"no 'W1'.*ml.init_params"),
    ("NaN weights in predict", lambda: ml.predict(nan_params(), X), ValueError, r"W2 contains NaN.*diverged"),
    ("NaN weights in forward", lambda: ml.forward(nan_params(), X), ValueError, r"diverged.*smaller learning rate"),
    ("X with one row per image", lambda: ml.predict(params(), X.T), ml.DataError, r"pass X.T"),
    ("X as integers 0..255", lambda: ml.predict(params(), (X * 255).astype(np.uint8)), ml.DataError,
     r"X / 255"),
    ("X with NaN", lambda: ml.predict(params(), np.full((784, 2), np.nan, np.float32)), ml.DataError,
     r"NaN"),
    ("X of strings", lambda: ml.predict(params(), np.full((784, 2), "a")), TypeError, r"X must hold numbers"),
    ("a single image as a vector", lambda: ml.predict(params(), X[:, 0]), ml.DataError, r"reshape\(784, 1\)"),
    ("conflicting activation", lambda: ml.backward(params(), ml.forward(params(), X, activation="sigmoid")[1], Y,
                                                    activation="relu"), ValueError, r"forward pass's activation"),
    ("unknown activation", lambda: ml.forward(params(), X, activation="tanh"), ValueError, r"'relu', 'sigmoid'"),
    ("cache from another network", lambda: ml.backward(params((784, 8, 10)), cache(), Y), ValueError,
     r"cache\['Z1'\] has shape \(16, 5\).*another network"),
    ("(A, cache) pair as cache", lambda: ml.backward(params(), ml.forward(params(), X), Y), TypeError,
     r"A, cache = ml.forward"),
    ("fewer labels than images in backward", lambda: ml.backward(params(), cache(), Y[:3]), ml.DataError,
     r"5 columns \(images\) but there are 3 labels"),
    ("one-hot Y of the wrong shape", lambda: ml.backward(params(), cache(), np.zeros((10, 3))), ml.DataError,
     r"one-hot labels"),
    ("layer sizes as a string", lambda: ml.init_params("784,10", rng=RNG), TypeError, r"list like"),
    ("a layer of 0 neurons", lambda: ml.init_params([784, 0, 10], rng=RNG), ValueError, r">= 1"),
    ("rng as a seed number", lambda: ml.init_params([784, 10], rng=0), TypeError, r"default_rng\(0\)"),
    ("integer dtype", lambda: ml.init_params([784, 10], rng=RNG, dtype=int), TypeError, r"float type"),
]

FUNCTIONS = [
    ("softmax of text", lambda: ml.softmax(["a", "b"]), TypeError, r"Z must hold numbers"),
    ("softmax of NaN", lambda: ml.softmax([1.0, np.nan]), ValueError, r"NaN"),
    ("softmax of a 3-D array", lambda: ml.softmax(np.zeros((2, 2, 2))), ValueError, r"shape \(n, m\)"),
    ("cross-entropy with fewer labels", lambda: ml.cross_entropy(ml.softmax(np.zeros((10, 5))), Y[:3]),
     ml.DataError, r"5 columns \(images\) but there are 3 labels"),
    ("cross-entropy of scores", lambda: ml.cross_entropy(np.full((10, 5), 3.0), Y), ValueError,
     r"look like scores.*ml.softmax\(Z\)"),
    ("cross-entropy of rows", lambda: ml.cross_entropy(ml.softmax(np.zeros((10, 5))).T, Y), ValueError,
     r"pass A.T"),
    ("cross-entropy of NaN", lambda: ml.cross_entropy(np.full((10, 5), np.nan), Y), ValueError,
     r"softmax that overflowed"),
    ("cross-entropy with a soft Y", lambda: ml.cross_entropy(ml.softmax(np.zeros((10, 5))), np.full((10, 5), .1)),
     ml.DataError, r"one-hot"),
    ("one-hot of a label 10", lambda: ml.one_hot([1, 10]), ml.DataError, r"0..9; got 10"),
    ("one-hot of fractional labels", lambda: ml.one_hot([0.5]), ml.DataError, r"whole numbers"),
    ("one-hot of a one-hot matrix", lambda: ml.one_hot(np.eye(10)), ml.DataError, r"one-hot already"),
    ("relu of text", lambda: ml.relu("x"), TypeError, r"must hold numbers"),
]

TRAINING = [
    ("train from NaN parameters", lambda: ml.train(nan_params(), X, Y, learning_rate=0.1, n_epochs=1),
     ValueError, r"ml.train: W2 contains NaN.*diverged"),
    ("train with fewer labels", lambda: ml.train(params(), X, Y[:3], learning_rate=0.1, n_epochs=1),
     ml.DataError, r"5 columns"),
    ("train on zero images", lambda: ml.train(params(), X[:, :0], Y[:0], learning_rate=0.1, n_epochs=1),
     ValueError, r"no images"),
    ("a learning rate of 0", lambda: ml.train(params(), X, Y, learning_rate=0, n_epochs=1), ValueError,
     r"positive number"),
    ("a learning rate as text", lambda: ml.train(params(), X, Y, learning_rate="0.1", n_epochs=1), ValueError,
     r"positive number"),
    ("epochs as a float", lambda: ml.train(params(), X, Y, learning_rate=0.1, n_epochs=2.5), ValueError,
     r"whole number"),
    ("a schedule that is not a function", lambda: ml.train(params(), X, Y, schedule=0.1, n_epochs=1), TypeError,
     r"function epoch -> learning rate"),
    ("a schedule giving a negative rate", lambda: ml.train(params(), X, Y, schedule=lambda e: -1, n_epochs=1),
     ValueError, r"schedule gave learning rate -1"),
    ("validation labels of another length", lambda: ml.train(params(), X, Y, learning_rate=0.1, n_epochs=1,
                                                            X_val=X, y_val=Y[:2]), ml.DataError, r"X_val has 5"),
    ("a stop flag without is_set", lambda: ml.train(params(), X, Y, learning_rate=0.1, n_epochs=1, stop=True),
     TypeError, r"is_set"),
    ("BLAS threads as 0", lambda: ml.train(params(), X, Y, learning_rate=0.1, n_epochs=1, blas_threads=0),
     ValueError, r"blas_threads"),
    ("step_decay without a drop", lambda: ml.step_decay(0.1, 0), ValueError, r"drop_every >= 1"),
]

GRADIENT_CHECK = [
    ("NaN parameters", lambda: ml.gradient_check(nan_params(), X[:, :2], Y[:2]), ValueError, r"diverged"),
    ("fewer labels than images", lambda: ml.gradient_check(params(), X, Y[:3]), ml.DataError,
     r"ml.gradient_check: the output has 5 columns"),
    ("n_samples 0", lambda: ml.gradient_check(params(), X, Y, n_samples=0), ValueError, r"whole number >= 1"),
    ("an unknown parameter", lambda: ml.numerical_gradient(params(), X, Y, "W9"), ValueError, r"no parameter 'W9'"),
    ("an index out of range", lambda: ml.numerical_gradient(params(), X, Y, "b1", indices=[99]), ValueError,
     r"0..15"),
    ("eps of 0", lambda: ml.numerical_gradient(params(), X, Y, "b1", eps=0), ValueError, r"small positive"),
]

EVALUATION = [
    ("accuracy of nothing", lambda: ml.accuracy([], []), ValueError, r"no labels"),
    ("accuracy of different lengths", lambda: ml.accuracy(Y, Y[:3]), ValueError, r"5 labels but y_pred has 3"),
    ("confusion matrix of probabilities", lambda: ml.confusion_matrix(Y, ml.softmax(np.zeros((10, 5)))),
     ml.DataError, r"one-hot already"),
    ("confusion matrix with n_classes 0", lambda: ml.confusion_matrix(Y, Y, n_classes=0), ValueError,
     r"whole number >= 1"),
]


def model_file_cases(tmp_path):
    return [
        ("a text format_version", lambda: ml.load_model(saved_with_header(tmp_path, format_version="1")),
         ml.ModelFileError, r"format_version is '1', not a whole number"),
        ("a list as activation", lambda: ml.load_model(saved_with_header(tmp_path, activation=["relu"])),
         ml.ModelFileError, r"activation \['relu'\], which mnistlab does not know"),
        ("meta that is not a dict", lambda: ml.load_model(saved_with_header(tmp_path, meta=[1])),
         ml.ModelFileError, r"meta data is list"),
        ("text layer sizes", lambda: ml.load_model(saved_with_header(tmp_path, layer_sizes="784-16-10")),
         ml.ModelFileError, r"layer sizes '784-16-10'"),
        ("save_model(meta='abc')", lambda: ml.save_model(tmp_path / "a.npz", params(), "abc"), TypeError,
         r"meta must be a dict"),
        ("save_model(params, path) swapped", lambda: ml.save_model(params(), tmp_path / "b.npz"), TypeError,
         r"save_model\(path, params, meta\)"),
        ("meta with NaN", lambda: ml.save_model(tmp_path / "c.npz", params(), {"x": math.nan}), ValueError,
         r"JSON values"),
        ("a missing folder", lambda: ml.save_model(tmp_path / "no" / "d.npz", params()), FileNotFoundError,
         r"does not exist: create it first"),
        ("a text file as model", lambda: ml.load_model(_text_file(tmp_path)), ml.ModelFileError,
         r"not an .npz file"),
        ("load_model(None)", lambda: ml.load_model(None), TypeError, r"file name"),
    ]


def _text_file(tmp_path):
    path = tmp_path / "notes.npz"
    path.write_text("hello")
    return path


DRAWING = [
    ("a 3-D stack of images", lambda: ml.preprocess_digit(np.zeros((2, 28, 28))), ValueError, r"2-D grey image"),
    ("negative integers", lambda: ml.preprocess_digit(np.full((28, 28), -1)), ValueError, r"0..255"),
    ("floats above 1", lambda: ml.preprocess_digit(np.full((28, 28), 2.0)), ValueError, r"\[0, 1\]"),
    ("text", lambda: ml.preprocess_digit(np.full((28, 28), "x")), TypeError, r"must hold numbers"),
    ("an empty image", lambda: ml.preprocess_digit(np.zeros((0, 5))), ValueError, r"empty image"),
    ("invert='yes'", lambda: ml.preprocess_digit(np.zeros((28, 28)), invert="yes"), ValueError, r"'auto'"),
]

I18N_AND_EXERCISES = [
    ("t(None)", lambda: ml.t(None, "en"), TypeError, r"key of a UI string"),
    ("t of an unknown key", lambda: ml.t("panel.trian", "en"), KeyError, r"Did you mean 'panel.train'"),
    ("t in French", lambda: ml.t("panel.train", "fr"), ValueError, r"'en', 'de'"),
    ("t without its values", lambda: ml.t("panel.status", "de"), KeyError, r"needs the value\(s\)"),
    ("check without a name", lambda: ml.check(None, 1, lang="en"), TypeError, r"exercise's name"),
    ("check of an unknown exercise", lambda: ml.check("99.x", 1, lang="en"), KeyError, r"known exercises"),
    ("check in another language", lambda: ml.check("00.n_pixels", 784, lang="EN"), ValueError, r"'en', 'de'"),
]

DATA = [
    ("split 'validation'", lambda: ml.load_mnist("validation", offline=True), ValueError, r"'train', 'test'"),
    ("split None", lambda: ml.load_mnist(None, offline=True), ValueError, r"'train', 'test'"),
    ("an unknown dataset", lambda: ml.load_mnist(dataset="emnist", offline=True), ValueError, r"'mnist'"),
    ("n = 0", lambda: ml.load_mnist(n=0, offline=True), ml.DataError, r"whole number of images >= 1"),
    ("n = 2.5", lambda: ml.load_mnist(n=2.5, offline=True), ml.DataError, r"whole number of images >= 1"),
    ("a number as path", lambda: ml.load_mnist(path=123), TypeError, r"path"),
    ("a missing folder", lambda: ml.load_mnist(path="/no/such/folder"), ml.DataError, r"no such file or folder"),
    ("read_idx(None)", lambda: ml.read_idx(None), TypeError, r"path"),
    ("download of an unknown dataset", lambda: ml.download("digits"), ValueError, r"'mnist'"),
    ("check_X of a list of numbers", lambda: ml.check_X([1, 2]), ml.DataError, r"expected \(784, m\)"),
]


def panel_data():
    return ml.load_mnist("train", n=50, offline=True, verbose=False)


def widget_cases():
    from mnistlab import widgets

    X, y = panel_data()
    diverged = {**params(), "W1": np.full((16, 784), np.nan, np.float32)}
    return [
        ("a panel with zero images", lambda: ml.training_panel(X[:, :0], y[:0], lang="en"), ml.DataError,
         r"no images.*n=500"),
        ("a panel with images as rows", lambda: ml.training_panel(X.T, y, lang="en"), ml.DataError, r"pass X.T"),
        ("a panel with too few labels", lambda: ml.training_panel(X, y[:3], lang="en"), ml.DataError, r"3 labels"),
        ("a panel in French", lambda: ml.training_panel(X, y, lang="fr"), ValueError, r"'en', 'de'"),
        ("an unknown preset", lambda: ml.training_panel(X, y, lang="en", preset="fast"), ValueError, r"one of"),
        ("hiding an unknown control", lambda: ml.training_panel(X, y, lang="en", hide=("colour",)), ValueError,
         r"choose from"),
        ("Settings.from_string(None)", lambda: widgets.Settings.from_string(None), TypeError, r"settings string"),
        ("seed=-1", lambda: widgets.Settings.from_string("seed=-1"), ValueError, r"seed=-1 \(use 0 ... 2147483647\)"),
        ("a learning rate of 100", lambda: widgets.Settings.from_string("lr=100"), ValueError, r"0.0001 ... 10"),
        ("draw_digit of a diverged network", lambda: ml.draw_digit(diverged, lang="en"), ValueError, r"diverged"),
        ("draw_digit of a file name", lambda: ml.draw_digit("model.npz", lang="en"), TypeError, r"predict_proba"),
        ("a shapes explorer with 0 neurons", lambda: ml.shapes_explorer(lang="en", hidden=(0,)), ValueError,
         r"hidden=\(0,\)"),
        ("a shapes explorer with m=0", lambda: ml.shapes_explorer(lang="en", m=0), ValueError, r"m=0"),
    ]


TABLE = (
    [("network", *case) for case in NETWORK] + [("functions", *case) for case in FUNCTIONS]
    + [("training", *case) for case in TRAINING] + [("gradient check", *case) for case in GRADIENT_CHECK]
    + [("evaluation", *case) for case in EVALUATION] + [("drawing", *case) for case in DRAWING]
    + [("i18n/exercises", *case) for case in I18N_AND_EXERCISES] + [("data", *case) for case in DATA]
)


def _check(call, error, pattern):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert re.search(pattern, message), f"the message does not say {pattern!r}: {message}"
    assert "numpy" not in type(caught.value).__module__


@pytest.mark.parametrize(("category", "what", "call", "error", "pattern"), TABLE,
                         ids=[f"{row[0]}: {row[1]}" for row in TABLE])
def test_bad_input_gets_a_clear_error(category, what, call, error, pattern):
    _check(call, error, pattern)


def test_bad_model_files_and_meta_get_clear_errors_and_keep_a_good_file(tmp_path):
    good = ml.save_model(tmp_path / "good.npz", params())
    before = good.read_bytes()
    for what, call, error, pattern in model_file_cases(tmp_path):
        try:
            _check(call, error, pattern)
        except AssertionError as failure:
            raise AssertionError(f"model files: {what}: {failure}") from None
    for what, call in (("NaN parameters", lambda: ml.save_model(good, nan_params())),
                       ("meta='abc'", lambda: ml.save_model(good, params(), "abc"))):
        with pytest.raises((TypeError, ValueError)):
            call()
        assert good.read_bytes() == before, f"a failing save ({what}) changed the existing file"


@pytest.mark.parametrize("case", range(len(widget_cases())), ids=[case[0] for case in widget_cases()])
def test_bad_input_to_a_widget_gets_a_clear_error(case):
    what, call, error, pattern = widget_cases()[case]
    _check(call, error, pattern)


def test_the_table_covers_at_least_60_cases_in_every_category():
    categories = {row[0] for row in TABLE} | {"model files", "widgets"}
    assert len(TABLE) + len(model_file_cases(None)) + len(widget_cases()) >= 60
    assert {"data", "network", "functions", "training", "gradient check", "model files", "drawing",
            "i18n/exercises", "widgets"} <= categories
