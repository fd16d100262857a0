"""Lesson 04 (Loss): one-hot labels, a sure-and-wrong against an unsure network, the uniform guess."""

import math

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number, close
from mnistlab.functions import one_hot

Y_SMALL = [3, 0, 7, 3]  # the label vector the one-hot question names (no 9: the Y.max() + 1 trap)


def _one_hot(labels, n_rows=10):
    return one_hot(labels, n_classes=n_rows).astype(np.float64)


@exercise(
    "04.one_hot_matrix",
    right=[_one_hot(Y_SMALL), _one_hot(Y_SMALL).astype(np.float32), _one_hot(Y_SMALL).astype(int).tolist()],
    wrong=[_one_hot(Y_SMALL).T, _one_hot(Y_SMALL, 8), _one_hot([3, 0, 7, 4]), np.zeros((10, 4)), Y_SMALL,
           "Y"],
    hints={
        "transposed": {"en": "Rows and columns are swapped: one *column* per image, one row per digit.",
                       "de": "Zeilen und Spalten sind vertauscht: eine *Spalte* pro Bild, eine Zeile pro "
                             "Ziffer."},
        "max_plus_one": {"en": "{rows} rows is y.max() + 1 - the original's bug. There are always 10 digits, "
                               "so always 10 rows, even when this batch has no 9.",
                         "de": "{rows} Zeilen sind y.max() + 1 – der Fehler des Originals. Es gibt immer 10 "
                               "Ziffern, also immer 10 Zeilen, auch wenn in diesem Stapel keine 9 vorkommt."},
        "labels": {"en": "That is the label vector itself. Build a (10, 4) matrix of zeros and put a 1 in "
                         "row y[j] of each column j.",
                   "de": "Das ist der Label-Vektor selbst. Baue eine (10, 4)-Matrix aus Nullen und setze in "
                         "jeder Spalte j eine 1 in Zeile y[j]."},
        "entries": {"en": "The shape (10, 4) is right. Column {column} should have its single 1 in row "
                          "{row} (its label) and 0 everywhere else.",
                    "de": "Die Form (10, 4) stimmt. Spalte {column} sollte genau eine 1 haben, in Zeile "
                          "{row} (ihr Label), und sonst nur Nullen."},
        "shape": {"en": "Y should have shape (10, 4): 10 digits × 4 images; yours has shape {shape}.",
                  "de": "Y sollte die Form (10, 4) haben: 10 Ziffern × 4 Bilder; deine hat die Form "
                        "{shape}."},
        "array": {"en": "Answer with an array, e.g. Y = np.zeros((10, 4)) and then set the ones.",
                  "de": "Antworte mit einem Array, z. B. Y = np.zeros((10, 4)), und setze dann die Einsen."},
    },
)
def _one_hot_check(answer):
    expected = _one_hot(Y_SMALL)
    try:
        A = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return "array"
    if close(A, expected):
        return None
    if A.shape == (4,) and close(A, Y_SMALL):
        return "labels"
    if A.shape == (4, 10):
        return "transposed"
    if A.shape == (max(Y_SMALL) + 1, len(Y_SMALL)):
        return "max_plus_one", {"rows": A.shape[0]}
    if A.shape == expected.shape:
        column = int(np.flatnonzero(~np.isclose(A, expected).all(axis=0))[0])
        return "entries", {"column": column, "row": Y_SMALL[column]}
    return "shape", {"shape": tuple(A.shape)}


_LOSS_HINTS = {
    "number": {"en": "Answer with one number, e.g. 1.5 or np.log(2).",
               "de": "Antworte mit einer Zahl, z. B. 1.5 oder np.log(2)."},
    "sign": {"en": "The loss is -log p: the minus makes it positive, because log p < 0 for p < 1.",
             "de": "Der Verlust ist −log p: Das Minus macht ihn positiv, denn log p < 0 für p < 1."},
}


# 04.sure_and_wrong: two networks, two images; the right digit's probability per image (lesson 04 prints
# them as P_A and P_B). A is unsure but right on both; B is sure: right on one, wrong on the other.
P_A, P_B = (0.3, 0.3), (0.99, 0.01)


def _mean_loss(probabilities, log=math.log):
    return -sum(log(p) for p in probabilities) / len(probabilities)


def _sure_and_wrong_values():
    loss_a, loss_b = _mean_loss(P_A), _mean_loss(P_B)
    return {"loss_a": loss_a, "loss_b": loss_b, "difference": loss_b - loss_a,
            "log10": _mean_loss(P_B, math.log10) - _mean_loss(P_A, math.log10),
            "mean_p": -math.log(sum(P_B) / len(P_B)) - loss_a, "wrong_only": -math.log(min(P_B)) - loss_a}


