"""Function exercises: the learner writes a core function, ``answer = <function>``, and the check calls it.

The check calls the learner's function on its own test data - random shapes, edge cases, float32 and
float64 - and compares it with mnistlab's function of the same name (which always passes its own exercise).
A wrong answer is compared with the mistakes people make (the original tutorial's bugs among them): if it
behaves like one of them, the hint names that mistake; otherwise the hint says on which input it differs.
The learner's function gets copies, so changing its input cannot fool the check (it is told, though).

| exercise | called as | must agree with |
|---|---|---|
| 02.relu, 02.relu_prime, 02.sigmoid | f(Z) | ml.relu, ml.relu_prime, ml.sigmoid |
| 03.softmax | softmax(Z), Z (10, m) | ml.softmax |
| 03.forward | forward(params, X) -> (A2, cache with Z1, A1, Z2, A2) | ml.forward |
| 04.one_hot | one_hot(y) -> (10, m) | ml.one_hot |
| 04.cross_entropy | cross_entropy(A, y), y labels (m,) | ml.cross_entropy |
| 05.backward | backward(params, cache, Y), Y one-hot | ml.backward |
| 05.relative_error | relative_error(a, b), two gradients of one shape | ml.relative_error |
| 07.accuracy, 07.confusion_matrix | f(y_true, y_pred) | ml.accuracy, ml.confusion_matrix |
"""

import numpy as np

from mnistlab import evaluate, functions, gradcheck, network
from mnistlab.exercises import exercise
from mnistlab.exercises import function_mistakes as bug

# ---- the hints every function exercise shares ----
COMMON = {
    "function": {"en": "Answer with the function itself, e.g. `def {name}(...): ...` and then `answer = {name}` "
                       "(no parentheses).",
                 "de": "Antworte mit der Funktion selbst, z. B. `def {name}(...): ...` und dann "
                       "`answer = {name}` (ohne Klammern)."},
    "none": {"en": "Your function returns None: is the `return` missing?",
             "de": "Deine Funktion gibt None zurück: Fehlt das `return`?"},
    "shape": {"en": "For an input of shape {given} it returns shape {got}; expected is {expected}.",
              "de": "Für eine Eingabe der Form {given} gibt sie die Form {got} zurück; erwartet ist {expected}."},
    "values": {"en": "The shape is right, but the values differ for {case} (largest difference {diff:.3g}).",
               "de": "Die Form stimmt, aber die Werte weichen ab für {case} (größte Abweichung {diff:.3g})."},
    "not_finite": {"en": "It returns NaN or inf for {case}, where the right answer is a normal number.",
                   "de": "Sie liefert NaN oder inf für {case}, wo die richtige Antwort eine normale Zahl ist."},
    "mutates": {"en": "The values are right, but your function changes its input. Compute a new array "
                      "instead (e.g. `np.maximum(Z, 0)` rather than `Z[Z < 0] = 0`).",
                "de": "Die Werte stimmen, aber deine Funktion verändert ihre Eingabe. Berechne ein neues Array "
                      "(z. B. `np.maximum(Z, 0)` statt `Z[Z < 0] = 0`)."},
}


def _hints(name, **own):
    """The common hints (with the function's name filled in where they need it) and the exercise's own."""
    common = {key: {lang: text.replace("{name}", name) for lang, text in texts.items()}
              for key, texts in COMMON.items()}
    return {**common, **own}


def _arrays(value):
    """The arrays in a result (an array, a tuple/list of arrays, a dict of arrays), in a fixed order."""
    if isinstance(value, dict):
        return [np.asarray(value[key], dtype=float) for key in sorted(value)]
    if isinstance(value, tuple | list):
        return [np.asarray(v, dtype=float) for v in value]
    return [np.asarray(value, dtype=float)]


def _same(got, expected, rtol=1e-5, atol=1e-7):
    """True if two results hold arrays of the same shapes and close values (NaN never equals)."""
    try:
        a, b = _arrays(got), _arrays(expected)
    except (TypeError, ValueError, KeyError):
        return False
    return len(a) == len(b) and all(x.shape == y.shape and np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True)
                                    for x, y in zip(a, b, strict=True))  # NaN = NaN: the right results have none


def _copy(value):
    if isinstance(value, dict):
        return {key: _copy(v) for key, v in value.items()}
    return np.array(value, copy=True) if isinstance(value, np.ndarray) else value


def _unchanged(before, after):
    if isinstance(before, dict):
        return all(_unchanged(before[k], after.get(k)) for k in before)
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and before.shape == after.shape and np.array_equal(
            before, after, equal_nan=True)
    return True


