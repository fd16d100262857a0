"""Lesson 09 (Your own handwriting): MNIST's centre of mass, inverting a photo, outputs for Fashion-MNIST."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number, pair


@exercise(
    "09.centre",
    right=[(14, 14), [14.0, 14.0], (13.5, 13.5), (np.float64(13.99), np.float64(14.0))],
    wrong=[(28, 28), (10, 10), (0, 0), (14, 0), 14, (27, 27), "14, 14", ("14", "14")],
    hints={
        "pair": {"en": "Answer with a pair (row, column), e.g. (3, 5).",
                 "de": "Antworte mit einem Paar (Zeile, Spalte), z. B. (3, 5)."},
        "size": {"en": "That is the size of the image. Where is its middle?",
                 "de": "Das ist die Größe des Bildes. Wo liegt seine Mitte?"},
        "box": {"en": "That is the middle of the 20 × 20 box the digit is scaled into. The box is then "
                      "placed in the 28 × 28 field.",
                "de": "Das ist die Mitte des 20 × 20-Kastens, auf den die Ziffer skaliert wird. Der Kasten "
                      "wird dann ins 28 × 28-Feld gesetzt."},
        "corner": {"en": "That lies on the edge of the image. The centre of mass goes to the middle, in "
                         "both directions.",
                   "de": "Das liegt am Rand des Bildes. Der Schwerpunkt kommt in die Mitte, in beide "
                         "Richtungen."},
        "other": {"en": "The middle of 28 pixels numbered 0 … 27 — the lesson measured it on the test set.",
                  "de": "Die Mitte von 28 Pixeln mit den Nummern 0 … 27 – die Lektion hat sie auf den "
                        "Testdaten gemessen."},
    },
)
def _centre(answer):
    centre = pair(answer, float)
    if centre is None:
        return "pair"
    if all(13.5 - 1e-9 <= v <= 14.0 + 1e-9 for v in centre):
        return None
    if centre in ((28, 28), (27, 27)):
        return "size"
    if centre == (10, 10):
        return "box"
    if 0 in centre or 27 in centre or 28 in centre:
        return "corner"
    return "other"


_PHOTOS = [np.array([[1.0, 0.9], [0.2, 0.0]]), np.linspace(0, 1, 12).reshape(3, 4),
           np.random.default_rng(9).random((5, 5))]


@exercise(
    "09.invert",
    right=[lambda photo: 1 - photo, lambda photo: 1.0 - np.asarray(photo),
           lambda photo: np.subtract(1, photo)],
    wrong=[lambda photo: photo, lambda photo: -photo, lambda photo: 255 - photo, lambda photo: photo / 255,
           lambda photo: 1 / (photo + 1), 0.5],
    hints={
        "function": {"en": "Answer with a function of the photo, e.g. answer = to_mnist_style.",
                     "de": "Antworte mit einer Funktion des Fotos, z. B. answer = to_mnist_style."},
        "same": {"en": "That returns the photo unchanged: its paper stays bright and its ink dark. MNIST "
                       "wants the opposite.",
                 "de": "Das gibt das Foto unverändert zurück: Das Papier bleibt hell und die Tinte dunkel. "
                       "MNIST will es umgekehrt."},
        "negative": {"en": "Right direction, but the values must stay in [0, 1]: white paper (1) must become "
                           "0, black ink (0) must become 1.",
                     "de": "Richtige Richtung, aber die Werte müssen in [0, 1] bleiben: Weißes Papier (1) "
                           "muss 0 werden, schwarze Tinte (0) muss 1 werden."},
        "255": {"en": "The photo is already scaled to [0, 1] here, not 0-255.",
                "de": "Das Foto ist hier schon auf [0, 1] skaliert, nicht auf 0–255."},
        "other": {"en": "White paper (1) must become 0, black ink (0) must become 1, and grey stays grey.",
                  "de": "Weißes Papier (1) muss 0 werden, schwarze Tinte (0) muss 1 werden, und Grau bleibt "
                        "Grau."},
    },
)
def _invert(answer):
    if not callable(answer):
        return "function"
    for photo in _PHOTOS:
        got = np.asarray(answer(photo.copy()), dtype=float)
        if got.shape == photo.shape and np.allclose(got, 1 - photo):
            continue
        if got.shape == photo.shape and np.allclose(got, photo):
            return "same"
        if got.shape == photo.shape and np.allclose(got, -photo):
            return "negative"
        if got.shape == photo.shape and (np.allclose(got, 255 - photo) or np.allclose(got, photo / 255)):
            return "255"
        return "other"
    return None


@exercise(
    "09.fashion_outputs",
    right=[10, 10.0, np.int64(10)],
    wrong=[784, 9, 1, 28, "10"],
    hints={
        "number": {"en": "Answer with one whole number.", "de": "Antworte mit einer ganzen Zahl."},
        "inputs": {"en": "784 is the number of *inputs* (pixels). How many classes are there to choose from?",
                   "de": "784 ist die Anzahl der *Eingaben* (Pixel). Zwischen wie vielen Klassen wählt das "
                         "Netz?"},
        "nine": {"en": "The labels run from 0 to 9 — how many labels is that?",
                 "de": "Die Labels laufen von 0 bis 9 – wie viele Labels sind das?"},
        "one": {"en": "Softmax gives one probability *per class*, so there is one output per class.",
                "de": "Softmax liefert eine Wahrscheinlichkeit *pro Klasse*, also gibt es eine Ausgabe pro "
                      "Klasse."},
        "other": {"en": "Count the rows of the class table in the lesson.",
                  "de": "Zähle die Zeilen der Klassentabelle in der Lektion."},
    },
)
def _fashion_outputs(answer):
    answer = as_number(answer)
    if answer is None:
        return "number"
    return {10: None, 784: "inputs", 9: "nine", 1: "one"}.get(answer, "other")
