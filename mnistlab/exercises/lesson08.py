"""Lesson 08 (08a mini-batches: the global-m bug as a learning rate; 08b deeper networks: the number of
parameters, the standard deviation of He initialisation). 08a's function exercise 08.minibatch_epoch lives in
function_exercises.py."""

import math

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number

# 08a: a colleague's code divides every mini-batch gradient by the training-set size (2,000) instead of the
# batch size (32), with learning rate 0.5. The same steps with a correct gradient need 0.5 * 32 / 2000.
_COLLEAGUE = {"learning_rate": 0.5, "batch": 32, "n_train": 2000}
_GLOBAL_M_RATE = 0.5 * 32 / 2000  # 0.008


@exercise(
    "08.global_m_rate",
    right=[0.008, 8e-3, 0.5 * 32 / 2000, np.float64(0.008), np.array([0.008])],
    wrong=[0.5 * 2000 / 32, 32 / 2000, 0.5 * 32 / 42000, 0.5, 0.5 / 2000, 0.08, "0.008", [0.008, 0.008]],
    hints={
        "number": {"en": "Answer with one number.",
                   "de": "Antworte mit einer Zahl."},
        "inverted": {"en": "That would make her steps larger. Dividing by 2,000 instead of 32 makes every "
                           "gradient 2000 / 32 times too SMALL — so the learning rate that gives the same "
                           "steps is smaller than hers, not larger.",
                     "de": "Damit würden ihre Schritte größer. Teilt man durch 2.000 statt durch 32, wird "
                           "jeder Gradient 2000 / 32-mal zu KLEIN – die Lernrate, die dieselben Schritte "
                           "macht, ist also kleiner als ihre, nicht größer."},
        "ratio": {"en": "32 / 2000 is the factor by which her gradients are too small. Her learning rate 0.5"
                        " multiplies the step too.",
                  "de": "32 / 2000 ist der Faktor, um den ihre Gradienten zu klein sind. Ihre Lernrate 0,5 "
                        "multipliziert den Schritt zusätzlich."},
        "original": {"en": "That uses the original's 42,000. Her code divides by her own training-set size, "
                           "2,000.",
                     "de": "Das verwendet die 42.000 des Originals. Ihr Code teilt durch die Größe ihrer "
                           "eigenen Trainingsdaten, 2.000."},
        "per_image": {"en": "Her gradient is not divided by 2,000 on top of the right mean: it is the sum "
                            "over 32 images divided by 2,000, i.e. the right mean times 32 / 2000.",
                      "de": "Ihr Gradient ist nicht zusätzlich zum richtigen Mittelwert durch 2.000 geteilt:"
                            " Er ist die Summe über 32 Bilder, geteilt durch 2.000, also der richtige "
                            "Mittelwert mal 32 / 2000."},
        "other": {"en": "Write both steps down: hers is 0.5 · (her gradient), and her gradient is the right "
                        "mean over the batch times a factor — which one? Then: which learning rate times the"
                        " right gradient gives the same step?",
                  "de": "Schreib beide Schritte auf: Ihrer ist 0,5 · (ihr Gradient), und ihr Gradient ist "
                        "der richtige Mittelwert über den Stapel mal einem Faktor – welchem? Dann: Welche "
                        "Lernrate mal dem richtigen Gradienten ergibt denselben Schritt?"},
    },
)
def _global_m_rate(answer):
    value = as_number(answer)
    if value is None:
        return "number"
    lr, batch, n = _COLLEAGUE["learning_rate"], _COLLEAGUE["batch"], _COLLEAGUE["n_train"]
    candidates = [(_GLOBAL_M_RATE, None), (lr * n / batch, "inverted"), (batch / n, "ratio"),
                  (lr * batch / 42_000, "original"), (lr / n, "per_image")]
    for expected, verdict in candidates:
        if math.isclose(value, expected, rel_tol=0.005):
            return verdict
    return "other"