def judge(answer, cases, reference, mistakes=(), *, shape_of=np.shape, may_change_input=False):
    """The verdict on a learner's function: None (right) or a hint id with its values.

    cases: [(description, args)]; reference(*args) is the right result; mistakes: [(hint id, wrong
    function)] tried in order when the answer is wrong, so the hint names the mistake it makes.
    may_change_input: the function is meant to change its input (a training loop updates the parameters).
    """
    if not callable(answer):
        return "function"
    changed = False
    for description, args in cases:
        expected = reference(*args)
        given = [_copy(a) for a in args]
        with np.errstate(all="ignore"):
            got = answer(*given)
        changed = changed or not all(_unchanged(a, g) for a, g in zip(args, given, strict=True))
        if got is None:
            return "none"
        if _same(got, expected):
            continue
        for hint, wrong in mistakes:
            if _same(got, _quietly(wrong, args)):
                return hint
        got_arrays, expected_arrays = _safe_arrays(got), _arrays(expected)
        if got_arrays is None or [g.shape for g in got_arrays] != [e.shape for e in expected_arrays]:
            shapes = [g.shape for g in got_arrays] if got_arrays else type(got).__name__
            return "shape", {"given": shape_of(args[0]), "got": _one(shapes),
                             "expected": _one([e.shape for e in expected_arrays])}
        if not all(np.isfinite(g).all() for g in got_arrays):
            return "not_finite", {"case": description}
        diff = max(float(np.max(np.abs(g - e))) if g.size else 0.0
                   for g, e in zip(got_arrays, expected_arrays, strict=True))
        return "values", {"case": description, "diff": diff}
    return "mutates" if changed and not may_change_input else None


def _quietly(function, args):
    """function(*copies of args), or None if it raises (a mistake that does not apply to this input)."""
    try:
        with np.errstate(all="ignore"):
            return function(*[_copy(a) for a in args])
    except Exception:  # noqa: BLE001 - any failure means: not this mistake
        return None


def _safe_arrays(value):
    try:
        return _arrays(value)
    except (TypeError, ValueError, KeyError):
        return None


def _one(items):
    return items[0] if isinstance(items, list) and len(items) == 1 else items


def _scores(rng, shape, dtype, scale=3.0):
    return (scale * rng.standard_normal(shape)).astype(dtype)


def _z_cases():
    rng = np.random.default_rng(2)
    edge = np.array([[-2.0, -0.5, 0.0, 0.5, 3.0]])
    return [("Z = [[-2, -0.5, 0, 0.5, 3]]", (edge,)),
            ("a random float64 Z of shape (4, 7)", (_scores(rng, (4, 7), np.float64),)),
            ("a random float32 Z of shape (10, 3)", (_scores(rng, (10, 3), np.float32),))]


# ---- lesson 02: activation functions ----

@exercise("02.relu", right=[functions.relu, bug.relu_where], wrong=[bug.identity, np.abs, bug.relu_mutating, 3],
          # np.abs gets the general hint: its values differ
          hints=_hints("relu", negative={
              "en": "Negative values must become 0: ReLU(z) = max(z, 0). Yours lets them through.",
              "de": "Negative Werte müssen 0 werden: ReLU(z) = max(z, 0). Deine lässt sie durch."}))
def _relu(answer):
    return judge(answer, _z_cases(), functions.relu, [("negative", bug.identity)])


@exercise("02.relu_prime", right=[functions.relu_prime, bug.relu_prime_bool], wrong=[bug.relu_prime_kink,
          functions.relu, bug.identity],
          hints=_hints("relu_prime",
                       kink={"en": "At the kink z = 0 take the slope 0, as mnistlab does (yours gives 1).",
                             "de": "Am Knick z = 0 nimm die Steigung 0, wie mnistlab (deine liefert 1)."},
                       relu={"en": "That is ReLU itself. The derivative is its slope: 0 left of 0, 1 right of 0.",
                             "de": "Das ist die ReLU selbst. Die Ableitung ist ihre Steigung: 0 links von 0, "
                                   "1 rechts von 0."}))
def _relu_prime(answer):
    return judge(answer, _z_cases(), functions.relu_prime,
                 [("kink", bug.relu_prime_kink), ("relu", functions.relu)])


def _sigmoid_cases():
    huge = np.array([[-1000.0, -50.0, 0.0, 50.0, 1000.0]])
    return _z_cases() + [("Z = [[-1000, -50, 0, 50, 1000]]", (huge,))]


