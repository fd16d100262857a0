"""Lesson 05: the shape of dW1 and db2 as a function (05b), the best step of a float32 gradient check (05c).

The function exercises 05.backward and 05.relative_error are in ``function_exercises``.
"""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number, same_shape

N_H = 64  # the hidden size the shape question names


@exercise(
    "05.shape_dW1",
    right=[(64, 784), [64, 784]],
    wrong=[(10, 10), (784, 64), (64, 1), (10, 784), (64, 100), 64],
    hints={
        "original": {"en": "(10, 10) is what the original tutorial's table says - and it is wrong. A "
                           "gradient "
                           "always has the shape of its parameter: what is the shape of W1?",
                     "de": "(10, 10) steht in der Tabelle des Original-Tutorials – und ist falsch. Ein "
                           "Gradient hat immer die Form seines Parameters: Welche Form hat W1?"},
        "transposed": {"en": "Rows and columns are swapped: W1 - learning_rate * dW1 needs dW1 shaped "
                             "exactly "
                             "like W1, ({n_h}, 784).",
                       "de": "Zeilen und Spalten sind vertauscht: W1 - learning_rate * dW1 braucht dW1 in "
                             "genau der Form von W1, ({n_h}, 784)."},
        "bias": {"en": "That is the shape of db1 (one number per hidden neuron). dW1 has one number per "
                       "weight.",
                 "de": "Das ist die Form von db1 (eine Zahl pro verdecktem Neuron). dW1 hat eine Zahl pro "
                       "Gewicht."},
        "batch": {"en": "dW1 = dZ1 @ X.T: the m images are summed away in the product, so m does not "
                        "appear.",
                  "de": "dW1 = dZ1 @ X.T: Die m Bilder werden im Produkt aufsummiert, m kommt also nicht "
                        "vor."},
        "rows": {"en": "dW1 is shaped like W1: one row per hidden neuron ({n_h} here), one column per pixel.",
                 "de": "dW1 hat die Form von W1: eine Zeile pro verdecktem Neuron (hier {n_h}), eine Spalte "
                       "pro Pixel."},
        "tuple": {"en": "Answer with a shape such as (3, 5): (rows, columns).",
                  "de": "Antworte mit einer Form wie (3, 5): (Zeilen, Spalten)."},
    },
)
def _shape_dW1(answer):
    if same_shape(answer, (N_H, 784)):
        return None
    if same_shape(answer, (10, 10)):
        return "original"
    if same_shape(answer, (784, N_H)):
        return "transposed", {"n_h": N_H}
    if same_shape(answer, (N_H, 1)):
        return "bias"
    try:
        shape = tuple(int(n) for n in answer)
    except (TypeError, ValueError):
        return "tuple"
    if len(shape) == 2 and shape[0] == N_H:
        return "batch"
    return "rows", {"n_h": N_H}


def _dZ2_examples():
    """Two test inputs E (10, m) = A2 - Y (before the 1/m) with different m, so a missing / m shows."""
    rng = np.random.default_rng(5)
    examples = []
    for m in (7, 3):
        A = rng.random((10, m))
        A /= A.sum(axis=0, keepdims=True)
        Y = np.zeros((10, m))
        Y[rng.integers(0, 10, m), np.arange(m)] = 1
        examples.append(A - Y + rng.normal(0, 0.1, (10, m)))  # noise: sums over all entries are not 0
    return examples


def _fixed_divisor(got, row_sums):
    """k if `got` is the right row sums divided by some k > 1 (e.g. a global m = 100), else None."""
    if got.shape != row_sums.shape or not np.any(got):
        return None
    k = float((row_sums * got).sum() / (got * got).sum())  # least squares: row_sums ≈ k * got
    if k <= 1 or not np.allclose(got * k, row_sums):
        return None
    return round(k) if np.isclose(k, round(k)) else k


def _right_db2(dZ2):
    return dZ2.sum(axis=1, keepdims=True) / dZ2.shape[1]


