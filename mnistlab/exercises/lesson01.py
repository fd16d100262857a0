"""Lesson 01 (Data): the position of a pixel in a column, images to columns, the size of X in memory."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number


@exercise(
    "01.pixel_index",
    right=[150, 5 * 28 + 10, 150.0],
    wrong=[285, 50, 140, 15, (5, 10)],
    hints={
        "by_column": {"en": "That counts column by column. The image is flattened *row by row*: row 0 first "
                            "(indices 0-27), then row 1, …",
                      "de": "So zählst du Spalte für Spalte. Das Bild wird aber *Zeile für Zeile* "
                            "umgeformt: erst Zeile 0 (Indizes 0–27), dann Zeile 1, …"},
        "times": {"en": "Multiplying row and column does not give a position. Rows 0 to 4 come before row 5: "
                        "how many pixels is that? Then go 10 further.",
                  "de": "Zeile mal Spalte ergibt keine Position. Vor Zeile 5 kommen die Zeilen 0 bis 4: "
                        "Wie viele Pixel sind das? Dann gehe noch 10 weiter."},
        "rows": {"en": "Each row holds 28 pixels, so row r starts at index 28 · r; then count c pixels "
                       "into it.",
                 "de": "Jede Zeile hat 28 Pixel, also beginnt Zeile r bei Index 28 · r; von dort zählst du c "
                       "Pixel weiter."},
        "number": {"en": "Answer with one number, the index in the column of 784.",
                   "de": "Antworte mit einer Zahl: dem Index in der Spalte aus 784 Werten."},
    },
)
def _pixel_index(answer):
    answer = as_number(answer)
    if answer is None:
        return "number"
    if answer == 5 * 28 + 10:
        return None
    if answer == 10 * 28 + 5:
        return "by_column"
    if answer == 5 * 10:
        return "times"
    return "rows"


@exercise(
    "01.memory",
    right=[188_160_000, 784 * 60_000 * 4, 188_160_000.0],
    wrong=[47_040_000, 376_320_000, 188.16, 179.44, 3136, (784, 60_000)],
    hints={
        "count": {"en": "That is how many numbers X holds. How many bytes does each float32 number take?",
                  "de": "So viele Zahlen enthält X. Wie viele Byte braucht jede float32-Zahl?"},
        "float64": {"en": "8 bytes per number is float64. mnistlab stores X as float32.",
                    "de": "8 Byte pro Zahl ist float64. mnistlab speichert X als float32."},
        "unit": {"en": "Close - but answer in bytes, not in megabytes.",
                 "de": "Fast – aber antworte in Byte, nicht in Megabyte."},
        "one_image": {"en": "That is one image. X holds 60,000 of them.",
                      "de": "Das ist ein Bild. X enthält 60.000 davon."},
        "product": {"en": "784 numbers per image × 60,000 images × 4 bytes per number.",
                    "de": "784 Zahlen pro Bild × 60.000 Bilder × 4 Byte pro Zahl."},
        "number": {"en": "Answer with one number of bytes (Python can be your calculator: 2 * 3).",
                   "de": "Antworte mit einer Zahl in Byte (Python ist dein Taschenrechner: 2 * 3)."},
    },
)
def _bytes_X(answer):
    answer = as_number(answer)
    if answer is None:
        return "number"
    n_numbers = 784 * 60_000
    if answer == 4 * n_numbers:
        return None
    if answer == n_numbers:
        return "count"
    if answer == 8 * n_numbers:
        return "float64"
    if np.isclose(answer, 4 * n_numbers / 1e6, rtol=1e-2) or np.isclose(answer, 4 * n_numbers / 2**20,
                                                                           rtol=1e-2):
        return "unit"
    if answer == 784 * 4:
        return "one_image"
    return "product"


def _right_to_columns(images):
    return images.reshape(len(images), 784).T / 255


def _right_to_columns_float32(images):
    X = images.reshape(images.shape[0], -1).T.astype(np.float32)
    return X / 255


@exercise(
    "01.to_columns",
    right=[_right_to_columns, _right_to_columns_float32],
    wrong=[lambda images: images.reshape(784, len(images)) / 255,  # scrambles the images
           lambda images: images.reshape(len(images), 784) / 255,  # one row per image
           lambda images: images.reshape(len(images), 784).T,  # not normalised
           lambda images: images.transpose(0, 2, 1).reshape(len(images), 784).T / 255,  # column by column
           lambda images: images.reshape(len(images), 784).T / 256,
           lambda images: images[0],
           lambda images: None,
           42],
    hints={
        "function": {"en": "Answer with a function: def to_columns(images): ... return X, then answer = "
                           "to_columns (without parentheses).",
                     "de": "Antworte mit einer Funktion: def to_columns(images): ... return X, dann answer = "
                           "to_columns (ohne Klammern)."},
        "none": {"en": "Your function returns nothing (None): end it with return X.",
                 "de": "Deine Funktion gibt nichts zurück (None): Beende sie mit return X."},
        "rows": {"en": "That gives one *row* per image, (m, 784). mnistlab wants one column per image: "
                       "transpose with .T.",
                 "de": "Das ergibt eine *Zeile* pro Bild, (m, 784). mnistlab will eine Spalte pro Bild: "
                       "transponiere mit .T."},
        "shape": {"en": "Your function returned shape {shape}; for m images X must have shape (784, m).",
                  "de": "Deine Funktion liefert die Form {shape}; für m Bilder muss X die Form (784, m) "
                        "haben."},
        "scrambled": {"en": "The shape is right, but the pixels of different images are mixed up: "
                            "reshape(784, m) fills row by row. Reshape to (m, 784) first, then transpose.",
                      "de": "Die Form stimmt, aber die Pixel verschiedener Bilder sind vermischt: "
                            "reshape(784, m) füllt Zeile für Zeile. Forme erst zu (m, 784) um, dann "
                            "transponiere."},
        "order": {"en": "Each image must be flattened row by row (as reshape does), not column by column.",
                  "de": "Jedes Bild muss Zeile für Zeile umgeformt werden (wie reshape es tut), nicht "
                        "Spalte für Spalte."},
        "divide": {"en": "The layout is right; now scale the pixels 0-255 to [0, 1].",
                   "de": "Die Anordnung stimmt; jetzt skaliere die Pixel 0–255 auf [0, 1]."},
        "values": {"en": "The layout is right but the values are not pixel / 255.",
                   "de": "Die Anordnung stimmt, aber die Werte sind nicht Pixel / 255."},
    },
)
def _to_columns(answer):
    if not callable(answer):
        return "function"
    images = np.random.default_rng(1).integers(0, 256, size=(3, 28, 28), dtype=np.uint8)
    images[:, 0, :2] = 0, 255  # every image has both ends of the range
    X = np.asarray(answer(images.copy()))  # returning None gets the "none" hint from ml.check
    m = len(images)
    if X.shape == (m, 784):
        return "rows"
    if X.shape != (784, m):
        return "shape", {"shape": X.shape}
    X = X.astype(float)
    if np.allclose(X, images.reshape(m, 784).T / 255):
        return None
    if np.allclose(X, images.reshape(m, 784).T):
        return "divide"
    scrambled = images.reshape(784, m)
    if np.allclose(X, scrambled / 255) or np.allclose(X, scrambled):
        return "scrambled"
    by_column = images.transpose(0, 2, 1).reshape(m, 784).T
    if np.allclose(X, by_column / 255) or np.allclose(X, by_column):
        return "order"
    return "values"