@exercise("02.sigmoid", right=[functions.sigmoid, bug.sigmoid_two_sided],
          wrong=[bug.sigmoid_overflowing, bug.sigmoid_warning, bug.identity, np.tanh],
          hints=_hints("sigmoid", overflow={
              "en": "For z = ±1000 your sigmoid gives NaN: np.exp(1000) overflows to inf, and inf / inf is NaN. "
                    "Write it so that np.exp only ever gets a number ≤ 0, e.g. "
                    "1 / (1 + np.exp(-Z)) for Z ≥ 0 and np.exp(Z) / (1 + np.exp(Z)) for Z < 0.",
              "de": "Für z = ±1000 liefert deine Sigmoid-Funktion NaN: np.exp(1000) läuft zu inf über, und "
                    "inf / inf ist NaN. Schreibe sie so, dass np.exp nur Zahlen ≤ 0 bekommt, z. B. "
                    "1 / (1 + np.exp(-Z)) für Z ≥ 0 und np.exp(Z) / (1 + np.exp(Z)) für Z < 0."},
              overflow_warning={
              "en": "Your values are right, but for z = -1000 np.exp(-z) = np.exp(1000) overflows on the way "
                    "(NumPy warns). Write it so that np.exp only ever gets a number ≤ 0: "
                    "E = np.exp(-np.abs(Z)), then 1 / (1 + E) where Z ≥ 0 and E / (1 + E) where Z < 0.",
              "de": "Deine Werte stimmen, aber für z = −1000 läuft np.exp(−z) = np.exp(1000) unterwegs über "
                    "(NumPy warnt). Schreibe sie so, dass np.exp nur Zahlen ≤ 0 bekommt: "
                    "E = np.exp(-np.abs(Z)), dann 1 / (1 + E) wo Z ≥ 0 und E / (1 + E) wo Z < 0."}))
def _sigmoid(answer):
    verdict = judge(answer, _sigmoid_cases(), functions.sigmoid, [("overflow", bug.sigmoid_overflowing)])
    if verdict is not None:
        return verdict
    try:
        with np.errstate(over="raise"):  # 1 / (1 + np.exp(-Z)) is right, but overflows for Z = -1000
            answer(np.array([[-1000.0, 1000.0]]))
    except Exception as error:  # ml.check hands in the function wrapped: its errors arrive as their cause
        if isinstance(error, FloatingPointError) or isinstance(error.__cause__, FloatingPointError):
            return "overflow_warning"
        raise
    return None


# ---- lesson 03: softmax and the forward pass ----

def _softmax_cases():
    rng = np.random.default_rng(3)
    big = np.array([[1000.0, 2.0], [999.0, 1.0], [0.0, 3.0]])
    return [("a random float64 Z of shape (10, 6)", (_scores(rng, (10, 6), np.float64),)),
            ("a random float32 Z of shape (10, 1)", (_scores(rng, (10, 1), np.float32),)),
            ("Z = [[1000, 2], [999, 1], [0, 3]]", (big,))]


@exercise("03.softmax", right=[functions.softmax, bug.softmax_shifted_by_mean_max],
          wrong=[bug.softmax_original, bug.softmax_rows, bug.softmax_all, bug.identity],
          hints=_hints("softmax",
                       overflow={"en": "For scores around 1000 yours gives NaN (np.exp(1000) is inf). Subtract "
                                       "each column's maximum first: the result is the same, and np.exp never "
                                       "overflows.",
                                 "de": "Für Werte um 1000 liefert deine NaN (np.exp(1000) ist inf). Ziehe zuerst "
                                       "das Maximum jeder Spalte ab: Das Ergebnis bleibt gleich, und np.exp "
                                       "läuft nie über."},
                       rows={"en": "Each *column* (one image) must add up to 1; yours normalises the rows. "
                                   "Sum with axis=0, keepdims=True.",
                             "de": "Jede *Spalte* (ein Bild) muss zusammen 1 ergeben; deine normiert die Zeilen. "
                                   "Summiere mit axis=0, keepdims=True."},
                       total={"en": "All entries together add up to 1, but each column (one image) must: sum "
                                    "with axis=0, keepdims=True.",
                              "de": "Alle Einträge ergeben zusammen 1, es muss aber jede Spalte (ein Bild) sein: "
                                    "summiere mit axis=0, keepdims=True."}))
def _softmax(answer):
    return judge(answer, _softmax_cases(), functions.softmax,
                 [("rows", bug.softmax_rows), ("total", bug.softmax_all), ("overflow", bug.softmax_original)])


def _network_cases(with_cache=False):
    """(description, args) for forward: two networks, float64 and float32, with non-zero biases."""
    cases = []
    for n_h, m, dtype in ((10, 5, np.float64), (16, 3, np.float32)):  # 10 first: relu_prime(Z2) fits
        rng = np.random.default_rng(n_h)
        params = network.init_params([784, n_h, 10], rng=rng, dtype=dtype)
        for name in ("b1", "b2"):
            params[name] += rng.normal(0, 0.5, params[name].shape).astype(dtype)
        X = rng.random((784, m)).astype(dtype)
        cases.append((f"a 784-{n_h}-10 network and {m} images ({np.dtype(dtype).name})", (dict(params), X)))
    return cases