_ARCHITECTURES = ([784, 128, 64, 10], [784, 10, 10], [784, 10], [3, 4, 2], [784, 256, 128, 64, 10])
_SMALL = [3, 4, 2]  # the network the hint asks to count by hand (26 parameters)


def _n_params(sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False))


@exercise(
    "08.n_params",
    right=[_n_params, lambda sizes: sum((a + 1) * b for a, b in zip(sizes, sizes[1:], strict=False))],
    wrong=[lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:], strict=False)),
           lambda sizes: sum(sizes),
           lambda sizes: sum(sizes[1:]),
           lambda sizes: sizes[0] * sizes[1] + sizes[1],
           lambda sizes: sum(a * b + a for a, b in zip(sizes, sizes[1:], strict=False)),
           lambda sizes: 109386,
           lambda sizes: [a * b + b for a, b in zip(sizes, sizes[1:], strict=False)],
           109386],
    hints={
        "function": {"en": "Answer with a function of the layer sizes, e.g. answer = n_params.",
                     "de": "Antworte mit einer Funktion der Schichtgrößen, z. B. answer = n_params."},
        "no_bias": {"en": "You counted the weights. Each layer also has one bias per neuron (b has shape "
                          "(n_out, 1)).",
                    "de": "Du hast die Gewichte gezählt. Jede Schicht hat außerdem einen Bias pro Neuron (b "
                          "hat die Form (n_out, 1))."},
        "neurons": {"en": "That counts neurons, not parameters. Each layer has a weight matrix W of shape "
                          "(n_out, n_in) and a bias b of shape (n_out, 1).",
                    "de": "Das zählt Neuronen, keine Parameter. Jede Schicht hat eine Gewichtsmatrix W der "
                          "Form (n_out, n_in) und einen Bias b der Form (n_out, 1)."},
        "first": {"en": "Right for the first layer, but every layer counts: loop over all pairs "
                        "(n_in, n_out) of neighbouring sizes.",
                  "de": "Für die erste Schicht stimmt das, aber jede Schicht zählt: Gehe alle Paare "
                        "(n_in, n_out) benachbarter Größen durch."},
        "bias_in": {"en": "One bias per neuron of the layer's *output*: b has n_out entries, not n_in.",
                    "de": "Ein Bias pro Neuron der *Ausgabe* einer Schicht: b hat n_out Einträge, nicht "
                          "n_in."},
        "other": {"en": "For {sizes} your function gives {got}. Count that small network by hand: per "
                        "layer, W has n_out × n_in entries and b has n_out; add up all layers.",
                  "de": "Für {sizes} liefert deine Funktion {got}. Zähle dieses kleine Netz von Hand nach: "
                        "Pro Schicht hat W n_out × n_in Einträge und b n_out; addiere alle Schichten."},
        "number": {"en": "Your function should return one whole number; for {sizes} it returns {got}.",
                   "de": "Deine Funktion sollte eine ganze Zahl zurückgeben; für {sizes} gibt sie {got} "
                         "zurück."},
    },
)
def _check_n_params(answer):
    if not callable(answer):
        return "function"
    for sizes in _ARCHITECTURES:
        result = answer(list(sizes))
        got = as_number(result)
        if got is None:
            return "number", {"sizes": str(list(_SMALL)), "got": repr(answer(list(_SMALL)))[:60]}
        if got == _n_params(sizes):
            continue
        pairs = list(zip(sizes[:-1], sizes[1:], strict=False))
        if got == sum(a * b for a, b in pairs):
            return "no_bias"
        if got in (sum(sizes), sum(sizes[1:])):
            return "neurons"
        if got == sizes[0] * sizes[1] + sizes[1]:
            return "first"
        if got == sum(a * b + a for a, b in pairs):
            return "bias_in"
        return "other", {"sizes": str(list(_SMALL)), "got": answer(list(_SMALL))}
    return None


