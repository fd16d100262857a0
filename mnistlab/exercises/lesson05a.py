"""Lesson 05a (The chain rule, by hand): one neuron's dL/dw as a function, a gradient through a graph that
uses a value twice, and the two-class softmax + cross-entropy gradient as a function."""

import math

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number
from mnistlab.exercises.function_exercises import _hints, judge

# ---- 05.chain_dw: one ReLU neuron, a = ReLU(w·x + b), L = (a − y)² -------------------------------------


def _neuron_dw(x, w, b, y):
    """∂L/∂w = 2(a − y) · ReLU'(z) · x."""
    z = w * x + b
    a = max(z, 0.0)
    return 2 * (a - y) * (1.0 if z > 0 else 0.0) * x


def _dw_through_negative_z(x, w, b, y):  # ReLU'(z) forgotten: the gradient passes where z < 0
    return 2 * (max(w * x + b, 0.0) - y) * x


def _dw_with_z_for_a(x, w, b, y):  # no ReLU at all: a = z
    return 2 * (w * x + b - y) * x


def _dw_without_x(x, w, b, y):  # ∂z/∂w = x forgotten: that is ∂L/∂b
    return _neuron_dw(x, w, b, y) / x


def _dw_with_w(x, w, b, y):  # ∂z/∂w taken as w instead of x
    return _neuron_dw(x, w, b, y) / x * w


def _dw_sign(x, w, b, y):  # 2(y − a)
    return -_neuron_dw(x, w, b, y)


def _dw_without_two(x, w, b, y):  # the 2 of the square forgotten
    return _neuron_dw(x, w, b, y) / 2


NEURON_CASES = [  # (description, (x, w, b, y)): z > 0 and z < 0; x ≠ ±1, ±2 (÷x = ÷2), w ≠ x
    ("x = 3, w = 0.5, b = -1, y = 1", (3.0, 0.5, -1.0, 1.0)),
    ("x = -3, w = 0.5, b = 4, y = 0.5", (-3.0, 0.5, 4.0, 0.5)),
    ("x = 1.5, w = -2, b = 0.5, y = 1", (1.5, -2.0, 0.5, 1.0)),  # z = -2.5: the ReLU blocks
    ("x = -0.5, w = 3, b = 4, y = 4", (-0.5, 3.0, 4.0, 4.0)),
]


@exercise(
    "05.chain_dw",
    right=[_neuron_dw,
           lambda x, w, b, y: 2 * (np.maximum(w * x + b, 0) - y) * float(w * x + b > 0) * x],
    wrong=[_dw_through_negative_z, _dw_with_z_for_a, _dw_without_x, _dw_with_w, _dw_sign, _dw_without_two,
           0.5],
    hints=_hints(
        "dL_dw",
        relu={"en": "Where z = w·x + b is negative, the ReLU blocks: a = 0 whatever w does, so da/dz = 0 and "
                    "∂L/∂w = 0. Your gradient passes through anyway - multiply by ReLU'(z) (1 if z > 0, "
                    "else 0).",
              "de": "Wo z = w·x + b negativ ist, sperrt die ReLU: a = 0, was w auch tut, also da/dz = 0 und "
                    "∂L/∂w = 0. Dein Gradient fließt trotzdem durch – multipliziere mit ReLU'(z) (1 für "
                    "z > 0, sonst 0)."},
        no_x={"en": "That is ∂L/∂b. For w one more link of the chain: ∂z/∂w = x (w is multiplied by x).",
              "de": "Das ist ∂L/∂b. Für w fehlt ein Glied der Kette: ∂z/∂w = x (w wird mit x "
                    "multipliziert)."},
        with_w={"en": "∂z/∂w is x, not w: a product w·x passes to w the *other* factor.",
                "de": "∂z/∂w ist x, nicht w: Ein Produkt w·x gibt an w den *anderen* Faktor weiter."},
        sign={"en": "The sign is flipped: ∂L/∂a = 2(a − y), not 2(y − a). If a is above y, a larger a makes "
                    "L larger.",
              "de": "Das Vorzeichen ist verkehrt: ∂L/∂a = 2(a − y), nicht 2(y − a). Liegt a über y, "
                    "macht ein größeres a den Verlust größer."},
        two={"en": "Half the right value: the derivative of (a − y)² is 2(a − y) - the 2 is missing.",
             "de": "Halb so groß wie richtig: Die Ableitung von (a − y)² ist 2(a − y) – die 2 fehlt."},
    ),
)
def _chain_dw(answer):
    return judge(answer, NEURON_CASES, _neuron_dw,
                 [("relu", _dw_through_negative_z), ("relu", _dw_with_z_for_a), ("no_x", _dw_without_x),
                  ("with_w", _dw_with_w), ("sign", _dw_sign), ("two", _dw_without_two)])