def _forward_result(forward):
    def run(params, X):
        A2, cache = forward(params, X)
        return {"A2": A2, **{key: cache[key] for key in ("Z1", "A1", "Z2", "A2")}}
    return run


def _forward_shape(args):
    return args.shape if isinstance(args, np.ndarray) else "params"


@exercise("03.forward", right=[network.forward, bug.forward_by_hand], wrong=[bug.forward_without_bias,
          bug.forward_transposed, bug.forward_no_cache],
          hints=_hints("forward",
                       bias={"en": "You forgot the bias: Z1 = W1 @ X + b1 and Z2 = W2 @ A1 + b2.",
                             "de": "Du hast den Bias vergessen: Z1 = W1 @ X + b1 und Z2 = W2 @ A1 + b2."},
                       transposed={"en": "Your result is transposed: with X of shape (784, m), compute W1 @ X "
                                         "(one column per image), not X.T @ W1.T.",
                                   "de": "Dein Ergebnis ist transponiert: Mit X der Form (784, m) rechnest du "
                                         "W1 @ X (eine Spalte pro Bild), nicht X.T @ W1.T."},
                       cache={"en": "Return a pair (A2, cache) where cache is a dict with \"Z1\", \"A1\", \"Z2\" "
                                    "and \"A2\" - backward needs them.",
                              "de": "Gib ein Paar (A2, cache) zurück, wobei cache ein Dict mit \"Z1\", \"A1\", "
                                    "\"Z2\" und \"A2\" ist – die Fehlerrückführung braucht sie."}))
def _forward(answer):
    if not callable(answer):
        return "function"
    params, X = _network_cases()[0][1]
    with np.errstate(all="ignore"):
        result = answer(_copy(params), X.copy())
    if result is None:
        return "none"
    if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], dict)
            and {"Z1", "A1", "Z2", "A2"} <= set(result[1])):
        return "cache"
    mistakes = [(hint, _forward_result(wrong)) for hint, wrong in
                (("bias", bug.forward_without_bias), ("transposed", bug.forward_transposed))]
    return judge(_forward_result(answer), _network_cases(), _forward_result(network.forward), mistakes,
                 shape_of=_forward_shape)


# ---- lesson 04: one-hot labels and the loss ----

def _label_cases():
    return [("y = [3, 0, 7, 4]", (np.array([3, 0, 7, 4]),)),
            ("y = [9, 9, 1]", (np.array([9, 9, 1]),)),
            ("y with 50 random labels", (np.random.default_rng(4).integers(0, 10, 50),))]


@exercise("04.one_hot", right=[functions.one_hot, bug.one_hot_eye], wrong=[bug.one_hot_max_plus_one,
          bug.one_hot_transposed, bug.identity],
          hints=_hints("one_hot",
                       max_plus_one={"en": "The width comes from y.max() + 1 - the original's bug: a batch "
                                           "without a 9 gets fewer than 10 rows. There are always 10 digits.",
                                     "de": "Die Breite kommt aus y.max() + 1 – der Fehler des Originals: Ein "
                                           "Stapel ohne 9 bekommt weniger als 10 Zeilen. Es gibt immer 10 Ziffern."},
                       transposed={"en": "Rows and columns are swapped: (10, m), one *column* per image.",
                                   "de": "Zeilen und Spalten sind vertauscht: (10, m), eine *Spalte* pro Bild."}))
def _one_hot(answer):
    return judge(answer, _label_cases(), functions.one_hot,
                 [("max_plus_one", bug.one_hot_max_plus_one), ("transposed", bug.one_hot_transposed)])


def _loss_cases():
    rng = np.random.default_rng(5)
    A = functions.softmax(_scores(rng, (10, 8), np.float64))
    sure = np.zeros((10, 3))
    sure[[1, 2, 3], [0, 1, 2]] = 1.0  # certain - and wrong for the first image
    return [("softmax outputs of 8 images", (A, rng.integers(0, 10, 8))),
            ("the same in float32", (A.astype(np.float32), rng.integers(0, 10, 8)))], (sure, np.array([0, 2, 3]))


@exercise("04.cross_entropy", right=[functions.cross_entropy, bug.cross_entropy_clipped],
          wrong=[bug.cross_entropy_sum, bug.cross_entropy_unclipped, bug.cross_entropy_all_classes],
          hints=_hints("cross_entropy",
                       sum={"en": "That is the sum over the images; the loss is their *mean* (divide by m), so "
                                  "that it does not grow with the batch.",
                            "de": "Das ist die Summe über die Bilder; der Verlust ist ihr *Mittelwert* (teile "
                                  "durch m), damit er nicht mit dem Stapel wächst."},
                       log0={"en": "A probability of exactly 0 gives -log(0) = inf. Clip first, e.g. "
                                   "np.maximum(p, np.finfo(A.dtype).tiny), as mnistlab does.",
                             "de": "Eine Wahrscheinlichkeit von genau 0 ergibt −log(0) = inf. Begrenze vorher, "
                                   "z. B. mit np.maximum(p, np.finfo(A.dtype).tiny), wie mnistlab."},
                       all_classes={"en": "Only the probability of each image's *true* class counts: "
                                          "-log(A[y[i], i]), averaged over the images i.",
                                    "de": "Nur die Wahrscheinlichkeit der *richtigen* Klasse jedes Bildes zählt: "
                                          "−log(A[y[i], i]), gemittelt über die Bilder i."}))
