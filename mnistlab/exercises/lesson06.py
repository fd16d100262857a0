"""Lesson 06 (Gradient descent): the update rule, a too-large learning rate, updates per epoch."""

import math

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import pair

M_IMAGES, BATCH = 60_000, 64  # the sizes the updates-per-epoch question names


def _update_examples():
    rng = np.random.default_rng(6)
    W1, dW1 = rng.normal(0, 0.1, (5, 7)), rng.normal(0, 1, (5, 7))
    return [(W1, dW1, 0.1), (W1, dW1, 0.5)]  # two rates: a rate that is ignored or fixed shows


def _right_update(W1, dW1, learning_rate):
    return W1 - learning_rate * dW1


@exercise(
    "06.update_W1",
    right=[_right_update, lambda W1, dW1, learning_rate: W1 + (-learning_rate) * dW1],
    wrong=[lambda W1, dW1, learning_rate: W1 + learning_rate * dW1,
           lambda W1, dW1, learning_rate: W1 - dW1,
           lambda W1, dW1, learning_rate: W1 - 0.1 * dW1,
           lambda W1, dW1, learning_rate: -learning_rate * dW1,
           lambda W1, dW1, learning_rate: W1 - learning_rate * np.sign(dW1),
           lambda W1, dW1, learning_rate: None, "W1 - learning_rate * dW1"],
    hints={
        "function": {"en": "Answer with a function: def update(W1, dW1, learning_rate): return ... - then "
                           "answer = update.",
                     "de": "Antworte mit einer Funktion: def update(W1, dW1, learning_rate): return ... – "
                           "und dann answer = update."},
        "uphill": {"en": "That step goes uphill: the gradient points where the loss grows. Subtract it.",
                   "de": "Dieser Schritt geht bergauf: Der Gradient zeigt dorthin, wo der Verlust wächst. "
                         "Ziehe ihn ab."},
        "no_rate": {"en": "The step must be scaled by the learning rate: with learning_rate = {rate} your "
                          "function gives a different result.",
                    "de": "Der Schritt muss mit der Lernrate skaliert werden: Mit learning_rate = {rate} "
                          "liefert deine Funktion ein anderes Ergebnis."},
        "only_step": {"en": "That is only the step. Return the new weights: the old W1 minus the step.",
                      "de": "Das ist nur der Schritt. Gib die neuen Gewichte zurück: das alte W1 minus den "
                            "Schritt."},
        "none": {"en": "Your function returns nothing (None): end it with return and the new W1.",
                 "de": "Deine Funktion gibt nichts zurück (None): Beende sie mit return und dem neuen W1."},
        "shape": {"en": "The new W1 must have the shape of W1, {expected}; yours has {shape}.",
                  "de": "Das neue W1 muss die Form von W1 haben, {expected}; deins hat {shape}."},
        "values": {"en": "The shape is right but the values are not: new W1 = W1 - learning_rate * dW1, "
                         "entry by entry.",
                   "de": "Die Form stimmt, die Werte nicht: neues W1 = W1 - learning_rate * dW1, Eintrag für "
                         "Eintrag."},
    },
)
def _update_W1(answer):
    if not callable(answer):
        return "function"
    for W1, dW1, rate in _update_examples():
        got = np.asarray(answer(W1.copy(), dW1.copy(), rate), dtype=float)  # None: ml.check's "none" hint
        expected = W1 - rate * dW1
        if got.shape == W1.shape and np.allclose(got, expected):
            continue
        if got.shape != W1.shape:
            return "shape", {"expected": W1.shape, "shape": got.shape}
        if np.allclose(got, -rate * dW1):
            return "only_step"
        factor = float(((W1 - got) * dW1).sum() / (dW1 * dW1).sum())  # got = W1 - factor * dW1 ?
        if np.allclose(got, W1 - factor * dW1):
            return ("uphill", {}) if factor < 0 else ("no_rate", {"rate": rate})
        return "values"
    return None


# Word stems of the three choices in both languages: "diverge", "diverged", "divergiert", "divergieren" …
_STEMS = {"diverg": "diverges", "fast": "faster", "schnell": "faster", "slow": "slower", "langsam": "slower"}
_NEGATIONS = {"not", "no", "never", "nicht", "kein", "keine", "nie"}


def _choice(answer):
    """The choice ("faster", "slower", "diverges") an answer in either language names, else None."""
    words = "".join(c if c.isalpha() else " " for c in answer.lower()).split()
    if not words or _NEGATIONS & set(words):
        return None
    found = {choice for word in words for stem, choice in _STEMS.items() if word.startswith(stem)}
    return found.pop() if len(found) == 1 else None