# ---- 05.graph_grad: ∂L/∂x where x feeds two paths ---------------------------------------------------------
# p = w1·x, h = ReLU(p), q = w2·x, s = h + q, L = (s − y)², with the question's numbers:
GRAPH_QUESTION = {"x": 1.0, "w1": 2.0, "w2": -0.5, "y": 0.0}


def graph_paths(x, w1, w2, y):
    """(through p, through q): what the two edges out of x carry back to it."""
    p, q = w1 * x, w2 * x
    s = max(p, 0.0) + q
    ds = 2 * (s - y)
    return w1 * (1.0 if p > 0 else 0.0) * ds, w2 * ds


@exercise(
    "05.graph_grad",
    right=[4.5, np.float64(4.5), np.array([4.5]), 4.50001],
    wrong=[6.0, -1.5, 3.0, 1.5, -4.5, 7.5, "4.5", [6.0, -1.5]],
    hints={
        "number": {"en": "Answer with one number, ∂L/∂x.", "de": "Antworte mit einer Zahl, ∂L/∂x."},
        "one_path": {"en": "{got:g} is what one path brings back to x. But x is used twice - in p and in q - "
                           "so ∂L/∂x is the sum of what both edges carry.",
                     "de": "{got:g} bringt ein einzelner Pfad zu x zurück. Aber x wird zweimal verwendet – "
                           "in p und in q –, also ist ∂L/∂x die Summe dessen, was beide Kanten tragen."},
        "upstream": {"en": "{got:g} is ∂L/∂s. Keep going: through the + gate (unchanged), the ReLU, and the "
                           "two products w1·x and w2·x, back to x.",
                     "de": "{got:g} ist ∂L/∂s. Weiter zurück: durch das +-Gatter (unverändert), die ReLU und "
                           "die beiden Produkte w1·x und w2·x bis zu x."},
        "local_only": {"en": "w1 + w2 is the sum of the local derivatives only: multiply each by the "
                             "gradient that arrives from above (∂L/∂p and ∂L/∂q).",
                       "de": "w1 + w2 ist nur die Summe der lokalen Ableitungen: Multipliziere jede mit dem "
                             "Gradienten, der von oben ankommt (∂L/∂p und ∂L/∂q)."},
        "sign": {"en": "The sign is flipped: ∂L/∂s = 2(s − y).",
                 "de": "Das Vorzeichen ist verkehrt: ∂L/∂s = 2(s − y)."},
        "other": {"en": "Not yet. Go step by step from L down to x: ∂L/∂s, then ∂L/∂h and ∂L/∂q, ∂L/∂p, and "
                        "the two edges into x - then add them.",
                  "de": "Noch nicht. Geh Schritt für Schritt von L hinunter zu x: ∂L/∂s, dann ∂L/∂h und "
                        "∂L/∂q, ∂L/∂p und die beiden Kanten in x – und addiere sie."},
    },
)
def _graph_grad(answer):
    got = as_number(answer)
    if got is None:
        return "number"
    via_p, via_q = graph_paths(**GRAPH_QUESTION)
    x, w1, w2, y = (GRAPH_QUESTION[k] for k in ("x", "w1", "w2", "y"))
    s = max(w1 * x, 0.0) + w2 * x
    close = lambda value: math.isclose(got, value, rel_tol=1e-3, abs_tol=1e-6)  # noqa: E731
    if close(via_p + via_q):
        return None
    if close(-(via_p + via_q)):
        return "sign"
    if close(via_p) or close(via_q):
        return "one_path", {"got": got}
    if close(2 * (s - y)):
        return "upstream", {"got": got}
    if close(w1 + w2):
        return "local_only"
    return "other"


# ---- 05.softmax2_grad: ∂L/∂z for two classes, L = −log p_y ---------------------------------------------


