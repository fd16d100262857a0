"""Lesson 08d (Against overfitting): the L2 penalty as a function, and which epoch early stopping keeps.

| exercise | called as / asks | must agree with |
|---|---|---|
| 08.l2_penalty | l2_penalty(params, weight_decay) -> lambda/2 * sum of ||W||^2 | History.penalty (ml.train) |
| 08.early_stop_epoch | patience 4, stopped after epoch 17: the epoch whose parameters it keeps | 13 |
"""

import numpy as np

from mnistlab.exercises import exercise
from mnistlab.exercises.compare import as_number
from mnistlab.exercises.function_exercises import _hints, judge


def l2_penalty_reference(params, weight_decay):
    """lambda/2 times the sum of the squared weights of every W (the biases are not penalised)."""
    return weight_decay / 2 * sum(float(np.sum(value.astype(float) ** 2)) for name, value in params.items()
                                  if name.startswith("W"))


def penalty_by_loop(params, weight_decay):
    total = 0.0
    for l in range(1, len(params) // 2 + 1):
        total += np.linalg.norm(params[f"W{l}"]) ** 2
    return weight_decay / 2 * total


def penalty_with_biases(params, weight_decay):
    return weight_decay / 2 * sum(float(np.sum(value**2)) for value in params.values())


def penalty_without_half(params, weight_decay):
    return 2 * l2_penalty_reference(params, weight_decay)


def penalty_of_norms(params, weight_decay):  # ||W||, not ||W||^2
    return weight_decay / 2 * sum(float(np.linalg.norm(v)) for k, v in params.items() if k.startswith("W"))


def penalty_first_layer(params, weight_decay):
    return weight_decay / 2 * float(np.sum(params["W1"] ** 2))


def penalty_of_means(params, weight_decay):  # the mean square instead of the sum
    return weight_decay / 2 * sum(float(np.mean(v**2)) for k, v in params.items() if k.startswith("W"))


def _penalty_cases():
    rng = np.random.default_rng(83)
    two = {"W1": rng.standard_normal((4, 3)), "b1": rng.standard_normal((4, 1)),
           "W2": rng.standard_normal((2, 4)), "b2": rng.standard_normal((2, 1))}
    three = {"W1": rng.standard_normal((5, 6)).astype(np.float32), "b1": np.ones((5, 1), np.float32),
             "W2": rng.standard_normal((4, 5)).astype(np.float32), "b2": np.ones((4, 1), np.float32),
             "W3": rng.standard_normal((3, 4)).astype(np.float32), "b3": np.ones((3, 1), np.float32)}
    return [("a 3-4-2 network with weight_decay 0.01", (two, 0.01)),
            ("a 6-5-4-3 network (float32) with weight_decay 0.5", (three, 0.5))]


@exercise("08.l2_penalty", right=[l2_penalty_reference, penalty_by_loop],
          wrong=[penalty_with_biases, penalty_without_half, penalty_of_norms, penalty_first_layer,
                 penalty_of_means, 0.01],
          hints=_hints("l2_penalty",
                       biases={"en": "The biases are not penalised: add up only the weight matrices W1, W2, ...",
                               "de": "Die Biases werden nicht bestraft: Addiere nur die Gewichtsmatrizen W1, W2, …"},
                       half={"en": "Twice too large: the penalty is lambda/2 times the sum of squares (the 1/2 "
                                   "makes its gradient lambda W).",
                             "de": "Doppelt zu groß: Der Strafterm ist lambda/2 mal die Summe der Quadrate (die "
                                   "1/2 macht seinen Gradienten zu lambda W)."},
                       norms={"en": "Square the norms: ||W||² = np.sum(W**2), not np.linalg.norm(W).",
                              "de": "Quadriere die Normen: ||W||² = np.sum(W**2), nicht np.linalg.norm(W)."},
                       first={"en": "Every weight matrix counts, not only W1: loop over all W's of params.",
                              "de": "Jede Gewichtsmatrix zählt, nicht nur W1: Gehe alle W in params durch."},
                       means={"en": "Add up the squares (np.sum), don't average them (np.mean).",
                              "de": "Addiere die Quadrate (np.sum), statt sie zu mitteln (np.mean)."}))
def _l2_penalty(answer):
    mistakes = [("biases", penalty_with_biases), ("half", penalty_without_half), ("norms", penalty_of_norms),
                ("first", penalty_first_layer), ("means", penalty_of_means)]
    return judge(answer, _penalty_cases(), l2_penalty_reference, mistakes, shape_of=lambda args: "params")


PATIENCE, STOPPED = 4, 17  # the question's numbers: the answer is STOPPED - PATIENCE = 13


@exercise("08.early_stop_epoch", right=[13, 13.0, np.int64(13), np.array([13])],
          wrong=[17, 4, 21, 12, 14, 30, 0, "13", [13]],
          hints={
              "number": {"en": "Answer with one whole number: an epoch.",
                         "de": "Antworte mit einer ganzen Zahl: einer Epoche."},
              "last": {"en": "Epoch 17 is where it stopped - because the epochs before it brought no improvement. "
                             "Early stopping goes back to the best one.",
                       "de": "In Epoche 17 hat es aufgehört – weil die Epochen davor keine Verbesserung brachten. "
                             "Frühes Stoppen geht zurück zur besten."},
              "patience": {"en": "4 is the patience, a number of epochs to wait, not an epoch. Which epoch was "
                                 "the last one that improved the validation loss?",
                           "de": "4 ist die Geduld, eine Anzahl von Epochen zum Warten, keine Epoche. Welche "
                                 "Epoche hat den Verlust auf den Validierungsdaten zuletzt verbessert?"},
              "forward": {"en": "The patience counts the epochs *after* the best one, up to the stop: look back "
                                "from 17, not forward.",
                          "de": "Die Geduld zählt die Epochen *nach* der besten bis zum Stopp: Schau von 17 "
                                "zurück, nicht nach vorn."},
              "off_by_one": {"en": "Off by one: after the best epoch, 4 epochs without improvement; the 4th of "
                                   "them is epoch 17.",
                             "de": "Um eins daneben: Nach der besten Epoche kommen 4 Epochen ohne Verbesserung; "
                                   "die 4. davon ist Epoche 17."},
              "other": {"en": "It stopped after epoch 17 because 4 epochs in a row did not beat the best "
                              "validation loss. Count back.",
                        "de": "Es hat nach Epoche 17 aufgehört, weil 4 Epochen hintereinander den besten Verlust "
                              "auf den Validierungsdaten nicht geschlagen haben. Zähle zurück."}})
def _early_stop_epoch(answer):
    value = as_number(answer)
    if value is None:
        return "number"
    known = {STOPPED - PATIENCE: None, STOPPED: "last", PATIENCE: "patience", STOPPED + PATIENCE: "forward",
             STOPPED - PATIENCE - 1: "off_by_one", STOPPED - PATIENCE + 1: "off_by_one"}
    return known.get(value, "other")