@exercise(
    "06.lr_10",
    right=["diverges", "Diverges", "diverged", " diverges ", "diverge", "diverging", "it diverges!",
           "divergiert", "Divergieren", "es divergiert", "divergent", "Divergenz"],
    wrong=["faster", "slower", "schneller", "langsamer", "nan", "does not diverge", "divergiert nicht",
           "faster, then diverges", "", 10],
    hints={
        "faster": {"en": "A larger step is not always faster: on a curved valley a step that is too long "
                         "overshoots to the other side, higher up. Try it: ml.train(..., learning_rate=10).",
                   "de": "Ein größerer Schritt ist nicht immer schneller: In einem gekrümmten Tal springt "
                         "ein zu langer Schritt auf die andere Seite, weiter nach oben. Probiere es aus: "
                         "ml.train(..., learning_rate=10)."},
        "slower": {"en": "Slower is what happens with a learning rate that is too *small*. 10 is 20 times "
                         "our "
                         "0.5 - try it: ml.train(..., learning_rate=10).",
                   "de": "Langsamer wird es mit einer zu *kleinen* Lernrate. 10 ist das 20-Fache unserer "
                         "0,5 – probiere es aus: ml.train(..., learning_rate=10)."},
        "choice": {"en": "Answer with one of the words \"faster\", \"slower\" or \"diverges\".",
                   "de": "Antworte mit einem der Wörter \"schneller\", \"langsamer\" oder \"divergiert\" "
                         "(oder englisch: \"faster\", \"slower\", \"diverges\")."},
    },
)
def _lr_10(answer):
    if not isinstance(answer, str):
        return "choice"
    choice = _choice(answer)
    if choice == "diverges":
        return None
    return choice or "choice"


@exercise(
    "06.updates_per_epoch",
    right=[(1, 938), [1, 938], (1.0, 938.0), np.array([1, 938]), (np.int64(1), np.array(938))],
    wrong=[(1, 937), (938, 1), (60_000, 938), (1, 937.5), (1, 64), 938, "(1, 938)", ("1", "938"),
           (1, 938, 1)],
    hints={
        "pair": {"en": "Answer with two numbers in a tuple: (updates with full batch, updates with batch "
                       "64).",
                 "de": "Antworte mit zwei Zahlen als Tupel: (Updates mit vollem Stapel, Updates mit Stapeln "
                       "zu 64)."},
        "swapped": {"en": "The two numbers are swapped: full batch comes first.",
                    "de": "Die beiden Zahlen sind vertauscht: Der volle Stapel kommt zuerst."},
        "full": {"en": "Full batch: every step uses all {m:,} images at once. How many steps fit in one pass "
                       "over the data?",
                 "de": "Voller Stapel: Jeder Schritt nutzt alle {m:,} Bilder auf einmal. Wie viele Schritte "
                       "passen in einen Durchlauf durch die Daten?"},
        "floor": {"en": "{m:,} / {batch} = {exact:.2f}: after {floor} full batches {rest} images are left - "
                        "they make one more, smaller batch.",
                  "de": "{m:,} / {batch} = {exact:.2f}: Nach {floor} vollen Stapeln bleiben {rest} Bilder "
                        "übrig – sie bilden noch einen kleineren Stapel."},
        "fraction": {"en": "Updates come in whole steps: {exact:.2f} batches means {ceil} steps (the last "
                           "batch is smaller).",
                     "de": "Updates gibt es nur in ganzen Schritten: {exact:.2f} Stapel bedeuten {ceil} "
                           "Schritte (der letzte Stapel ist kleiner)."},
        "batch": {"en": "With batches of {batch} images, one epoch takes {m:,} / {batch} batches - rounded "
                        "up.",
                  "de": "Mit Stapeln zu {batch} Bildern braucht eine Epoche {m:,} / {batch} Stapel – "
                        "aufgerundet."},
    },
)
def _updates_per_epoch(answer):
    exact = M_IMAGES / BATCH
    values = {"m": M_IMAGES, "batch": BATCH, "exact": exact, "floor": math.floor(exact),
              "ceil": math.ceil(exact), "rest": M_IMAGES - math.floor(exact) * BATCH}
    numbers = pair(answer, float)
    if numbers is None:
        return "pair"
    full, batched = numbers
    if (full, batched) == (1, math.ceil(exact)):
        return None
    if (full, batched) == (math.ceil(exact), 1):
        return "swapped"
    if full != 1:
        return "full", values
    if batched == math.floor(exact):
        return "floor", values
    if math.isclose(batched, exact):
        return "fraction", values
    return "batch", values