def _softmax2(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def _grad_z(z, Y):
    """p − Y for two scores z (2,) and a one-hot Y (2,)."""
    return _softmax2(z) - Y


def _grad_sign(z, Y):
    return Y - _softmax2(z)


def _grad_diagonal(z, Y):  # only ∂p_y/∂z_y: the coupling through the shared denominator forgotten
    p = _softmax2(z)
    return np.where(Y == 1, p - 1, 0.0)


def _grad_dL_dp(z, Y):  # stops at ∂L/∂p_y = −1/p_y
    return np.where(Y == 1, -1 / _softmax2(z), 0.0)


def _grad_without_softmax(z, Y):
    return z - Y


def _grad_p_only(z, Y):
    return _softmax2(z)


def _grad_overflowing(z, Y):
    e = np.exp(z)
    return e / e.sum() - Y


def _softmax2_cases():
    rng = np.random.default_rng(11)
    cases = [("z = [2, 0.5], Y = [1, 0]", (np.array([2.0, 0.5]), np.array([1.0, 0.0]))),
             ("z = [2, 0.5], Y = [0, 1]", (np.array([2.0, 0.5]), np.array([0.0, 1.0])))]
    for k in range(3):
        z = 2 * rng.standard_normal(2)
        cases.append((f"z = [{z[0]:.2f}, {z[1]:.2f}], Y = {[1 - k % 2, k % 2]}",
                      (z, np.array([1.0 - k % 2, k % 2]))))
    cases.append(("z = [1000, 998], Y = [0, 1]", (np.array([1000.0, 998.0]), np.array([0.0, 1.0]))))
    return cases


@exercise(
    "05.softmax2_grad",
    right=[_grad_z, lambda z, Y: np.exp(z - z.max()) / np.exp(z - z.max()).sum() - Y,
           lambda z, Y: 1 / (1 + np.exp(z[::-1] - z)) - Y],
    wrong=[_grad_sign, _grad_diagonal, _grad_dL_dp, _grad_without_softmax, _grad_p_only, _grad_overflowing,
           lambda z, Y: (_softmax2(z) - Y)[:1], "p - Y"],
    hints=_hints(
        "grad_z",
        sign={"en": "The sign is flipped: it is p − Y (prediction minus truth), not Y − p. Check: if p_1 is "
                    "too large for a label 2, L falls when z_1 falls, so ∂L/∂z_1 > 0.",
              "de": "Das Vorzeichen ist verkehrt: Es ist p − Y (Vorhersage minus Wahrheit), nicht Y − p. "
                    "Probe: Ist p_1 bei Label 2 zu groß, fällt L, wenn z_1 fällt, also ist ∂L/∂z_1 > 0."},
        coupling={"en": "Right for the true class, but the other score gets 0 from you. Both probabilities "
                        "share one denominator, so z of the *other* class changes p_y too: "
                        "∂p_1/∂z_2 = −p_1·p_2. That gives p_k − Y_k for every k.",
                  "de": "Für die richtige Klasse stimmt es, aber der andere Rohwert bekommt bei dir 0. "
                        "Beide Wahrscheinlichkeiten haben denselben Nenner, also ändert auch z der *anderen* "
                        "Klasse p_y: ∂p_1/∂z_2 = −p_1·p_2. Das ergibt p_k − Y_k für jedes k."},
        dL_dp={"en": "−1/p_y is ∂L/∂p_y, the first link. Continue through the softmax with its Jacobian "
                     "(∂p_1/∂z_1 = p_1(1 − p_1), ∂p_1/∂z_2 = −p_1·p_2).",
               "de": "−1/p_y ist ∂L/∂p_y, das erste Glied. Geh weiter durch die Softmax mit ihrer "
                     "Jacobi-Matrix (∂p_1/∂z_1 = p_1(1 − p_1), ∂p_1/∂z_2 = −p_1·p_2)."},
        no_softmax={"en": "z − Y uses the scores themselves: first turn them into probabilities "
                          "p = softmax(z), then p − Y.",
                    "de": "z − Y nimmt die Rohwerte selbst: Mach erst Wahrscheinlichkeiten daraus, "
                          "p = softmax(z), dann p − Y."},
        p_only={"en": "That is p alone: subtract the one-hot truth Y.",
                "de": "Das ist nur p: Zieh die One-hot-Wahrheit Y ab."},
        overflow={"en": "For z = [1000, 998] you get NaN: np.exp(1000) overflows. Subtract the largest score "
                        "first, as in lesson 03: np.exp(z - z.max()).",
                  "de": "Für z = [1000, 998] bekommst du NaN: np.exp(1000) läuft über. Zieh zuerst den "
                        "größten Rohwert ab, wie in Lektion 03: np.exp(z - z.max())."},
    ),
)
def _softmax2_grad(answer):
    return judge(answer, _softmax2_cases(), _grad_z,
                 [("sign", _grad_sign), ("coupling", _grad_diagonal), ("dL_dp", _grad_dL_dp),
                  ("no_softmax", _grad_without_softmax), ("p_only", _grad_p_only),
                  ("overflow", _grad_overflowing)])