@exercise(
    "05.db2",
    right=[_right_db2, lambda dZ2: dZ2.mean(axis=1, keepdims=True),
           lambda dZ2: np.mean(dZ2, axis=1).reshape(-1, 1)],
    wrong=[lambda dZ2: np.sum(dZ2) / dZ2.shape[1], lambda dZ2: dZ2.sum(axis=1) / dZ2.shape[1],
           lambda dZ2: dZ2.sum(axis=1, keepdims=True), lambda dZ2: dZ2.mean(axis=0, keepdims=True),
           lambda dZ2: dZ2.mean(axis=0), lambda dZ2: dZ2.mean(axis=1, keepdims=True) + 1,
           lambda dZ2: dZ2.sum(axis=1, keepdims=True) / 100, 0.5],
    hints={
        "function": {"en": "Answer with a function: def db2(E): return ... - then answer = db2.",
                     "de": "Antworte mit einer Funktion: def db2(E): return ... – und dann answer = db2."},
        "scalar": {"en": "One number for all 10 biases: np.sum without axis adds up neurons AND images - "
                         "the original's bias bug. Sum over the images only: axis=1.",
                   "de": "Eine Zahl für alle 10 Biases: np.sum ohne axis addiert Neuronen UND Bilder – der "
                         "Bias-Fehler des Originals. Summiere nur über die Bilder: axis=1."},
        "flat": {"en": "The values are right, but the shape is {shape}: b2 is (10, 1). Use keepdims=True.",
                 "de": "Die Werte stimmen, aber die Form ist {shape}: b2 ist (10, 1). Nimm keepdims=True."},
        "axis0": {"en": "axis=0 adds up the 10 neurons of each image. The bias gradient adds up the images "
                        "of each neuron: axis=1.",
                  "de": "axis=0 addiert die 10 Neuronen jedes Bildes. Der Bias-Gradient addiert die Bilder "
                        "jedes Neurons: axis=1."},
        "no_mean": {"en": "Right direction, but {factor} times too large: the loss is a mean over the m "
                          "images, so divide the sum by m = E.shape[1].",
                    "de": "Richtige Richtung, aber {factor}-mal zu groß: Der Verlust ist ein Mittelwert über "
                          "die m Bilder, also teile die Summe durch m = E.shape[1]."},
        "global_m": {"en": "Your function divides by {divisor:g}, but this E holds m = {m} images: take m "
                           "from the input, m = E.shape[1], not from a variable outside the function (a "
                           "global m = 100 is the size of one batch; lesson 08a's mini-batches have others).",
                     "de": "Deine Funktion teilt durch {divisor:g}, aber dieses E enthält m = {m} Bilder: "
                           "Nimm m aus der Eingabe, m = E.shape[1], nicht aus einer Variablen außerhalb "
                           "der Funktion (ein globales m = 100 ist die Größe eines Stapels; die Mini-Batches "
                           "in Lektion 08a haben andere)."},
        "values": {"en": "The shape (10, 1) is right but the values are not: db2 is the mean of each row of "
                         "E (over the images), which is the row sum of dZ2 = E / m.",
                   "de": "Die Form (10, 1) stimmt, die Werte nicht: db2 ist der Mittelwert jeder Zeile von "
                         "E (über die Bilder), also die Zeilensumme von dZ2 = E / m."},
        "shape": {"en": "db2 should have shape (10, 1), one number per output neuron; yours is {shape}.",
                  "de": "db2 sollte die Form (10, 1) haben, eine Zahl pro Ausgabeneuron; deine ist {shape}."},
    },
)
def _db2(answer):
    if not callable(answer):
        return "function"
    for dZ2 in _dZ2_examples():
        m = dZ2.shape[1]
        expected = _right_db2(dZ2)
        got = np.asarray(answer(dZ2.copy()), dtype=float)
        if got.shape == (10, 1) and np.allclose(got, expected):
            continue
        if got.size == 1:
            return "scalar"
        if got.size == 10 and np.allclose(got.reshape(10, 1), expected):
            return "flat", {"shape": got.shape}
        if got.size == m:
            return "axis0"
        if got.shape == (10, 1) and np.allclose(got, expected * m):
            return "no_mean", {"factor": m}
        divisor = _fixed_divisor(got, expected * m)
        if divisor is not None:
            return "global_m", {"divisor": divisor, "m": m}
        if got.shape == (10, 1):
            return "values"
        return "shape", {"shape": got.shape}
    return None


EPS_RIGHT = (0.008, 0.1)  # float32's best step (3 u |L| / |L3|)^(1/3), u = 2^-24: about 0.03 in lesson 05c


@exercise(
    "05.eps_float32",
    right=[0.03, 0.02, 3e-2, 0.05, np.float64(0.025), np.array([0.01])],
    wrong=[3e-5, 1e-5, 1e-3, 2e4, 0.5, -0.03, "0.03", (0, 3)],
    hints={
        "number": {"en": "Answer with one positive number, a step such as 1e-3.",
                   "de": "Antworte mit einer positiven Zahl, einer Schrittweite wie 1e-3."},
        "float64": {"en": "That is about where float64 is best. float32 rounds about 5·10⁸ times more "
                          "coarsely: the round-off term u·|L|/ε grows, so the best ε moves to larger steps.",
                    "de": "Ungefähr dort liegt das beste ε für float64. float32 rundet etwa 5·10⁸-mal "
                          "gröber: Der Rundungsterm u·|L|/ε wächst, das beste ε rückt also zu größeren "
                          "Schritten."},
        "too_little": {"en": "Right direction, but not far enough. The best step is "
                             "ε* = (3u·|L|/|L‴|)^(1/3): it grows with the cube root of u, and "
                             "(u₃₂/u₆₄)^(1/3) = (2²⁹)^(1/3) ≈ 800.",
                       "de": "Richtige Richtung, aber nicht weit genug. Der beste Schritt ist "
                             "ε* = (3u·|L|/|L‴|)^(1/3): Er wächst mit der dritten Wurzel aus u, und "
                             "(u₃₂/u₆₄)^(1/3) = (2²⁹)^(1/3) ≈ 800."},
        "full_ratio": {"en": "You moved by (nearly) the whole ratio u₃₂/u₆₄ ≈ 5·10⁸. But ε* = "
                             "(3u·|L|/|L‴|)^(1/3) grows only with the cube root of u.",
                       "de": "Du hast (fast) um das ganze Verhältnis u₃₂/u₆₄ ≈ 5·10⁸ verschoben. Aber "
                             "ε* = (3u·|L|/|L‴|)^(1/3) wächst nur mit der dritten Wurzel aus u."},
        "too_big": {"en": "Too far: at such a step the truncation term ε²·|L‴|/6 already dominates. Put "
                          "u = 6e-8 into ε* = (3u·|L|/|L‴|)^(1/3), with L and L3 from above.",
                    "de": "Zu weit: Bei so einem Schritt überwiegt schon der Abbruchterm ε²·|L‴|/6. Setze "
                          "u = 6e-8 in ε* = (3u·|L|/|L‴|)^(1/3) ein, mit L und L3 von oben."},
    },
)
def _eps_float32(answer):
    eps = as_number(answer)
    if eps is None or eps <= 0:
        return "number"
    if EPS_RIGHT[0] <= eps <= EPS_RIGHT[1]:
        return None
    if eps < 1e-4:
        return "float64"
    if eps < EPS_RIGHT[0]:
        return "too_little"
    return "too_big" if eps <= 10 else "full_ratio"
