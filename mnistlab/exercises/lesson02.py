"""Lesson 02 (The neuron): weighted sum + bias + activation, the derivatives of ReLU and sigmoid."""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import close, is_number


def _number(answer):
    """The answer as a float if it is one number (also a 1-element array), else None."""
    if isinstance(answer, str):
        return None
    if is_number(answer):
        return float(answer)
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(array.item()) if array.size == 1 else None


@exercise(
    "02.neuron_output",
    right=[0, 0.0, np.float64(0.0), np.array([0.0])],
    wrong=[-2, -3, 2, 1, "0"],
    hints={
        "z": {"en": "−2 is z, the weighted sum plus bias. What does ReLU make of it?",
              "de": "−2 ist z, die gewichtete Summe plus Bias. Was macht die ReLU daraus?"},
        "no_bias": {"en": "You forgot the bias b = 1: z = w·x + b.",
                    "de": "Du hast den Bias b = 1 vergessen: z = w·x + b."},
        "sum": {"en": "Multiply each input with its weight, add the three products and b, then apply ReLU.",
                "de": "Multipliziere jede Eingabe mit ihrem Gewicht, addiere die drei Produkte und b, dann "
                      "wende die ReLU an."},
        "number": {"en": "Answer with one number, the output a.",
                   "de": "Antworte mit einer Zahl, der Ausgabe a."},
    },
)
def _neuron_output(answer):
    a = _number(answer)
    if a is None:
        return "number"
    z = 1 * 2 + (-2) * 3 + 0.5 * 2 + 1  # = -2
    if np.isclose(a, max(z, 0)):
        return None
    if np.isclose(a, z):
        return "z"
    if np.isclose(a, z - 1) or np.isclose(a, max(z - 1, 0)):
        return "no_bias"
    return "sum"


@exercise(
    "02.relu_prime_values",
    right=[[0, 0, 1], (0.0, 0.0, 1.0), np.array([0.0, 0.0, 1.0])],
    wrong=[[0, 0, 3], [0, 1, 1], [-2, 0, 3], [1, 1, 1], [0, 1], 1],
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
    if close(values, [0, 1, 1]):
        return "kink"
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
    value = _number(answer)
    if value is None:
        return "number"
    if np.isclose(value, 0.25):
        return None
    if np.isclose(value, 0.5):
        return "sigmoid"
    if np.isclose(value, 1):
        return "one"
    return "where"