def _cross_entropy(answer):
    cases, (sure, y) = _loss_cases()
    verdict = judge(answer, cases, functions.cross_entropy,
                    [("sum", bug.cross_entropy_sum), ("all_classes", bug.cross_entropy_all_classes)])
    if verdict is not None:
        return verdict
    with np.errstate(all="ignore"):  # a probability of exactly 0 for a true label: any clip will do, if finite
        loss = np.asarray(answer(sure.copy(), y.copy()), dtype=float)
    return None if loss.size == 1 and np.isfinite(loss).all() and float(loss) > 20 else "log0"


# ---- lesson 05: backpropagation ----

def _backward_cases():
    cases = []
    for description, (params, X) in _network_cases():
        A2, cache = network.forward(params, X)
        y = np.random.default_rng(X.shape[1]).integers(0, 10, X.shape[1])
        cache = {key: cache[key] for key in ("Z1", "A1", "Z2", "A2")} | {"A0": X}
        cases.append((description, (params, cache, functions.one_hot(y).astype(X.dtype))))
    return cases


def _backward_result(backward):
    def run(params, cache, Y):
        grads = backward(params, cache, Y)
        return {key: grads[key] for key in ("dW1", "db1", "dW2", "db2")}
    return run


@exercise("05.backward", right=[network.backward, bug.backward_by_hand],
          wrong=[bug.backward_bias_sum, bug.backward_without_m, bug.backward_relu_prime_of_Z2],
          hints=_hints("backward",
                       bias_sum={"en": "db is one number for all biases: np.sum(dZ) sums over the neurons *and* "
                                       "the images - the original's bug. Sum over the images only: "
                                       "dZ.sum(axis=1, keepdims=True).",
                                 "de": "db ist eine einzige Zahl für alle Biases: np.sum(dZ) summiert über die "
                                       "Neuronen *und* die Bilder – der Fehler des Originals. Summiere nur über "
                                       "die Bilder: dZ.sum(axis=1, keepdims=True)."},
                       one_over_m={"en": "Your gradients are m times too large: the loss is a *mean*, so "
                                         "dZ2 = (A2 - Y) / m.",
                                   "de": "Deine Gradienten sind m-mal zu groß: Der Verlust ist ein *Mittelwert*, "
                                         "also dZ2 = (A2 − Y) / m."},
                       relu_prime={"en": "relu_prime belongs to the hidden layer's Z1: dZ1 = (W2.T @ dZ2) * "
                                         "relu_prime(Z1). (With 10 hidden neurons relu_prime(Z2) even has the "
                                         "right shape - and silently wrong values.)",
                                   "de": "relu_prime gehört zu Z1 der verdeckten Schicht: dZ1 = (W2.T @ dZ2) * "
                                         "relu_prime(Z1). (Mit 10 verdeckten Neuronen hat relu_prime(Z2) sogar "
                                         "die richtige Form – und still falsche Werte.)"},
                       keys={"en": "Return a dict with the keys \"dW1\", \"db1\", \"dW2\" and \"db2\".",
                             "de": "Gib ein Dict mit den Schlüsseln \"dW1\", \"db1\", \"dW2\" und \"db2\" zurück."}))
def _backward(answer):
    if not callable(answer):
        return "function"
    params, cache, Y = _backward_cases()[0][1]
    with np.errstate(all="ignore"):
        result = answer(_copy(params), _copy(cache), Y.copy())
    if result is None:
        return "none"
    if not (isinstance(result, dict) and {"dW1", "db1", "dW2", "db2"} <= set(result)):
        return "keys"
    mistakes = [(hint, _backward_result(wrong)) for hint, wrong in
                (("bias_sum", bug.backward_bias_sum), ("one_over_m", bug.backward_without_m),
                 ("relu_prime", bug.backward_relu_prime_of_Z2))]
    return judge(_backward_result(answer), _backward_cases(), _backward_result(network.backward), mistakes,
                 shape_of=_forward_shape)


# ---- lesson 05c: the relative error of a gradient check ----

