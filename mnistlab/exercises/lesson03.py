"""Lesson 03 (Forward pass and shapes): the shapes of W1 and Z1, softmax of a column with huge scores."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import same_shape

N_H, M = 32, 100  # the sizes the questions name

_SHAPE_HINTS = {
    "transposed": {"en": "Rows and columns are swapped. W1 @ X must work: ({n_h}, 784) @ (784, m).",
                   "de": "Zeilen und Spalten sind vertauscht. W1 @ X muss passen: ({n_h}, 784) @ (784, m)."},
    "tuple": {"en": "Answer with a shape such as (3, 5): (rows, columns).",
              "de": "Antworte mit einer Form wie (3, 5): (Zeilen, Spalten)."},
}


@exercise(
    "03.shape_W1",
    right=[(32, 784), [32, 784]],
    wrong=[(784, 32), (32, 100), (10, 784), (100, 784), 32],
    hints={
        **_SHAPE_HINTS,
        "batch": {"en": "The weights do not depend on how many images go through: m does not appear in W1.",
                  "de": "Die Gewichte hängen nicht davon ab, wie viele Bilder durchlaufen: m kommt in W1 "
                        "nicht vor."},
        "rows": {"en": "W1 has one row per hidden neuron ({n_h} here) and one column per pixel.",
                 "de": "W1 hat eine Zeile pro verdecktem Neuron (hier {n_h}) und eine Spalte pro Pixel."},
    },
)
def _shape_W1(answer):
    if same_shape(answer, (N_H, 784)):
        return None
    if same_shape(answer, (784, N_H)):
        return "transposed", {"n_h": N_H}
    if same_shape(answer, (N_H, M)):
        return "batch"
    try:
        tuple(int(n) for n in answer)
    except (TypeError, ValueError):
        return "tuple"
    return "rows", {"n_h": N_H}


@exercise(
    "03.shape_Z1",
    right=[(32, 100), [32, 100]],
    wrong=[(100, 32), (32, 784), (32, 1), (10, 100), (784, 100), 100],
    hints={
        "swapped": {"en": "Swapped: Z1 keeps one *column* per image, like X.",
                    "de": "Vertauscht: Z1 hat wie X eine *Spalte* pro Bild."},
        "W1": {"en": "That is the shape of W1. Z1 = W1 @ X: ({n_h}, 784) @ (784, {m}) gives …?",
               "de": "Das ist die Form von W1. Z1 = W1 @ X: ({n_h}, 784) @ (784, {m}) ergibt …?"},
        "b1": {"en": "That is b1, one number per neuron. Z1 has one value per neuron *and* per image.",
               "de": "Das ist b1, eine Zahl pro Neuron. Z1 hat einen Wert pro Neuron *und* pro Bild."},
        "product": {"en": "(a, b) @ (b, c) gives (a, c). Apply it to W1 @ X with {n_h} neurons and {m} "
                          "images.",
                    "de": "(a, b) @ (b, c) ergibt (a, c). Wende das auf W1 @ X mit {n_h} Neuronen und {m} "
                          "Bildern an."},
        "tuple": _SHAPE_HINTS["tuple"],
    },
)
def _shape_Z1(answer):
    sizes = {"n_h": N_H, "m": M}
    if same_shape(answer, (N_H, M)):
        return None
    if same_shape(answer, (M, N_H)):
        return "swapped"
    if same_shape(answer, (N_H, 784)):
        return "W1", sizes
    if same_shape(answer, (N_H, 1)):
        return "b1"
    try:
        tuple(int(n) for n in answer)
    except (TypeError, ValueError):
        return "tuple"
    return "product", sizes


@exercise(
    "03.softmax_column",
    right=[[0.25, 0.25, 0.25, 0.25], np.full((4, 1), 0.25), (1 / 4,) * 4],
    wrong=[[np.nan] * 4, [1, 1, 1, 1], [1000] * 4, [0.25] * 3, [0.1, 0.2, 0.3, 0.4], "0.25",
           (0, 25, 0, 25, 0, 25, 0, 25)],
    hints={
        "nan": {"en": "NaN is the overflow bug: exp(1000) = inf and inf / inf = NaN. Subtract the column "
                      "maximum first.",
                "de": "NaN ist der Überlauf-Fehler: exp(1000) = inf und inf / inf = NaN. Ziehe zuerst das "
                      "Maximum der Spalte ab."},
        "sum": {"en": "Probabilities must add up to 1; yours add up to {total:g}.",
                "de": "Wahrscheinlichkeiten müssen zusammen 1 ergeben; deine ergeben {total:g}."},
        "equal": {"en": "All four scores are equal, so softmax must treat the four classes the same way.",
                  "de": "Alle vier Rohwerte sind gleich, also muss Softmax die vier Klassen gleich "
                        "behandeln."},
        "comma": {"en": "In Python, decimals are written with a point: 0.5, not 0,5 (that is a pair of "
                        "numbers, 0 and 5).",
                  "de": "In Python schreibst du Dezimalzahlen mit Punkt: 0.5, nicht 0,5 (das wäre ein Paar "
                        "aus den Zahlen 0 und 5)."},
        "four": {"en": "Answer with four numbers, one per score.",
                 "de": "Antworte mit vier Zahlen, eine pro Rohwert."},
    },
)
def _softmax_column(answer):
    if isinstance(answer, str):
        return "four"
    try:
        p = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return "four"
    if p.size == 8 and np.array_equal(p, np.round(p)) and (p[0::2] == 0).all():
        return "comma"  # 0,25, 0,25, ... typed with German decimal commas
    if p.size != 4:
        return "four"
    if np.isnan(p).any():
        return "nan"
    if np.allclose(p, 0.25):
        return None
    if not np.isclose(p.sum(), 1):
        return "sum", {"total": float(p.sum())}
    return "equal"
