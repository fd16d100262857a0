"""Lesson 00 (Start): how images become the columns of X."""

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number, same_shape


@exercise(
    "00.n_pixels",
    right=[784, 28 * 28],
    wrong=[28, 56, 10],
    hints={
        "side": {"en": "That is one side of the image. How many pixels are in the whole 28 × 28 grid?",
                 "de": "Das ist eine Seite des Bildes. Wie viele Pixel hat das ganze Raster aus 28 × 28?"},
        "other": {"en": "An image has 28 rows of 28 pixels each.",
                  "de": "Ein Bild hat 28 Zeilen mit je 28 Pixeln."},
        "number": {"en": "Answer with a number, e.g. 100.",
                   "de": "Antworte mit einer Zahl, z. B. 100."},
    },
)
def _n_pixels(answer):
    value = as_number(answer)
    if value is None:
        return "number"
    if value == 784:
        return None
    return "side" if value == 28 else "other"


@exercise(
    "00.shape_X",
    right=[(784, 32), [784, 32]],
    wrong=[(32, 784), (28, 28, 32), (784,), 784],
    hints={
        "rows": {"en": "mnistlab puts one image in each *column*, not in each row: which number comes first?",
                 "de": "mnistlab legt jedes Bild in eine *Spalte*, nicht in eine Zeile: "
                       "Welche Zahl kommt zuerst?"},
        "flat": {"en": "Each image is flattened to one column of 784 numbers before it goes into X.",
                 "de": "Jedes Bild wird zu einer Spalte aus 784 Zahlen umgeformt, bevor es in X landet."},
        "tuple": {"en": "Answer with a shape such as (3, 5): (rows, columns).",
                  "de": "Antworte mit einer Form wie (3, 5): (Zeilen, Spalten)."},
    },
)
def _shape_X(answer):
    if same_shape(answer, (784, 32)):
        return None
    if same_shape(answer, (32, 784)):
        return "rows"
    if same_shape(answer, (28, 28, 32)):
        return "flat"
    return "tuple"