@exercise(
    "04.sure_and_wrong",
    right=[_mean_loss(P_B) - _mean_loss(P_A), 1.1036, 1.104, np.float32(1.10362), np.array(1.10362),
           np.array([1.10362])],
    wrong=[-1.10362, 2 * 1.10362, 0.47929, 2.30761, 1.20397, -0.51083, 3.4012, 0.5, 0, "1.10", [1.1, 1.1]],
    hints={
        **_LOSS_HINTS,
        "swapped": {
            "en": "That is loss_a - loss_b, or the losses without their minus sign. B's loss is the larger "
                  "one: answer with loss_b - loss_a, a positive number.",
            "de": "Das ist loss_a - loss_b, oder die Verluste ohne ihr Minuszeichen. Der Verlust von B ist "
                  "der größere: Antworte mit loss_b - loss_a, einer positiven Zahl."},
        "log10": {
            "en": "That is computed with the base-10 logarithm. Cross-entropy uses the natural logarithm: "
                  "np.log, not np.log10.",
            "de": "Das ist mit dem Zehnerlogarithmus gerechnet. Die Kreuzentropie verwendet den natürlichen "
                  "Logarithmus: np.log, nicht np.log10."},
        "sum": {
            "en": "That is the difference of the *sums* over the two images. The loss of a batch is the "
                  "*mean* over its images: divide by 2.",
            "de": "Das ist der Unterschied der *Summen* über die beiden Bilder. Der Verlust eines Stapels "
                  "ist der *Mittelwert* über seine Bilder: Teile durch 2."},
        "one_loss": {
            "en": "That is the loss of one network alone ({loss:.4f}). The question asks for the difference: "
                  "loss_b - loss_a.",
            "de": "Das ist der Verlust eines einzelnen Netzes ({loss:.4f}). Gefragt ist der Unterschied: "
                  "loss_b - loss_a."},
        "mean_p": {
            "en": "You averaged B's probabilities first: -log(0.5). The loss is the mean of the per-image "
                  "losses -log p, not -log of the mean p - that is the whole point: one sure and wrong image "
                  "costs a lot.",
            "de": "Du hast zuerst die Wahrscheinlichkeiten von B gemittelt: −log(0,5). Der Verlust ist der "
                  "Mittelwert der Verluste −log p der einzelnen Bilder, nicht −log des mittleren p – genau "
                  "darum geht es: Ein sicheres falsches Bild kostet viel."},
        "wrong_only": {
            "en": "You counted only B's wrong image. Every image counts, also the right one with p = 0.99 - "
                  "and the loss is the mean over both images.",
            "de": "Du hast nur das falsche Bild von B gezählt. Jedes Bild zählt, auch das richtige mit "
                  "p = 0,99 – und der Verlust ist der Mittelwert über beide Bilder."},
        "other": {
            "en": "Compute each network's loss as the mean over its two images of -np.log(p), then subtract: "
                  "loss_b - loss_a.",
            "de": "Berechne den Verlust jedes Netzes als Mittelwert von −np.log(p) über seine zwei Bilder, "
                  "dann subtrahiere: loss_b - loss_a."},
    },
)
def _sure_and_wrong(answer):
    answer = as_number(answer)
    if answer is None:
        return "number"
    values = _sure_and_wrong_values()

    def near(value):
        return math.isclose(answer, value, rel_tol=2e-3, abs_tol=1e-4)

    if abs(answer - values["difference"]) <= 0.005:  # 1.10, rounded to two decimals, is right too
        return None
    if near(-values["difference"]):
        return "swapped"
    if near(values["log10"]) or near(-values["log10"]):
        return "log10"
    if near(2 * values["difference"]) or near(-2 * values["difference"]):
        return "sum"
    for key in ("loss_a", "loss_b"):
        if near(values[key]):
            return "one_loss", {"loss": values[key]}
    if near(values["mean_p"]) or near(-values["mean_p"]):
        return "mean_p"
    if near(values["wrong_only"]):
        return "wrong_only"
    return "other"


@exercise(
    "04.uniform_loss",
    right=[math.log(10), np.log(10), 2.3026, 2.303, 2.30, np.float32(np.log(10)), np.array(np.log(10)),
           np.array([np.log(10)])],
    wrong=[0.1, 1.0, -math.log(10), 10 * math.log(10), 5 * np.log(10), 0, 2.0, "ln 10",
           np.full(5, np.log(10))],
    hints={
        **_LOSS_HINTS,
        "probability": {"en": "0.1 is the probability of each digit. The loss is -log of that probability.",
                        "de": "0,1 ist die Wahrscheinlichkeit jeder Ziffer. Der Verlust ist −log dieser "
                              "Wahrscheinlichkeit."},
        "log10": {"en": "That is the base-10 logarithm. Cross-entropy uses the natural logarithm: np.log.",
                  "de": "Das ist der Zehnerlogarithmus. Die Kreuzentropie verwendet den natürlichen "
                        "Logarithmus: np.log."},
        "sum": {"en": "That is {n} · (-log 0.1), the *sum* over {n} images. The loss is their *mean*: every "
                      "image contributes the same -log 0.1.",
                "de": "Das ist {n} · (−log 0,1), die *Summe* über {n} Bilder. Der Verlust ist ihr "
                      "*Mittelwert*: Jedes Bild trägt dasselbe −log 0,1 bei."},
        "other": {"en": "Each image gives its right digit p = 0.1 (like every other digit). The loss of one "
                        "image is -log p, and the mean over equal values is that value.",
                  "de": "Jedes Bild gibt seiner richtigen Ziffer p = 0,1 (wie jeder anderen Ziffer). Der "
                        "Verlust eines Bildes ist −log p, und der Mittelwert gleicher Werte ist dieser "
                        "Wert."},
    },
)
def _uniform_loss(answer):
    expected = math.log(10)
    answer = as_number(answer)
    if answer is None:
        return "number"
    if math.isclose(answer, expected, rel_tol=2e-3):
        return None
    if math.isclose(answer, -expected, rel_tol=2e-3):
        return "sign"
    if math.isclose(answer, 0.1, rel_tol=1e-3):
        return "probability"
    if math.isclose(answer, 1.0, rel_tol=1e-3):
        return "log10"
    n_images = round(answer / expected)
    if n_images >= 2 and math.isclose(answer, n_images * expected, rel_tol=2e-3):
        return "sum", {"n": n_images}  # -log 0.1 added up over n images instead of averaged
    return "other"