def _relative_error_cases():
    rng = np.random.default_rng(51)
    g = rng.standard_normal((4, 5))
    column = rng.standard_normal((16, 1))
    return [("two random arrays of shape (4, 5)", (g, g + 0.1 * rng.standard_normal(g.shape))),
            ("a = [1, 0], b = [0, 1]", (np.array([1.0, 0.0]), np.array([0.0, 1.0]))),
            ("a = [3, 4], b = [0, 1]", (np.array([3.0, 4.0]), np.array([0.0, 1.0]))),
            ("a = [0, 1], b = [3, 4]", (np.array([0.0, 1.0]), np.array([3.0, 4.0]))),
            ("a float32 a and b = a + 1e-3", (column.astype(np.float32), (column + 1e-3).astype(np.float32))),
            ("a = b = 0 of shape (16, 1) (a dead neuron's gradient)", (np.zeros((16, 1)), np.zeros((16, 1))))]


@exercise("05.relative_error", right=[gradcheck.relative_error, bug.relative_error_guarded],
          wrong=[bug.relative_error_unguarded, bug.relative_error_signed, bug.relative_error_one_norm,
                 bug.relative_error_entrywise, bug.relative_error_max, lambda a, b: np.abs(a - b)],
          hints=_hints("relative_error",
                       zero={"en": "Right for every pair except a = b = 0, where yours divides 0 by 0 and gives "
                                   "NaN. Both zero means both agree: return `0.0` when |a| + |b| is 0 (a dead "
                                   "ReLU neuron has exactly such a gradient).",
                             "de": "Richtig für jedes Paar außer a = b = 0: Da teilt deine 0 durch 0 und liefert "
                                   "NaN. Beide null heißt, beide stimmen überein: Gib `0.0` zurück, wenn |a| + |b| "
                                   "gleich 0 ist (ein totes ReLU-Neuron hat genau so einen Gradienten)."},
                       signed={"en": "Plain sums let positive and negative differences cancel: two different "
                                     "gradients can look equal. Use lengths: `np.linalg.norm(a - b) / "
                                     "(np.linalg.norm(a) + np.linalg.norm(b))`.",
                               "de": "Einfache Summen lassen positive und negative Abweichungen sich aufheben: "
                                     "Zwei verschiedene Gradienten sehen dann gleich aus. Nimm Längen: "
                                     "`np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))`."},
                       one_norm={"en": "You divide by the length of one gradient only, so the result depends on "
                                       "which one you call a, and it has no upper bound. Divide by both: "
                                       "|a| + |b|.",
                                 "de": "Du teilst nur durch die Länge eines Gradienten: Dann hängt das Ergebnis "
                                       "davon ab, welchen du a nennst, und es ist nach oben unbeschränkt. Teile "
                                       "durch beide: |a| + |b|."},
                       l1={"en": "That is the sum of absolute values (the 1-norm); the lesson's |a| is the "
                                 "Euclidean length, `np.linalg.norm(a)`.",
                           "de": "Das ist die Summe der Beträge (die 1-Norm); |a| ist in der Lektion die "
                                 "euklidische Länge, `np.linalg.norm(a)`."},
                       entrywise={"en": "You compare entry by entry. The relative error compares the two "
                                        "gradients as whole vectors and returns one number: "
                                        "`norm(a - b) / (norm(a) + norm(b))`.",
                                  "de": "Du vergleichst Eintrag für Eintrag. Der relative Fehler vergleicht die "
                                        "beiden Gradienten als ganze Vektoren und liefert eine Zahl: "
                                        "`norm(a - b) / (norm(a) + norm(b))`."},
                       max={"en": "Dividing by max(|a|, |b|) is CS231n's definition - a fine one, but another "
                                  "number. This lesson (and `ml.gradient_check`) divides by |a| + |b|.",
                            "de": "Durch max(|a|, |b|) zu teilen ist die Definition von CS231n – auch gut, "
                                  "aber eine andere Zahl. Diese Lektion (und `ml.gradient_check`) teilt durch "
                                  "|a| + |b|."}))
def _relative_error(answer):
    def l1(a, b):
        return np.abs(a - b).sum() / (np.abs(a).sum() + np.abs(b).sum())

    def entrywise_array(a, b):
        return np.abs(a - b) / (np.abs(a) + np.abs(b))

    verdict = judge(answer, _relative_error_cases(), gradcheck.relative_error,
                    [("zero", bug.relative_error_unguarded)])
    if verdict is None or verdict in ("zero", "function", "none", "mutates"):
        return verdict
    mistakes = [("signed", bug.relative_error_signed), ("max", bug.relative_error_max),
                ("one_norm", bug.relative_error_one_norm),
                ("one_norm", lambda a, b: np.linalg.norm(a - b) / np.linalg.norm(b)),
                ("l1", l1), ("entrywise", bug.relative_error_entrywise), ("entrywise", entrywise_array)]
    nonzero = [args for _, args in _relative_error_cases()[:-1]]  # a mistake must fit all of them, so that
    for hint, wrong in mistakes:  # dividing by max(|a|, |b|) is not taken for dividing by |a| (or |b|)
        if all(_same(_quietly(answer, args), _quietly(wrong, args)) for args in nonzero):
            return hint
    return verdict


