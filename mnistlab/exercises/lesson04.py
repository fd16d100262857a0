"""Lesson 04 (Loss): one-hot labels, the loss of a perfect and of a uniform prediction."""

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


@exercise(
    "04.perfect_loss",
    right=[0, 0.0, -0.0, np.float32(0)],
    wrong=[1, 1.0, math.log(10), math.inf, -1, "0"],
    hints={
        **_LOSS_HINTS,
        "one": {"en": "The network gives the right digit probability p = 1. What is -log(1)?",
                "de": "Das Netz gibt der richtigen Ziffer die Wahrscheinlichkeit p = 1. Was ist −log(1)?"},
        "infinite": {"en": "An infinite loss belongs to p = 0 for the right digit - the opposite of perfect.",
                     "de": "Ein unendlicher Verlust gehört zu p = 0 für die richtige Ziffer – das Gegenteil "
                           "von perfekt."},
        "other": {"en": "Every image contributes -log p with p = 1 for its right digit; the loss is their "
                        "mean.",
                  "de": "Jedes Bild trägt −log p bei, mit p = 1 für seine richtige Ziffer; der Verlust ist "
                        "der Mittelwert davon."},
    },
)
def _perfect_loss(answer):
    answer = as_number(answer)
    if answer is None:
        return "number"
    if abs(answer) < 1e-9:
        return None
    if math.isinf(answer):
        return "infinite"
    if answer < 0:
        return "sign"
    return "one" if answer == 1 else "other"


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
