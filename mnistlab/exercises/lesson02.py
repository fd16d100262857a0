"""Lesson 02 (The neuron): weighted sum + bias + activation, the derivatives of ReLU and sigmoid."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number, close, is_number

_NEURON_Z = 1 * 2 + (-2) * 3 + 0.5 * 2 + 1  # w = (1, -2, 0.5), x = (2, 3, 2), b = 1: z = -2


@exercise(
    "02.neuron_output",
    right=[(-2, 0), [-2.0, 0.0], (np.float64(-2.0), np.array([0.0])), (-2, -0.0)],
    wrong=[(-3, 0), (-2, -2), (2, 2), (0, 0), (0, -2), (-2, 1), 0, -2, "(-2, 0)", (-2, 0, 1)],
    hints={
        "z": {"en": "z = −2 is right, but a is the output *after* ReLU: what does ReLU make of −2?",
              "de": "z = −2 stimmt, aber a ist die Ausgabe *nach* der ReLU: Was macht die ReLU aus −2?"},
        "no_bias": {"en": "z = −3 is only the weighted sum w·x: you forgot the bias b = 1 (z = w·x + b).",
                    "de": "z = −3 ist nur die gewichtete Summe w·x: Du hast den Bias b = 1 vergessen "
                          "(z = w·x + b)."},
        "relu": {"en": "z is right; ReLU(z) = max(0, z) - check a again.",
                 "de": "z stimmt; ReLU(z) = max(0, z) – prüfe a noch einmal."},
        "sum": {"en": "Multiply each input with its weight, add the three products and b: that is z. Then a "
                      "= ReLU(z).",
                "de": "Multipliziere jede Eingabe mit ihrem Gewicht, addiere die drei Produkte und b: Das "
                      "ist z. Dann ist a = ReLU(z)."},
        "pair": {"en": "Answer with a pair (z, a): the weighted sum plus bias, and the output after ReLU.",
                 "de": "Antworte mit einem Paar (z, a): der gewichteten Summe plus Bias und der Ausgabe nach "
                       "der ReLU."},
    },
)
def _neuron_output(answer):
    if isinstance(answer, str | bytes) or not isinstance(answer, tuple | list) or len(answer) != 2:
        return "pair"
    z, a = (as_number(v) for v in answer)
    if z is None or a is None:
        return "pair"
    if np.isclose(z, _NEURON_Z):
        if np.isclose(a, max(_NEURON_Z, 0)):
            return None
        return "z" if np.isclose(a, _NEURON_Z) else "relu"
    if np.isclose(z, _NEURON_Z - 1):
        return "no_bias"  # a alone could not show it: ReLU makes both -2 and -3 into 0
    return "sum"


@exercise(
    "02.relu_prime_values",
    right=[[0, 0, 1], (0.0, 0.0, 1.0), np.array([0.0, 0.0, 1.0])],
    wrong=[[0, 0, 3], [0, 1, 1], [0, 0.5, 1], [-2, 0, 3], [1, 1, 1], [0, 1], 1],
    hints={
        "relu": {"en": "That is relu(z) itself. The derivative is the *slope* of ReLU at each z.",
                 "de": "Das ist relu(z) selbst. Die Ableitung ist die *Steigung* der ReLU an jeder "
                       "Stelle z."},
        "kink": {"en": "At the kink z = 0 ReLU has no slope of its own; we (and mnistlab) take 0 there.",
                 "de": "Am Knick z = 0 hat die ReLU keine eindeutige Steigung; wir (und mnistlab) nehmen "
                       "dort 0."},
        "slope": {"en": "Left of 0, ReLU is flat (slope 0); right of 0 it is the line a = z (slope 1).",
                  "de": "Links von 0 ist die ReLU flach (Steigung 0); rechts von 0 ist sie die Gerade a = z "
                        "(Steigung 1)."},
        "three": {"en": "Answer with three numbers, one per z, e.g. [5, 6, 7].",
                  "de": "Antworte mit drei Zahlen, eine pro z, z. B. [5, 6, 7]."},
    },
)
def _relu_prime(answer):
    try:
        values = np.asarray(answer, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return "three"
    if values.shape != (3,):
        return "three"
    if close(values, [0, 0, 1]):
        return None
    if close(values, [0, 0, 3]):
        return "relu"
    if close(values[[0, 2]], [0, 1]) and not close(values[1], 0):
        return "kink"  # [0, 1, 1], [0, 0.5, 1]: right on both sides, another choice at z = 0
    return "slope"


@exercise(
    "02.sigmoid_prime_max",
    right=[0.25, 1 / 4, np.float64(0.25)],
    wrong=[0.5, 1, 0, 0.2, "0.25", (0, 25)],
    hints={
        "sigmoid": {"en": "0.5 is σ(0), the value of the sigmoid. Its slope there is σ(0) · (1 − σ(0)).",
                    "de": "0,5 ist σ(0), der Wert der Sigmoid-Funktion. Ihre Steigung dort ist "
                          "σ(0) · (1 − σ(0))."},
        "one": {"en": "Look at the dashed orange curve in the chart: does it ever reach 1?",
                "de": "Sieh dir die gestrichelte orange Kurve im Diagramm an: Erreicht sie jemals 1?"},
        "where": {"en": "The slope is steepest in the middle, at z = 0: compute σ(0) · (1 − σ(0)).",
                  "de": "Am steilsten ist die Kurve in der Mitte, bei z = 0: Rechne σ(0) · (1 − σ(0))."},
        "comma": {"en": "In Python, decimals are written with a point: 0.5, not 0,5 (that is a pair of "
                        "numbers, 0 and 5).",
                  "de": "In Python schreibst du Dezimalzahlen mit Punkt: 0.5, nicht 0,5 (das wäre ein Paar "
                        "aus den Zahlen 0 und 5)."},
        "number": {"en": "Answer with one number.", "de": "Antworte mit einer Zahl."},
    },
)
def _sigmoid_prime_max(answer):
    if isinstance(answer, tuple) and len(answer) == 2 and all(is_number(v) for v in answer):
        return "comma"  # 0,25 typed with a German decimal comma is the tuple (0, 25)
    value = as_number(answer)
    if value is None:
        return "number"
    if np.isclose(value, 0.25):
        return None
    if np.isclose(value, 0.5):
        return "sigmoid"
    if np.isclose(value, 1):
        return "one"
    return "where"