# ---- lesson 07: evaluation ----

def _prediction_cases():
    rng = np.random.default_rng(7)
    y_true = rng.integers(0, 10, 40)
    y_pred = np.where(rng.random(40) < 0.7, y_true, rng.integers(0, 10, 40))
    return [("40 labels and predictions", (y_true, y_pred)),
            ("y_true = [1, 2, 2], y_pred = [1, 2, 7]", (np.array([1, 2, 2]), np.array([1, 2, 7])))]


@exercise("07.accuracy", right=[evaluate.accuracy, bug.accuracy_by_count], wrong=[bug.accuracy_count,
          bug.accuracy_percent, bug.accuracy_errors],
          hints=_hints("accuracy",
                       count={"en": "That is the number of right predictions; accuracy is their *share*: divide "
                                    "by the number of images.",
                              "de": "Das ist die Anzahl der richtigen Vorhersagen; die Genauigkeit ist ihr "
                                    "*Anteil*: Teile durch die Anzahl der Bilder."},
                       percent={"en": "Give the share as a number between 0 and 1 (0.9), not in percent (90).",
                                "de": "Gib den Anteil als Zahl zwischen 0 und 1 an (0,9), nicht in Prozent (90)."},
                       errors={"en": "That is the share of *wrong* predictions (the error rate).",
                               "de": "Das ist der Anteil der *falschen* Vorhersagen (die Fehlerrate)."}))
def _accuracy(answer):
    return judge(answer, _prediction_cases(), evaluate.accuracy,
                 [("count", bug.accuracy_count), ("percent", bug.accuracy_percent),
                  ("errors", bug.accuracy_errors)])


@exercise("07.confusion_matrix", right=[evaluate.confusion_matrix, bug.confusion_matrix_add_at],
          wrong=[bug.confusion_matrix_swapped, bug.confusion_matrix_small],
          hints=_hints("confusion_matrix",
                       swapped={"en": "Rows and columns are swapped: row = the true digit, column = the "
                                      "predicted one, C[y_true[i], y_pred[i]] += 1.",
                                "de": "Zeilen und Spalten sind vertauscht: Zeile = richtige Ziffer, Spalte = "
                                      "vorhergesagte, C[y_true[i], y_pred[i]] += 1."},
                       ten={"en": "The matrix is always 10 × 10 - one row and column per digit, even for digits "
                                  "that do not occur.",
                            "de": "Die Matrix ist immer 10 × 10 – eine Zeile und Spalte pro Ziffer, auch für "
                                  "Ziffern, die nicht vorkommen."}))
def _confusion_matrix(answer):
    return judge(answer, _prediction_cases(), evaluate.confusion_matrix,
                 [("swapped", bug.confusion_matrix_swapped), ("ten", bug.confusion_matrix_small)])


# ---- lesson 06: the training loop ----

def _loop_data():
    """A tiny task: 30 random images, a 784-8-10 network in float64 (so rounding cannot hide a mistake)."""
    rng = np.random.default_rng(6)
    params = network.init_params([784, 8, 10], rng=rng, dtype=np.float64)
    return params, 0.3 * rng.random((784, 30)), rng.integers(0, 10, 30)  # pixel-like values, no divergence


def _trained(params, X, y, **settings):
    """(a copy of params trained by ml.train with `settings`, its History): what the loops must match."""
    from mnistlab.training import train

    copy = _copy(params)
    return copy, train(copy, X, y, **settings)


def _reference_loop(params, X, y, learning_rate, n_steps):
    """ml.train's full-batch losses: before the first step, then after each step (n_steps + 1 of them)."""
    return _trained(params, X, y, learning_rate=learning_rate, n_epochs=n_steps)[1].loss


def _loop_losses(loop):
    def run(params, X, y, learning_rate, n_steps):
        return np.asarray([float(v) for v in loop(params, X, y, learning_rate, n_steps)])
    return run


@exercise("06.train_loop", right=[bug.loop_by_hand, bug.loop_with_mnistlab_functions],
          wrong=[bug.loop_uphill, bug.loop_without_biases, bug.loop_last_loss_missing, bug.loop_fixed_rate],
          hints=_hints("loop",
                       uphill={"en": "Your loss grows: the step goes uphill. Subtract the gradient: W1 -= learning_rate * dW1.",
                               "de": "Dein Verlust wächst: Der Schritt geht bergauf. Ziehe den Gradienten ab: W1 -= learning_rate * dW1."},
                       biases={"en": "Close, but the biases never change: update b1 and b2 as well as W1 and W2.",
                               "de": "Fast, aber die Biases ändern sich nie: Aktualisiere b1 und b2 ebenso wie W1 und W2."},
                       count={"en": "Return n_steps + 1 losses: the loss before each step, and once more after the last one.",
                              "de": "Gib n_steps + 1 Verlustwerte zurück: den Verlust vor jedem Schritt und noch einmal nach dem letzten."},
                       rate={"en": "Your loop ignores its learning_rate argument: use it in every update.",
                             "de": "Deine Schleife ignoriert ihr Argument learning_rate: Benutze es bei jedem Update."}))