# W2 of 784-128-64-10 has 64 · 128 = 8192 weights: their empirical std (W2.std()) scatters around the
# true sqrt(2 / 128) with a relative standard error of 1 / sqrt(2 · 8192) ≈ 0.8 %. Four standard errors
# let an honest measurement pass (it fails about once in 16,000 seeds) and still lie far from every wrong
# formula (the nearest, Xavier, is 18 % off).
HE_STD_RTOL = 4 / math.sqrt(2 * 64 * 128)


@exercise(
    "08.he_std",
    right=[0.125, math.sqrt(2 / 128), np.float32(0.125), 0.1250, 0.122, 0.128,
           np.array(0.1244), np.array([0.1259])],
    wrong=[2 / 128, math.sqrt(1 / 128), 0.5, math.sqrt(2 / 784), math.sqrt(2 / (128 + 64)), 0.13, 0.12,
           "0.125", np.array([0.125, 0.125])],
    hints={
        "number": {"en": "Answer with one number.", "de": "Antworte mit einer Zahl."},
        "variance": {"en": "That is the variance 2 / fan_in. The standard deviation is its square root.",
                     "de": "Das ist die Varianz 2 / fan_in. Die Standardabweichung ist ihre Wurzel."},
        "lecun": {"en": "Close: He initialisation has a 2 in it, because ReLU sets about half of the values "
                        "to 0.",
                  "de": "Fast: Bei der He-Initialisierung kommt eine 2 hinzu, weil die ReLU etwa die Hälfte "
                        "der Werte auf 0 setzt."},
        "uniform": {"en": "That is the original's ±0.5 — the same for every layer size. He scales with the "
                          "layer's number of inputs.",
                    "de": "Das ist das ±0,5 des Originals – gleich für jede Schichtgröße. He skaliert mit "
                          "der Anzahl der Eingaben der Schicht."},
        "fan_in": {"en": "fan_in is the number of inputs of *this* layer: W2 of 784-128-64-10 has shape "
                         "(64, 128).",
                   "de": "fan_in ist die Anzahl der Eingaben *dieser* Schicht: W2 von 784-128-64-10 hat die "
                         "Form (64, 128)."},
        "xavier": {"en": "That is Xavier (Glorot) initialisation, sqrt(2 / (fan_in + fan_out)). He uses "
                         "only fan_in, and a 2 for the half of the values ReLU sets to 0.",
                   "de": "Das ist die Xavier-(Glorot-)Initialisierung, sqrt(2 / (fan_in + fan_out)). He "
                         "verwendet nur fan_in – und eine 2 für die Hälfte der Werte, die die ReLU auf 0 "
                         "setzt."},
        "decimals": {"en": "Close, but two decimals cannot tell He from its neighbours: give at least three "
                           "(compute it, e.g. with np.sqrt).",
                     "de": "Fast, aber zwei Nachkommastellen reichen nicht, um He von ähnlichen Formeln zu "
                           "unterscheiden: Gib mindestens drei an (rechne sie aus, z. B. mit np.sqrt)."},
        "other": {"en": "He initialisation: std = sqrt(2 / fan_in).",
                  "de": "He-Initialisierung: std = sqrt(2 / fan_in)."},
    },
)
def _he_std(answer):
    value = as_number(answer)
    if value is None:
        return "number"
    candidates = [(math.sqrt(2 / 128), None), (2 / 128, "variance"), (math.sqrt(1 / 128), "lecun"),
                  (0.5, "uniform"), (math.sqrt(2 / 784), "fan_in"), (math.sqrt(2 / 64), "fan_in"),
                  (math.sqrt(2 / (128 + 64)), "xavier")]
    for expected, verdict in candidates:
        if abs(value - expected) <= HE_STD_RTOL * expected:
            return verdict
    if abs(value - math.sqrt(2 / 128)) <= 0.005 + 1e-9:
        return "decimals"  # 0.12 or 0.13: 0.125 rounded to two decimals is too coarse to tell
    return "other"