def _train_loop(answer):
    if not callable(answer):
        return "function"
    params, X, y = _loop_data()
    cases = [("5 steps with learning_rate = 0.2 on 30 images", (params, X, y, 0.2, 5)),
             ("3 steps with learning_rate = 0.05", (params, X, y, 0.05, 3))]
    mistakes = [(hint, _loop_losses(wrong)) for hint, wrong in
                (("uphill", bug.loop_uphill), ("biases", bug.loop_without_biases),
                 ("count", bug.loop_last_loss_missing), ("rate", bug.loop_fixed_rate))]
    return judge(_loop_losses(answer), cases, lambda *args: np.asarray(_reference_loop(*args)), mistakes,
                 shape_of=lambda args: "params", may_change_input=True)


# ---- lesson 08: one epoch of mini-batch gradient descent ----

def _epoch_cases():
    params, X, y = _loop_data()
    return [("30 images in batches of 8 (the last one has 6)", (params, X, y, 0.2, 8, 1)),
            ("30 images in batches of 5", (params, X, y, 0.1, 5, 2))]


def _epoch_result(epoch):
    """The parameters after one epoch; the last argument is the seed of the rng the function gets."""
    def run(params, X, y, learning_rate, batch_size, seed):
        result = epoch(params, X, y, learning_rate, batch_size, np.random.default_rng(seed))
        return {name: np.asarray(value) for name, value in result.items()}
    return run


def _reference_epoch(params, X, y, learning_rate, batch_size, seed):
    return _trained(params, X, y, learning_rate=learning_rate, n_epochs=1, batch_size=batch_size,
                    rng=np.random.default_rng(seed))[0]


@exercise("08.minibatch_epoch", right=[bug.epoch_by_hand],
          wrong=[bug.epoch_global_m, bug.epoch_unshuffled, bug.epoch_without_last_batch, bug.epoch_full_batch],
          hints=_hints("epoch",
                       global_m={"en": "Your steps are too small by batch_size / m: each batch's gradient is the mean over *its* images (ml.backward on the batch does that), not over all m - the original's global-m bug.",
                                 "de": "Deine Schritte sind um den Faktor batch_size / m zu klein: Der Gradient eines Stapels ist der Mittelwert über *seine* Bilder (ml.backward auf dem Stapel macht das), nicht über alle m – der Global-m-Fehler des Originals."},
                       order={"en": "Your batches go through the images in file order. Shuffle first, as ml.train does: order = rng.permutation(m), then batch after batch of order.",
                              "de": "Deine Stapel gehen die Bilder in Dateireihenfolge durch. Mische zuerst, wie ml.train: order = rng.permutation(m), dann Stapel für Stapel aus order."},
                       last_batch={"en": "The images left over after the last full batch form one more, smaller batch: don't skip them.",
                                   "de": "Die Bilder, die nach dem letzten vollen Stapel übrig bleiben, bilden einen weiteren, kleineren Stapel: Lass sie nicht weg."},
                       full_batch={"en": "That is one full-batch step. An epoch of mini-batches takes one step per batch of batch_size images.",
                                   "de": "Das ist ein Schritt mit vollem Stapel. Eine Epoche mit Mini-Batches macht einen Schritt pro Stapel aus batch_size Bildern."},
                       returns={"en": "Return the parameters (the dict you updated) at the end of the epoch.",
                                "de": "Gib am Ende der Epoche die Parameter zurück (das Dict, das du aktualisiert hast)."}))
def _minibatch_epoch(answer):
    if not callable(answer):
        return "function"
    params, X, y, lr, batch_size, seed = _epoch_cases()[0][1]
    result = answer(_copy(params), X.copy(), y.copy(), lr, batch_size, np.random.default_rng(seed))
    if not (isinstance(result, dict) and {"W1", "b1", "W2", "b2"} <= set(result)):
        return "returns"
    mistakes = [(hint, _epoch_result(wrong)) for hint, wrong in
                (("global_m", bug.epoch_global_m), ("order", bug.epoch_unshuffled),
                 ("last_batch", bug.epoch_without_last_batch), ("full_batch", bug.epoch_full_batch))]
    return judge(_epoch_result(answer), _epoch_cases(), _reference_epoch, mistakes,
                 shape_of=lambda args: "params", may_change_input=True)
